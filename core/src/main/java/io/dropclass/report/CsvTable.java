package io.dropclass.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A numeric CSV file as written by the run recorder (history.csv, validation.csv): a header line
 * and rows of numbers; a cell that does not parse (or reads NaN) is NaN.
 *
 * @param columns the header names
 * @param rows the values, one array of columns.size() per line
 */
public record CsvTable(List<String> columns, List<double[]> rows) {

    /** Copies the fields. */
    public CsvTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** An empty table, for a missing file. */
    static CsvTable empty() {
        return new CsvTable(List.of(), List.of());
    }

    /**
     * Reads a CSV file; blank lines are skipped.
     *
     * @param file the file
     * @return the table, empty when the file does not exist
     * @throws IOException if it cannot be read
     */
    public static CsvTable read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return empty();
        }
        List<String> header = List.of(lines.get(0).trim().split(",", -1));
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.trim().split(",", -1);
            double[] row = new double[header.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = i < cells.length ? parse(cells[i]) : Double.NaN;
            }
            rows.add(row);
        }
        return new CsvTable(header, rows);
    }

    private static double parse(String cell) {
        try {
            return Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * A column's values.
     *
     * @param name the header name
     * @return the values, or an empty array when there is no such column
     */
    public double[] column(String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            return new double[0];
        }
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[index];
        }
        return out;
    }

    /**
     * Whether the table has a column with at least one finite value that is not constant zero.
     *
     * @param name the header name
     * @return true when worth plotting
     */
    public boolean informative(String name) {
        for (double v : column(name)) {
            if (Double.isFinite(v) && v != 0) {
                return true;
            }
        }
        return false;
    }
}
