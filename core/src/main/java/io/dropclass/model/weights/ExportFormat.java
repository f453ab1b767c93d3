package io.dropclass.model.weights;

import java.util.Locale;

/** The naming scheme of an exported checkpoint. */
public enum ExportFormat {
    /**
     * Our names: official HRNet segmentation names (with {@code clsdrop_*} for DropClass), or
     * torchvision's for DeepLabV3 (with {@code clsdrop_*} for DropClass).
     */
    OFFICIAL,
    /**
     * torchvision's {@code deeplabv3_mobilenet_v3_large} state dict, without the DropClass head.
     */
    TORCHVISION;

    /**
     * Parses a CLI value, case-insensitively.
     *
     * @param value {@code official} or {@code torchvision}
     * @return the format
     * @throws IllegalArgumentException for anything else
     */
    public static ExportFormat parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (ExportFormat f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(v)) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "unknown export format '" + value + "'; expected official or torchvision");
    }
}
