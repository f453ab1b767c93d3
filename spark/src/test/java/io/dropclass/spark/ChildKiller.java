package io.dropclass.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Kills, once, the training process (a child JVM of this one) of a run as soon as its run
 * directory exists: a task whose work dies mid-run, as when an executor is lost.
 */
final class ChildKiller implements AutoCloseable {

    private final Path runDirectory;
    private final AtomicBoolean killed = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean stop;

    private ChildKiller(Path runDirectory) {
        this.runDirectory = runDirectory;
        this.thread = new Thread(this::watch, "child-killer");
        this.thread.setDaemon(true);
    }

    static ChildKiller watch(Path runDirectory) {
        ChildKiller killer = new ChildKiller(runDirectory);
        killer.thread.start();
        return killer;
    }

    boolean killed() {
        return killed.get();
    }

    private void watch() {
        String target = runDirectory.toString();
        while (!stop && !killed.get()) {
            Optional<ProcessHandle> child = ProcessHandle.current().descendants()
                    .filter(p -> commandLine(p).contains(target)).findFirst();
            if (child.isPresent() && Files.isDirectory(runDirectory)) {
                child.get().destroyForcibly();
                killed.set(true);
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The process's arguments, from /proc (ProcessHandle.Info may leave them out). */
    private static List<String> commandLine(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()),
                    "cmdline"));
            return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            return List.of(); // ended meanwhile
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join();
    }
}
