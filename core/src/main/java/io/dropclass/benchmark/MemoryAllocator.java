package io.dropclass.benchmark;

import java.util.Locale;
import java.util.Map;

/**
 * Which native memory allocator the process runs with, read from its environment: whether freed
 * tensor memory is kept for the next step or handed back to the kernel (and faulted in, zeroed,
 * on the next touch).
 *
 * <p>glibc's malloc serves a request of 32 MiB or more (most activations of a training step) with
 * a fresh {@code mmap} and unmaps it on free, so every step faults its memory in again. The
 * launcher sets {@link #RETAINING_GLIBC_TUNABLES}: no {@code mmap} for allocations, no trimming,
 * one arena (the only one that can grow past 64 MiB without {@code mmap}), so freed memory stays
 * in the heap and is reused. A preloaded jemalloc or tcmalloc keeps memory as well.
 *
 * @param name {@code glibc (retaining)}, {@code glibc (default)}, {@code jemalloc}, ...
 * @param retains whether freed memory is kept for reuse
 * @param detail the environment that says so (the variable and its value), or a hint
 */
public record MemoryAllocator(String name, boolean retains, String detail) {

    /** The glibc settings of the launcher ({@code DROPCLASS_MEMORY=retain}, the default). */
    public static final String RETAINING_GLIBC_TUNABLES = "glibc.malloc.mmap_max=0"
            + ":glibc.malloc.trim_threshold=18446744073709551615:glibc.malloc.arena_max=1";

    /**
     * The allocator of this process.
     *
     * @return what the environment says
     */
    public static MemoryAllocator current() {
        return of(System.getenv());
    }

    /**
     * The allocator an environment sets up.
     *
     * @param env the environment variables
     * @return the allocator
     */
    public static MemoryAllocator of(Map<String, String> env) {
        String preload = env.getOrDefault("LD_PRELOAD", "").toLowerCase(Locale.ROOT);
        for (String library : new String[] {"jemalloc", "tcmalloc", "mimalloc"}) {
            if (preload.contains(library)) {
                return new MemoryAllocator(library, true, "LD_PRELOAD=" + env.get("LD_PRELOAD"));
            }
        }
        String tunables = env.getOrDefault("GLIBC_TUNABLES", "");
        if (tunables.contains("glibc.malloc.mmap_max=0")
                && tunables.contains("glibc.malloc.arena_max=1")) {
            return new MemoryAllocator("glibc (retaining)", true, "GLIBC_TUNABLES=" + tunables);
        }
        return new MemoryAllocator("glibc (default)", false,
                "freed tensors go back to the kernel and every step faults its memory in again;"
                        + " run through ./dropclass or set GLIBC_TUNABLES="
                        + RETAINING_GLIBC_TUNABLES);
    }
}
