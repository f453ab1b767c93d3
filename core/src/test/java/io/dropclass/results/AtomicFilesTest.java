package io.dropclass.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Atomic replacement on a file system that runs out of space (jimfs with a size limit). */
class AtomicFilesTest {

    private static FileSystem smallDisk(long bytes) {
        return Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setBlockSize(1024).setMaxSize(bytes).build());
    }

    @Test
    void aFullDiskLeavesTheOldFileAndNoTemporaryAndSaysWhichFile() throws IOException {
        try (FileSystem fs = smallDisk(64 * 1024)) {
            Path target = fs.getPath("/run/checkpoints/last.safetensors");
            AtomicFiles.writeString(target, "old");
            byte[] tooBig = new byte[128 * 1024];
            assertThatThrownBy(() -> AtomicFiles.write(target, tooBig))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith(target + ": cannot write (")
                    .hasMessageContaining("; free space on the device or choose another --output")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThat(Files.readString(target)).isEqualTo("old");
            try (Stream<Path> files = Files.list(target.getParent())) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .containsExactly("last.safetensors");
            }
            // the space of the failed write is free again
            AtomicFiles.writeString(target, "new");
            assertThat(Files.readString(target)).isEqualTo("new");
        }
    }

    @Test
    void aFailingWriterLeavesNoTemporaryFile() throws IOException {
        try (FileSystem fs = smallDisk(1 << 20)) {
            Path target = fs.getPath("/out/metrics.json");
            assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
                out.write(new byte[10]);
                throw new IOException("No space left on device");
            })).hasMessage(target + ": cannot write (No space left on device); free space on"
                    + " the device or choose another --output folder");
            try (Stream<Path> files = Files.list(target.getParent())) {
                assertThat(files).isEmpty();
            }
        }
    }
}
