package io.dropclass.reference;

import ai.djl.ndarray.types.DataType;
import io.dropclass.nn.TensorFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One way of running a reference case, and what it is compared with (fixtures README):
 *
 * <pre>
 *   float32, contiguous      expected.safetensors           tolerance
 *   float32, channels-last   expected.safetensors           tolerance_channels_last
 *   float64, contiguous      expected_float64.safetensors   tolerance_float64
 *   float64, channels-last   expected_float64.safetensors   tolerance_float64_channels_last
 *                                                            (tolerance_float64 if absent)
 * </pre>
 *
 * <p>In float64 rounding is negligible even where a case is ill-conditioned: a float64 run that
 * misses {@code tolerance_float64} computes another function; a float32 run that misses its
 * tolerance while float64 passes rounds differently. The one exception is float64 with
 * channels-last: where training-mode BatchNorm normalises a handful of values per channel (W48's
 * stage 4 on a 32×32 input), PyTorch's own float64 channels-last run of the official code misses
 * {@code tolerance_float64}, which measures only the thread count's reordering; {@code
 * tools/reference/make_case.py} writes {@code tolerance_float64_channels_last} for it, by the rule
 * of {@code tolerance_channels_last}.
 *
 * @param format the element type and layout the network runs in
 */
public record ReferenceMode(TensorFormat format) {

    /** The float32 expectation. */
    public static final String EXPECTED_FILE = "expected.safetensors";

    /** The float64 expectation. */
    public static final String EXPECTED_FLOAT64_FILE = "expected_float64.safetensors";

    /** The default modes: float32 in both layouts, float64 contiguous. */
    public static final List<ReferenceMode> DEFAULT = parse("both", "both");

    /** Every mode: float32 and float64, each in both layouts. */
    public static final List<ReferenceMode> ALL = List.of(of(DataType.FLOAT32, false),
            of(DataType.FLOAT32, true), of(DataType.FLOAT64, false), of(DataType.FLOAT64, true));

    /** Validates the field. */
    public ReferenceMode {
        Objects.requireNonNull(format, "format");
    }

    /**
     * A mode.
     *
     * @param type float32 or float64
     * @param channelsLast the layout
     * @return the mode
     */
    public static ReferenceMode of(DataType type, boolean channelsLast) {
        return new ReferenceMode(new TensorFormat(type, channelsLast));
    }

    /**
     * The modes of {@code check-reference --dtype D --layout L}: every combination of the asked
     * element types and layouts, float32 first.
     *
     * @param dtype {@code float32}, {@code float64} or {@code both}
     * @param layout {@code contiguous}, {@code channels_last} or {@code both}
     * @return the modes, float32 before float64, contiguous before channels-last; float64 runs
     *     contiguous, and channels-last only when the layout asked is {@code channels_last}
     * @throws IllegalArgumentException naming the bad value
     */
    public static List<ReferenceMode> parse(String dtype, String layout) {
        List<DataType> types = switch (dtype.toLowerCase(Locale.ROOT)) {
            case "float32" -> List.of(DataType.FLOAT32);
            case "float64" -> List.of(DataType.FLOAT64);
            case "both" -> List.of(DataType.FLOAT32, DataType.FLOAT64);
            default -> throw new IllegalArgumentException("--dtype " + dtype
                    + ": not an element type; use float32, float64 or both");
        };
        List<Boolean> layouts = switch (layout.toLowerCase(Locale.ROOT)) {
            case "contiguous" -> List.of(false);
            case "channels_last" -> List.of(true);
            case "both" -> List.of(false, true);
            default -> throw new IllegalArgumentException("--layout " + layout
                    + ": not a memory layout; use contiguous, channels_last or both");
        };
        List<ReferenceMode> modes = new ArrayList<>();
        for (DataType type : types) {
            for (boolean channelsLast : layouts) {
                boolean float64Both = type == DataType.FLOAT64 && channelsLast
                        && layouts.size() == 2;
                if (!float64Both) {
                    modes.add(of(type, channelsLast));
                }
            }
        }
        return List.copyOf(modes);
    }

    /**
     * The file of expected values.
     *
     * @return {@link #EXPECTED_FILE} or {@link #EXPECTED_FLOAT64_FILE}
     */
    public String expectedFile() {
        return float64() ? EXPECTED_FLOAT64_FILE : EXPECTED_FILE;
    }

    /**
     * The case.json object of this mode's tolerances.
     *
     * @return {@code tolerance}, {@code tolerance_channels_last}, {@code tolerance_float64} or
     *     {@code tolerance_float64_channels_last}
     */
    public String toleranceKey() {
        if (float64()) {
            return format.channelsLast() ? "tolerance_float64_channels_last" : "tolerance_float64";
        }
        return format.channelsLast() ? "tolerance_channels_last" : "tolerance";
    }

    /**
     * The key to use when a case lacks {@link #toleranceKey()}: float64 channels-last falls back to
     * {@code tolerance_float64}.
     *
     * @return the fallback key, or the key itself
     */
    public String fallbackToleranceKey() {
        return float64() ? "tolerance_float64" : toleranceKey();
    }

    /**
     * Whether the network runs in float64.
     *
     * @return true for float64
     */
    public boolean float64() {
        return format.dataType() == DataType.FLOAT64;
    }

    /**
     * The mode as tables show it.
     *
     * @return e.g. {@code float32 channels_last}
     */
    public String label() {
        return format.label();
    }
}
