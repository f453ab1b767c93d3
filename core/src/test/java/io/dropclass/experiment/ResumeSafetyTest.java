package io.dropclass.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropclass.model.weights.SafeTensors;
import io.dropclass.model.weights.TensorData;
import io.dropclass.results.ResultFiles;
import io.dropclass.results.RunManifest;
import io.dropclass.run.RunDirectory;
import io.dropclass.run.RunLock;
import io.dropclass.run.StateCheckpoints;
import io.dropclass.run.TerminalStatus;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resume changes nothing until it may: not while another process trains in the run, not before
 * every check passed; and a resume from an older checkpoint leaves no file of the abandoned branch
 * where the run's own files are.
 */
class ResumeSafetyTest {

    @TempDir Path tmp;

    /** One finished run, every checkpoint kept (steps 1..6, validations at 3 and 6). */
    private static Path whole;

    @BeforeAll
    static void trainOnce(@TempDir Path dir) throws IOException {
        whole = dir.resolve("whole");
        ResumeTest.train(ResumeTest.tiny(), whole);
    }

    /** Every file under a folder with its bytes. */
    private static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void assertUnchanged(Map<String, byte[]> before, Path dir) throws IOException {
        Map<String, byte[]> after = snapshot(dir);
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void aRunThatAnotherProcessTrainsInIsNeitherResumedNorPickedAsTheLatest() throws IOException {
        Path runs = tmp.resolve("runs");
        Path older = ResumeTest.killedAfter(whole, 4, runs.resolve("older"));
        Path busy = ResumeTest.killedAfter(whole, 4, runs.resolve("busy"));
        Files.writeString(busy.resolve("checkpoints/.iter_000005.safetensors.1.a.tmp"), "in flight");
        Files.setLastModifiedTime(older.resolve("manifest.json"),
                java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        try (FileChannel channel = FileChannel.open(busy.resolve(RunLock.FILE),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            Map<String, byte[]> before = snapshot(busy);
            assertThatThrownBy(() -> Experiment.resume(busy, null, List.of("resume"),
                            ResumeTest.quiet(), false))
                    .isInstanceOf(IOException.class)
                    .hasMessage(busy + ": another dropclass process is training in this run"
                            + " directory; wait for it or stop it");
            assertThatThrownBy(() -> Experiment.resume(busy,
                            busy.resolve("checkpoints").resolve(StateCheckpoints.fileName(2)), 0.5,
                            List.of("resume"), ResumeTest.quiet(), false))
                    .hasMessageContaining("another dropclass process is training");
            assertUnchanged(before, busy);
            assertThat(RunDirectory.latest(runs)).isEqualTo(older);
        }
        assertThat(RunDirectory.latest(runs)).isEqualTo(busy);
    }

    @Test
    void aFailedCheckLeavesConfigManifestAndCheckpointsAsTheyWere() throws IOException {
        Path run = tmp.resolve("run");
        ResumeTest.copyTree(whole, run);
        Files.writeString(run.resolve("checkpoints/.iter_000007.safetensors.1.a.tmp"), "half");
        RunManifest m = ResultFiles.readJson(run.resolve("manifest.json"), RunManifest.class);
        ResultFiles.writeJson(run.resolve("manifest.json"), new RunManifest(m.tool(), m.command(),
                m.status(), m.error(), m.seed(), m.threads(), m.versions(), m.gitCommit(),
                Map.of("train", "another", "val", "dataset"), m.startedAt(), m.finishedAt(),
                m.outcome(), m.resumes()));
        Map<String, byte[]> before = snapshot(run);
        assertThatThrownBy(() -> Experiment.resume(run,
                        run.resolve("checkpoints").resolve(StateCheckpoints.fileName(3)), 0.5,
                        List.of("resume"), ResumeTest.quiet(), false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the dataset changed since the run started");
        before.remove(RunLock.FILE);
        Map<String, byte[]> after = snapshot(run);
        after.remove(RunLock.FILE); // the lock file is created with the lock; it holds nothing
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void resumingFromAnOlderCheckpointMovesTheAbandonedBranchAsideEachTimeInANewFolder()
            throws IOException {
        Path run = tmp.resolve("run");
        ResumeTest.copyTree(whole, run);
        Path checkpoints = run.resolve("checkpoints");
        byte[] oldBest = Files.readAllBytes(checkpoints.resolve("best.safetensors"));
        byte[] oldLast = Files.readAllBytes(checkpoints.resolve("last.safetensors"));
        byte[] oldMetrics = Files.readAllBytes(run.resolve("metrics.json"));
        Path from = checkpoints.resolve(StateCheckpoints.fileName(3));

        Experiment.TrainingOutcome first = Experiment.resume(run, from, null, List.of("resume"),
                ResumeTest.quiet(), false);
        Path abandoned = checkpoints.resolve("abandoned-3");
        assertThat(abandoned.resolve("best.safetensors")).hasBinaryContent(oldBest);
        assertThat(abandoned.resolve("last.safetensors")).hasBinaryContent(oldLast);
        assertThat(abandoned.resolve("metrics.json")).hasBinaryContent(oldMetrics);
        assertThat(abandoned.resolve(StateCheckpoints.fileName(6))).isRegularFile();
        // best.safetensors is the best the manifest names, from this branch's files only
        Map<String, String> bestMeta =
                SafeTensors.readHeader(checkpoints.resolve("best.safetensors")).metadata();
        assertThat(bestMeta).containsEntry("iteration",
                Integer.toString(first.bestIteration()));
        if (first.bestIteration() == 3) { // the new branch did not beat it: restored from iter_3
            Map<String, TensorData> best =
                    SafeTensors.readTensors(checkpoints.resolve("best.safetensors"));
            Map<String, TensorData> state = SafeTensors.readTensors(from);
            assertThat(best).isNotEmpty().allSatisfy((name, t) ->
                    assertThat(t.data()).isEqualTo(state.get(name).data()));
        }

        byte[] firstBranch6 = Files.readAllBytes(abandoned.resolve(StateCheckpoints.fileName(6)));
        Experiment.resume(run, from, null, List.of("resume"), ResumeTest.quiet(), false);
        assertThat(abandoned.resolve(StateCheckpoints.fileName(6))).hasBinaryContent(firstBranch6);
        assertThat(abandoned.resolve("best.safetensors")).hasBinaryContent(oldBest);
        assertThat(checkpoints.resolve("abandoned-3-2").resolve(StateCheckpoints.fileName(6)))
                .isRegularFile();
        assertThat(checkpoints.resolve("abandoned-3-2").resolve("best.safetensors"))
                .isRegularFile();
    }

    @Test
    void theFirstTerminalStatusWinsOverALaterSignal() throws IOException {
        Path run = tmp.resolve("run");
        ResumeTest.copyTree(whole, run);
        RunManifest m = ResultFiles.readJson(run.resolve("manifest.json"), RunManifest.class);
        TerminalStatus terminal =
                new TerminalStatus(RunDirectory.open(run));
        assertThat(terminal.write(m.end("finished", null, "now", Map.of()))).isTrue();
        // the shutdown hook of a SIGTERM that arrives before the hook is removed
        assertThat(terminal.write(m.end("interrupted", "stopped by a signal", "later", Map.of())))
                .isFalse();
        assertThat(ResultFiles.readJson(run.resolve("manifest.json"), RunManifest.class).status())
                .isEqualTo("finished");
    }

    @Test
    void aRunThisProcessHoldsIsRefusedAndStaysLockedUntilClosed() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("run"));
        try (RunLock held = RunLock.acquire(run)) {
            assertThatThrownBy(() -> RunLock.acquire(run.resolve(".")))
                    .hasMessageEndingWith("another dropclass process is training in this run"
                            + " directory; wait for it or stop it");
            assertThat(RunLock.isLocked(run)).isTrue();
        }
        assertThat(RunLock.isLocked(run)).isFalse();
        RunLock.acquire(run).close();
    }

    @Test
    void aManifestThatCannotBeWrittenDoesNotHideTheErrorThatEndedTheRun() throws IOException {
        Path run = tmp.resolve("run");
        ResumeTest.copyTree(whole, run);
        RunManifest m = ResultFiles.readJson(run.resolve("manifest.json"), RunManifest.class);
        Files.delete(run.resolve("manifest.json"));
        Files.createDirectories(run.resolve("manifest.json/full")); // no rename can replace it
        TerminalStatus terminal =
                new TerminalStatus(RunDirectory.open(run));
        io.dropclass.training.TrainingDivergedException diverged =
                new io.dropclass.training.TrainingDivergedException(3, "ce", Double.NaN);
        terminal.fail(m, diverged);
        assertThat(diverged.getSuppressed()).singleElement().isInstanceOf(IOException.class);
        assertThat(diverged.getMessage()).contains("iteration 3");
    }
}
