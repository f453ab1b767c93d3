package io.dropclass.results;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that a reader sees either the old content or the complete new one, never a
 * half-written file: the content goes to a temporary file in the same folder (created if missing),
 * is flushed to disk (fsync), and replaces the target by an atomic rename, after which the folder
 * is synced too. A process killed midway leaves at most a {@code .NAME.PID.X.tmp} file beside the
 * target, which readers ignore.
 */
public final class AtomicFiles {

    /** Writes content to an output stream. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the content.
         *
         * @param out the stream of the temporary file; not to be closed
         * @throws IOException if writing fails
         */
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Replaces a file atomically.
     *
     * @param target the file to write
     * @param writer produces the content
     * @throws IOException if any step fails, naming the target and the reason (e.g. "No space left
     *     on device"); the target is then unchanged and no temporary file is left
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp;
        try {
            Files.createDirectories(dir);
            tmp = createTemporary(dir, "." + target.getFileName());
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                writer.write(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw cannotWrite(target, e);
        } catch (RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** One line: the target, the operating system's reason and what to do. */
    private static IOException cannotWrite(Path target, IOException e) {
        return new IOException(target + ": cannot write (" + reason(e) + "); free space on"
                + " the device or choose another --output folder", e);
    }

    /** The operating system's words for a failed write, e.g. "No space left on device". */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("");
    }

    /**
     * Flushes the folder's entry list, so the rename itself survives a power loss (POSIX; where a
     * folder cannot be opened for reading, e.g. on Windows, the rename is left to the OS).
     */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported for folders on this platform
        }
    }

    /**
     * A temporary file readable like any other new file: rw-rw-rw- minus the umask, not the
     * owner-only mode of {@link Files#createTempFile(Path, String, String,
     * java.nio.file.attribute.FileAttribute...)}.
     */
    private static Path createTemporary(Path dir, String prefix) throws IOException {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, prefix, ".tmp");
        }
        FileAttribute<?> mode =
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-"));
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve(prefix + "." + ProcessHandle.current().pid() + "."
                    + Long.toUnsignedString(System.nanoTime() + attempt, 36) + ".tmp");
            try {
                return Files.createFile(tmp, mode); // the OS applies the umask to the mode
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /**
     * Replaces a file atomically with the given bytes.
     *
     * @param target the file
     * @param content its new content
     * @throws IOException if writing fails
     */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    /**
     * Replaces a text file atomically (UTF-8).
     *
     * @param target the file
     * @param text its new content
     * @throws IOException if writing fails
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
