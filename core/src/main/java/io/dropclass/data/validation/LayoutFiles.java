package io.dropclass.data.validation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** File-system helpers shared by the dataset layouts: required folders, sorted listings, lists. */
public final class LayoutFiles {

    private LayoutFiles() {}

    /**
     * Fails unless a folder exists.
     *
     * @param dir the folder
     * @param dataset the dataset's name, for the message
     * @param root the dataset's root
     * @param fix what the user should do
     * @throws InvalidDatasetException with "NAME root ROOT: no REL folder; FIX"
     */
    public static void requireDirectory(Path dir, String dataset, Path root, String fix)
            throws InvalidDatasetException {
        if (!Files.isDirectory(dir)) {
            String rel = root.relativize(dir).toString().replace('\\', '/');
            throw new InvalidDatasetException(
                    dataset + " root " + root + ": no " + rel + " folder; " + fix);
        }
    }

    /**
     * The regular files of a folder (not recursive) that match, sorted by name.
     *
     * @param dir the folder
     * @param accept which files to keep
     * @return the files
     * @throws IOException if the folder cannot be listed
     */
    public static List<Path> files(Path dir, Predicate<Path> accept) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(accept).sorted().toList();
        } catch (IOException e) {
            throw unlistable(dir, e);
        }
    }

    /**
     * A one-line error for a folder that cannot be listed (permissions, a symbolic-link loop).
     *
     * @param dir the folder
     * @param e what listing it threw
     * @return the error, naming the folder and the fix
     */
    static InvalidDatasetException unlistable(Path dir, IOException e) {
        String reason = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : e instanceof NoSuchFileException ? "no such folder"
                : String.valueOf(e.getMessage());
        InvalidDatasetException error = new InvalidDatasetException(dir
                + ": cannot list the folder (" + reason + "); check that it exists and that"
                + " this user may read it");
        error.initCause(e);
        return error;
    }

    /**
     * The sub-folders of a folder, sorted by name.
     *
     * @param dir the folder
     * @return the sub-folders
     * @throws IOException if the folder cannot be listed
     */
    public static List<Path> directories(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw unlistable(dir, e);
        }
    }

    /**
     * The entries of a list file: trimmed lines, without blank lines and {@code #} comments.
     *
     * @param file the list
     * @return the lines, in order (never empty)
     * @throws InvalidDatasetException naming the file if it lists nothing
     * @throws IOException if the file cannot be read
     */
    public static List<String> listLines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                lines.add(t);
            }
        }
        if (lines.isEmpty()) {
            throw new InvalidDatasetException(file + ": the list file names no samples;"
                    + " add one sample per line, or point --split at another list");
        }
        return lines;
    }

    /**
     * Resolves a path from a list file against the root: leading slashes are dropped, so that
     * {@code /JPEGImages/x.jpg} means {@code ROOT/JPEGImages/x.jpg}.
     *
     * @param root the dataset's root
     * @param entry the path as written in the list
     * @return the file
     */
    public static Path resolve(Path root, String entry) {
        String rel = entry.replace('\\', '/');
        while (rel.startsWith("/")) {
            rel = rel.substring(1);
        }
        return root.resolve(rel);
    }

    /**
     * A file name without its extension.
     *
     * @param file a file
     * @return e.g. {@code "a"} for {@code x/a.png}
     */
    public static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * Whether a file's name ends with one of the extensions (case-insensitive).
     *
     * @param file a file
     * @param extensions e.g. "png", "jpg"
     * @return true if it does
     */
    public static boolean hasExtension(Path file, String... extensions) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String e : extensions) {
            if (name.endsWith("." + e)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Pairs the images of a folder with the PNG masks of another by a key of their files (the
     * name, the stem). An image without a mask, then a mask without an image, is a {@link
     * ProblemKind#MISSING_PAIR} problem.
     *
     * @param images the images' folder
     * @param isImage which of its files are images
     * @param masks the masks' folder, listed first
     * @param key what an image and its mask share
     * @param pairs where the pairs go, in the images' order
     * @param problems where the problems go
     * @throws IOException if a folder cannot be listed
     */
    public static void pairByKey(
            Path images,
            Predicate<Path> isImage,
            Path masks,
            Function<Path, String> key,
            List<SamplePair> pairs,
            List<Problem> problems)
            throws IOException {
        Map<String, Path> maskByKey = new LinkedHashMap<>();
        for (Path m : files(masks, f -> hasExtension(f, "png"))) {
            maskByKey.put(key.apply(m), m);
        }
        for (Path image : files(images, isImage)) {
            Path mask = maskByKey.remove(key.apply(image));
            if (mask == null) {
                problems.add(new Problem(ProblemKind.MISSING_PAIR, image, "no mask"));
            } else {
                pairs.add(new SamplePair(image, mask));
            }
        }
        for (Path orphan : maskByKey.values()) {
            problems.add(new Problem(ProblemKind.MISSING_PAIR, orphan, "no image"));
        }
    }
}
