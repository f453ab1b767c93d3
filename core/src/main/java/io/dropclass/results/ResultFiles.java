package io.dropclass.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/** JSON conventions of every result file: snake_case keys, indented, NaN written as "NaN". */
public final class ResultFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .findAndRegisterModules();

    private ResultFiles() {}

    /** The shared mapper (read-only use). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * A writer that indents objects and keeps each array on one line, the layout of the metric
     * files ({@code class_stats.json}, {@code metrics.json}, {@code cityscapes_results.json}),
     * whose long arrays of counts and scores stay readable so.
     *
     * @param mapper the mapper whose settings the writer keeps
     * @return the writer
     */
    public static ObjectWriter arraysOnOneLine(ObjectMapper mapper) {
        return mapper.writer(new DefaultPrettyPrinter()
                .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance));
    }

    /**
     * Serialises a value as JSON text.
     *
     * @param value a record, list or map
     * @return indented JSON ending in a newline
     */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(),
                    e);
        }
    }

    /**
     * Writes a value as JSON, atomically.
     *
     * @param file the target
     * @param value the value
     * @throws IOException if writing fails
     */
    public static void writeJson(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, toJson(value));
    }

    /**
     * Reads a JSON file into a type.
     *
     * @param file the file
     * @param type the record type
     * @param <T> the type
     * @return the value
     * @throws IOException if the file cannot be read or does not match the type
     */
    public static <T> T readJson(Path file, Class<T> type) throws IOException {
        return MAPPER.readValue(file.toFile(), type);
    }
}
