package io.dropclass.data.validation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The problems found in a split, summarised as one line per problem kind: the first few offending
 * files, their count and what to do.
 *
 * @param source the split that was scanned
 * @param problems the problems, in the order found
 */
public record ValidationReport(DatasetSource source, List<Problem> problems) {

    /** How many offending files a line names before "...". */
    public static final int FILES_SHOWN = 3;

    /** Copies the list. */
    public ValidationReport {
        problems = List.copyOf(problems);
    }

    /** Whether the split has no problems. */
    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /**
     * One line per problem kind, e.g. {@code "unknown label values: 2 files (masks/a.png: 17,
     * masks/b.png: 40, 41); masks must hold ..."}.
     *
     * @return the lines, in the order of {@link ProblemKind}
     */
    public List<String> lines() {
        Map<ProblemKind, List<Problem>> byKind = new EnumMap<>(ProblemKind.class);
        for (Problem p : problems) {
            byKind.computeIfAbsent(p.kind(), k -> new ArrayList<>()).add(p);
        }
        List<String> lines = new ArrayList<>();
        byKind.forEach((kind, list) -> lines.add(line(kind, list)));
        return lines;
    }

    private String line(ProblemKind kind, List<Problem> list) {
        String shown =
                list.stream()
                        .limit(FILES_SHOWN)
                        .map(this::describe)
                        .collect(Collectors.joining(", "));
        String more = list.size() > FILES_SHOWN ? ", ..." : "";
        String count = list.size() == 1 ? "1 file" : list.size() + " files";
        return prefix()
                + kind.description()
                + ": "
                + count
                + " ("
                + shown
                + more
                + "); "
                + kind.fix();
    }

    private String describe(Problem p) {
        String file = source.relative(p.file());
        return p.detail().isEmpty() ? file : file + ": " + p.detail();
    }

    private String prefix() {
        return source.name() + " " + source.split() + ": ";
    }

    /**
     * The message of a strict failure: every line, joined into one.
     *
     * @return one line naming the root, the problems and the fixes
     */
    public String strictMessage() {
        return source.name()
                + " root "
                + source.root()
                + ", split "
                + source.split()
                + ": "
                + lines().stream()
                        .map(l -> l.substring(prefix().length()))
                        .collect(Collectors.joining("; and "));
    }

    /**
     * The warnings of a lenient load: a summary, then one line per problem kind.
     *
     * @param skipped how many samples were left out
     * @param total how many samples the split lists
     * @return the warnings (empty if there are no problems)
     */
    public List<String> warnings(int skipped, int total) {
        if (problems.isEmpty()) {
            return List.of();
        }
        List<String> warnings = new ArrayList<>();
        warnings.add(
                prefix()
                        + "skipped "
                        + skipped
                        + " of "
                        + total
                        + " samples with problems; use --strict (data.strict=true) to stop"
                        + " instead");
        warnings.addAll(lines());
        return warnings;
    }
}
