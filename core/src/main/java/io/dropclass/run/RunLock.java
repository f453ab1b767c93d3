package io.dropclass.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive lock of a run directory, an OS file lock on {@code RUN/.lock}, held by the one
 * process that trains in it for the whole run. The operating system releases it when the process
 * ends, however it ends (a SIGKILL too), so a lock never outlives its holder.
 *
 * <p>Closing any descriptor of a file drops every POSIX lock the process holds on it, so a run
 * this JVM already holds is answered from {@link #HELD} without opening the lock file again.
 */
public final class RunLock implements AutoCloseable {

    /** The lock file's name in the run directory. */
    public static final String FILE = ".lock";

    /** The run directories this JVM holds the lock of (absolute, normalised). */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    private static Path key(Path root) {
        return root.toAbsolutePath().normalize();
    }

    /**
     * Takes the lock of a run directory, without waiting.
     *
     * @param root the run directory (must exist)
     * @return the lock, held until {@link #close}
     * @throws IOException with a one-line message if another process (or another run in this
     *     process) holds it, or the lock file cannot be opened
     */
    public static RunLock acquire(Path root) throws IOException {
        Path key = key(root);
        if (!HELD.add(key)) {
            throw new IOException(busy(root));
        }
        try {
            return lock(root, key);
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }

    private static RunLock lock(Path root, Path key) throws IOException {
        FileChannel channel = FileChannel.open(root.resolve(FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this JVM
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IOException(busy(root));
        }
        return new RunLock(key, channel, lock);
    }

    /**
     * The message for a run directory that another process trains in.
     *
     * @param root the run directory
     * @return one line naming it and the way out
     */
    public static String busy(Path root) {
        return root + ": another dropclass process is training in this run directory; wait for it"
                + " or stop it";
    }

    /**
     * Whether some process holds the lock of a run directory now (a run without a lock file is
     * not locked). Takes and releases the lock to find out.
     *
     * @param root the run directory
     * @return true if it is held
     */
    public static boolean isLocked(Path root) {
        if (HELD.contains(key(root))) {
            return true;
        }
        if (!Files.isRegularFile(root.resolve(FILE))) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(root.resolve(FILE), StandardOpenOption.WRITE)) {
            try {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    return true;
                }
                lock.release();
                return false;
            } catch (OverlappingFileLockException e) {
                return true;
            }
        } catch (IOException e) {
            return false; // unreadable: the resume itself reports why
        }
    }

    /** Releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
            HELD.remove(key);
        }
    }
}
