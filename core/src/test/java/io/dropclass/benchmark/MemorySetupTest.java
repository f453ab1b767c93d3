package io.dropclass.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Page-fault counters and the allocator as the environment configures it. */
class MemorySetupTest {

    @Test
    void faultsAreReadAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 123456 77 9 0 50 40 0 0";

        PageFaults faults = PageFaults.parse(stat).orElseThrow();

        assertThat(faults).isEqualTo(new PageFaults(123456, 9));
        assertThat(faults.since(new PageFaults(123000, 4))).isEqualTo(new PageFaults(456, 5));
        assertThat(PageFaults.parse("no parenthesis")).isEmpty();
        assertThat(PageFaults.parse("1 (x) S 1 2")).isEmpty();
    }

    @Test
    void thisProcessHasCounters() {
        assertThat(PageFaults.read()).hasValueSatisfying(f -> assertThat(f.minor()).isPositive());
    }

    @Test
    void theAllocatorFollowsTheEnvironment() {
        assertThat(MemoryAllocator.of(Map.of("GLIBC_TUNABLES",
                MemoryAllocator.RETAINING_GLIBC_TUNABLES)).retains()).isTrue();
        assertThat(MemoryAllocator.of(Map.of("LD_PRELOAD",
                "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2")).name()).isEqualTo("jemalloc");
        MemoryAllocator plain = MemoryAllocator.of(Map.of());
        assertThat(plain.retains()).isFalse();
        assertThat(plain.detail()).contains("GLIBC_TUNABLES=glibc.malloc.mmap_max=0");
        // mmap off but several arenas: requests over 64 MiB still go to mmap
        assertThat(MemoryAllocator.of(Map.of("GLIBC_TUNABLES", "glibc.malloc.mmap_max=0"))
                .retains()).isFalse();
    }
}
