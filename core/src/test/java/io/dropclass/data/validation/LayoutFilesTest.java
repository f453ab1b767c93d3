package io.dropclass.data.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing folders and list files: failures are one line naming the file and the fix. */
class LayoutFilesTest {

    @TempDir Path dir;

    @Test
    void aFolderThatCannotBeListedIsNamedWithItsReason() throws IOException {
        // a symbolic-link loop cannot be listed even by root (chmod 000 can)
        Path loop = dir.resolve("loop");
        Files.createSymbolicLink(loop, loop);
        assertThatThrownBy(() -> LayoutFiles.files(loop, p -> true))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageStartingWith(loop + ": cannot list the folder (")
                .hasMessageContaining("; check that it exists")
                .hasMessageNotContaining("Exception");
        assertThatThrownBy(() -> LayoutFiles.directories(dir.resolve("absent")))
                .hasMessageContaining("absent: cannot list the folder (no such folder)");
    }

    @Test
    void aListFileWithoutEntriesIsRefused() throws IOException {
        Path list = dir.resolve("train.txt");
        Files.writeString(list, "# only a comment\n\n   \n");
        assertThatThrownBy(() -> LayoutFiles.listLines(list))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessage(list + ": the list file names no samples; add one sample per line,"
                        + " or point --split at another list");
        Files.writeString(list, "# header\n a \nb\n");
        assertThat(LayoutFiles.listLines(list)).containsExactly("a", "b");
    }
}
