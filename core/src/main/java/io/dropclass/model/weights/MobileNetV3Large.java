package io.dropclass.model.weights;

import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout of torchvision's MobileNetV3-Large feature extractor ({@code
 * torchvision/models/mobilenetv3.py}, {@code _mobilenet_v3_conf("mobilenet_v3_large")}) and where
 * timm's {@code mobilenetv3_large_100} blocks ({@code timm/models/mobilenetv3.py}, {@code
 * _gen_mobilenet_v3}) land in it.
 *
 * <pre>
 * features.0       Conv2dNormActivation 3→16, 3×3/2          (.0 conv, .1 BN)
 * features.1..15   InvertedResidual: block.[expand 1×1], depthwise, [SE fc1/fc2], project 1×1
 * features.16      Conv2dNormActivation 160→960, 1×1
 * </pre>
 *
 * DeepLabV3 keeps features 0..16 as {@code backbone.0..16}; the classification head ({@code
 * classifier.0}, {@code classifier.3}) is not part of it.
 */
public final class MobileNetV3Large {

    /** One inverted-residual setting: (input, kernel, expanded, output, SE). */
    record Block(int in, int kernel, int expanded, int out, boolean se) {
        boolean hasExpand() {
            return expanded != in;
        }

        int squeeze() {
            return makeDivisible(expanded / 4);
        }
    }

    /** features.1..15 of torchvision's large configuration. */
    static final List<Block> BLOCKS =
            List.of(
                    new Block(16, 3, 16, 16, false),
                    new Block(16, 3, 64, 24, false),
                    new Block(24, 3, 72, 24, false),
                    new Block(24, 5, 72, 40, true),
                    new Block(40, 5, 120, 40, true),
                    new Block(40, 5, 120, 40, true),
                    new Block(40, 3, 240, 80, false),
                    new Block(80, 3, 200, 80, false),
                    new Block(80, 3, 184, 80, false),
                    new Block(80, 3, 184, 80, false),
                    new Block(80, 3, 480, 112, true),
                    new Block(112, 3, 672, 112, true),
                    new Block(112, 5, 672, 160, true),
                    new Block(160, 5, 960, 160, true),
                    new Block(160, 5, 960, 160, true));

    /** Index of the last feature layer (the 1×1 conv to 960 channels). */
    public static final int LAST_FEATURE = 16;

    /**
     * timm's stage sizes ({@code blocks.s} has this many blocks): ds 1, ir 2, ir 3, ir 4, ir 2, ir
     * 3, cn 1.
     */
    static final int[] TIMM_STAGE_SIZES = {1, 2, 3, 4, 2, 3, 1};

    private MobileNetV3Large() {}

    /**
     * torchvision's {@code _make_divisible(v, 8)}.
     *
     * @param v the value
     * @return v rounded to a multiple of 8, never below 90 % of v
     */
    static int makeDivisible(double v) {
        int rounded = Math.max(8, (int) (v + 4) / 8 * 8);
        return rounded < 0.9 * v ? rounded + 8 : rounded;
    }

    /**
     * Every backbone tensor of torchvision's layout with its shape, in state-dict order, BatchNorm
     * {@code num_batches_tracked} excluded.
     *
     * @param prefix {@code "backbone."} (DeepLabV3) or {@code "features."} (classification)
     * @return name → shape
     */
    public static Map<String, Shape> torchvisionBackbone(String prefix) {
        Map<String, Shape> names = new LinkedHashMap<>();
        conv(names, prefix + "0.0", 16, 3, 3);
        bn(names, prefix + "0.1", 16);
        for (int f = 1; f <= BLOCKS.size(); f++) {
            Block b = BLOCKS.get(f - 1);
            String p = prefix + f + ".block.";
            int i = 0;
            if (b.hasExpand()) {
                conv(names, p + i + ".0", b.expanded(), b.in(), 1);
                bn(names, p + i + ".1", b.expanded());
                i++;
            }
            conv(names, p + i + ".0", b.expanded(), 1, b.kernel());
            bn(names, p + i + ".1", b.expanded());
            i++;
            if (b.se()) {
                names.put(p + i + ".fc1.weight", new Shape(b.squeeze(), b.expanded(), 1, 1));
                names.put(p + i + ".fc1.bias", new Shape(b.squeeze()));
                names.put(p + i + ".fc2.weight", new Shape(b.expanded(), b.squeeze(), 1, 1));
                names.put(p + i + ".fc2.bias", new Shape(b.expanded()));
                i++;
            }
            conv(names, p + i + ".0", b.out(), b.expanded(), 1);
            bn(names, p + i + ".1", b.out());
        }
        conv(names, prefix + LAST_FEATURE + ".0", 960, 160, 1);
        bn(names, prefix + LAST_FEATURE + ".1", 960);
        return names;
    }

