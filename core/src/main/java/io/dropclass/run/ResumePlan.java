package io.dropclass.run;

import io.dropclass.results.RunManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How a run continues from a training-state checkpoint, checked before anything changes:
 *
 * <pre>
 *   check   the run's manifest; the checkpoint (the newest intact one, or the one named, which must
 *           belong to the run); its configuration hash against the run's; for an older checkpoint,
 *           the later ones and the best checkpoint up to it
 *   apply   the manifest says the run continues (the first change); temporaries of an interrupted
 *           write go; a branch that the older checkpoint abandons moves to
 *           checkpoints/abandoned-ITERATION[-n]/ with its best, last and metrics.json, and
 *           best.safetensors is written again from the best checkpoint up to the resumed iteration
 * </pre>
 *
 * <p>The caller holds the run's lock throughout and checks the datasets between the two.
 */
public final class ResumePlan {

    private final RunDirectory run;
    private final RunManifest manifest;
    private final StateCheckpoints store;
    private final StateCheckpoints.Loaded from;
    private final List<Path> later;
    private final StateCheckpoints.Loaded best;

    private ResumePlan(RunDirectory run, RunManifest manifest, StateCheckpoints store,
            StateCheckpoints.Loaded from, List<Path> later, StateCheckpoints.Loaded best) {
        this.run = run;
        this.manifest = manifest;
        this.store = store;
        this.from = from;
        this.later = later;
        this.best = best;
    }

    /**
     * Checks that a run can continue, changing nothing.
     *
     * @param root the run directory
     * @param checkpoint a checkpoint of the run to continue from, or null for the newest intact one
     * @param configHash the hash of the run's configuration ({@code config.json}), which the
     *     checkpoint must have recorded
     * @param console receives warnings (a corrupt newest checkpoint, a missing best one)
     * @return the plan
     * @throws IOException with a one-line message if the run cannot be resumed
     */
    public static ResumePlan check(Path root, Path checkpoint, String configHash,
            Consumer<String> console) throws IOException {
        RunManifest manifest = RunDirectory.readManifest(root);
        StateCheckpoints store = new StateCheckpoints(root.resolve("checkpoints"));
        if (store.list().isEmpty()) {
            throw new IOException("run directory " + root + ": no training-state checkpoint"
                    + " (checkpoints/iter_*.safetensors) to resume from; start a new run");
        }
        StateCheckpoints.Loaded from = checkpoint == null
                ? store.newestIntact(console).orElseThrow(() -> new IOException("run directory "
                        + root + ": every training-state checkpoint is corrupt; start a new run"))
                : named(root, store, checkpoint);
        if (!configHash.equals(from.state().configHash())) {
            throw new IOException(root.resolve("config.json") + ": differs from the configuration"
                    + " of " + from.file().getFileName() + "; put it back as the run wrote it"
                    + " (only optimizer.lr may change on resume)");
        }
        List<Path> later = checkpoint == null ? List.of() : store.after(from.state().iteration());
        StateCheckpoints.Loaded best = later.isEmpty() ? null : bestUpTo(store, from, console);
        return new ResumePlan(RunDirectory.open(root), manifest, store, from, later, best);
    }

    private static StateCheckpoints.Loaded named(Path root, StateCheckpoints store, Path checkpoint)
            throws IOException {
        Path inRun = root.resolve("checkpoints").resolve(checkpoint.getFileName());
        if (!Files.isRegularFile(inRun) || !Files.isSameFile(inRun, checkpoint)) {
            throw new IOException("--resume " + checkpoint + ": not a checkpoint in "
                    + root.resolve("checkpoints") + "; name one of the run's files");
        }
        try {
            return store.read(inRun);
        } catch (IllegalArgumentException | IOException e) {
            throw new IOException("--resume " + checkpoint + ": not an intact training-state"
                    + " checkpoint: " + e.getMessage(), e);
        }
    }

    /** The checkpoint of the best iteration up to the resumed one, if it is still there. */
    private static StateCheckpoints.Loaded bestUpTo(StateCheckpoints store,
            StateCheckpoints.Loaded from, Consumer<String> console) throws IOException {
        int bestIteration = from.state().bestIteration();
        if (bestIteration < 0) {
            return null;
        }
        Path bestFile = store.list().stream()
                .filter(f -> StateCheckpoints.iterationOf(f) == bestIteration)
                .findFirst().orElse(null);
        try {
            return bestFile == null ? null
                    : bestFile.equals(from.file()) ? from : store.read(bestFile);
        } catch (IllegalArgumentException e) {
            console.accept("warning: " + e.getMessage() + "; best.safetensors is not restored");
            return null;
        }
    }

    /**
     * The checkpoint the run continues from.
     *
     * @return the loaded checkpoint
     */
    public StateCheckpoints.Loaded from() {
        return from;
    }

    /**
     * The run's manifest as it was before the resume.
     *
     * @return the manifest
     */
    public RunManifest manifest() {
        return manifest;
    }

    /**
     * Makes the changes: the manifest first, then temporaries and the abandoned branch.
     *
     * @param resume the manifest's record of this resume
     * @param console receives what was moved or removed
     * @return the manifest the run continues under
     * @throws IOException if a file cannot be written or moved
     */
    public RunManifest apply(RunManifest.Resume resume, Consumer<String> console)
            throws IOException {
        RunManifest resumed = manifest.resumed(resume);
        run.writeManifest(resumed);
        int cleaned = store.deleteTemporaries();
        if (cleaned > 0) {
            console.accept("removed " + cleaned
                    + " temporary file(s) of an interrupted checkpoint write");
        }
        if (!later.isEmpty()) {
            abandonBranch(console);
        }
        return resumed;
    }

    /**
     * The manifest's record of this resume.
     *
     * @param command the command line
     * @param previousLr the learning rate before, if changed
     * @param newLr the learning rate after, if changed
     * @return the record
     */
    public RunManifest.Resume record(List<String> command, Double previousLr, Double newLr) {
        return new RunManifest.Resume(OffsetDateTime.now().toString(), from.state().iteration(),
                run.root().relativize(from.file()).toString(), manifest.status(), command,
                previousLr, newLr);
    }

    private void abandonBranch(Consumer<String> console) throws IOException {
        int iteration = from.state().iteration();
        Path folder = store.freshAbandonedFolder(iteration);
        List<Path> moved = StateCheckpoints.moveInto(later, folder);
        StateCheckpoints.moveInto(List.of(run.checkpoints().resolve("best.safetensors"),
                run.checkpoints().resolve("last.safetensors"), run.file("metrics.json")), folder);
        console.accept("moved " + moved.size() + " later checkpoint(s) to checkpoints/"
                + folder.getFileName() + " (with that branch's best, last and metrics.json)");
        if (best != null) {
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("iteration", Integer.toString(best.state().iteration()));
            meta.put("miou", Double.toString(from.state().bestMeanIou()));
            StateCheckpoints.writeWeights(best, run.checkpoints().resolve("best.safetensors"),
                    meta);
        } else if (from.state().bestIteration() >= 0) {
            console.accept("warning: the checkpoint of the best iteration "
                    + from.state().bestIteration()
                    + " is gone; there is no best.safetensors until a validation beats it");
        }
    }
}
