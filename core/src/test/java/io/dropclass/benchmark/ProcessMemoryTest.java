package io.dropclass.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void readsVmRssAndVmHwmInMebibytes() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  2097152 kB\n"
                + "VmRSS:\t  1048576 kB\nThreads:\t42\n";
        ProcessMemory memory = ProcessMemory.parse(status);
        assertThat(memory.peakMb()).hasValue(2048.0);
        assertThat(memory.currentMb()).hasValue(1024.0);
    }

    @Test
    void missingOrOddLinesAreAbsent() {
        assertThat(ProcessMemory.parse("Name:\tjava\n").peakMb()).isEmpty();
        assertThat(ProcessMemory.parse("VmRSS:\t12 MB\nVmHWM:\tlots kB\n").currentMb()).isEmpty();
        assertThat(ProcessMemory.parse("VmRSS:\t12 MB\nVmHWM:\tlots kB\n").peakMb()).isEmpty();
    }

    @Test
    void readsThisProcessOnLinux() {
        ProcessMemory memory = ProcessMemory.read();
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertThat(memory.currentMb().getAsDouble()).isPositive();
            assertThat(memory.peakMb().getAsDouble())
                    .isGreaterThanOrEqualTo(memory.currentMb().getAsDouble());
        } else {
            assertThat(memory.currentMb()).isEmpty();
        }
    }
}