    private static void conv(Map<String, Shape> names, String name, int out, int in, int k) {
        names.put(name + ".weight", new Shape(out, in, k, k));
    }

    private static void bn(Map<String, Shape> names, String name, int c) {
        for (String s : List.of("weight", "bias", "running_mean", "running_var")) {
            names.put(name + "." + s, new Shape(c));
        }
    }

    /**
     * Maps a timm {@code mobilenetv3_large_100} backbone name to torchvision's layout.
     *
     * <pre>
     * conv_stem / bn1                     → 0.0 / 0.1
     * blocks.0.0 (DepthwiseSeparableConv) conv_dw, bn1, conv_pw, bn2  → 1.block.0.0/0.1/1.0/1.1
     * blocks.s.j (InvertedResidual)       conv_pw, bn1 → block.0; conv_dw, bn2 → block.1;
     *                                     se.conv_reduce/conv_expand → block.2.fc1/fc2;
     *                                     conv_pwl, bn3 → block.3 with SE, block.2 without
     * blocks.6.0 (ConvBnAct) conv, bn1    → 16.0 / 16.1
     * </pre>
     *
     * @param timmName e.g. {@code blocks.2.1.se.conv_reduce.weight}
     * @param prefix the target prefix, {@code "backbone."}
     * @return the torchvision name, or null if the name is not a timm backbone tensor
     */
    static String timmToTorchvision(String timmName, String prefix) {
        if (timmName.startsWith("conv_stem.")) {
            return prefix + "0.0." + timmName.substring("conv_stem.".length());
        }
        if (timmName.startsWith("bn1.")) {
            return prefix + "0.1." + timmName.substring("bn1.".length());
        }
        if (!timmName.startsWith("blocks.")) {
            return null;
        }
        String[] parts = timmName.split("\\.", 4);
        if (parts.length < 4) {
            return null;
        }
        int stage;
        int index;
        try {
            stage = Integer.parseInt(parts[1]);
            index = Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            return null;
        }
        if (stage < 0 || stage >= TIMM_STAGE_SIZES.length || index >= TIMM_STAGE_SIZES[stage]) {
            return null;
        }
        int feature = 1 + index;
        for (int s = 0; s < stage; s++) {
            feature += TIMM_STAGE_SIZES[s];
        }
        String rest = parts[3];
        if (feature == LAST_FEATURE) {
            return replaceModule(rest, prefix + feature + ".", "conv", "0", "bn1", "1");
        }
        String p = prefix + feature + ".block.";
        Block b = BLOCKS.get(feature - 1);
        if (!b.hasExpand()) {
            return replaceModule(rest, p, "conv_dw", "0.0", "bn1", "0.1", "conv_pw", "1.0", "bn2",
                    "1.1");
        }
        String project = b.se() ? "3" : "2";
        return replaceModule(
                rest,
                p,
                "conv_pw",
                "0.0",
                "bn1",
                "0.1",
                "conv_dw",
                "1.0",
                "bn2",
                "1.1",
                "se.conv_reduce",
                "2.fc1",
                "se.conv_expand",
                "2.fc2",
                "conv_pwl",
                project + ".0",
                "bn3",
                project + ".1");
    }

    private static String replaceModule(String rest, String prefix, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (rest.startsWith(pairs[i] + ".")) {
                return prefix + pairs[i + 1] + rest.substring(pairs[i].length());
            }
        }
        return null;
    }
}
