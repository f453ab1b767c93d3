package io.dropclass.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The architecture of an HRNetV2 backbone (the {@code MODEL.EXTRA} section of the official
 * configs): four stages, each with a number of modules, a residual block type, and per branch the
 * number of blocks and the channel width.
 *
 * @param name the configuration's name, e.g. {@code hrnet_w18_small_v1}
 * @param stages exactly four stages; stage n has n branches
 */
public record HrNetSpec(String name, List<Stage> stages) {

    /** Residual block of a stage. */
    public enum BlockType {
        /** Two 3×3 convolutions, expansion 1. */
        BASIC(1),
        /** 1×1, 3×3, 1×1 convolutions, expansion 4. */
        BOTTLENECK(4);

        private final int expansion;

        BlockType(int expansion) {
            this.expansion = expansion;
        }

        /**
         * Output channels per unit of width.
         *
         * @return 1 for BASIC, 4 for BOTTLENECK
         */
        public int expansion() {
            return expansion;
        }
    }

    /**
     * One stage.
     *
     * @param modules number of high-resolution modules (stage 1: the blocks of {@code layer1})
     * @param block the residual block type
     * @param blocks number of blocks per branch
     * @param channels width per branch (before the block expansion)
     */
    public record Stage(
            int modules, BlockType block, List<Integer> blocks, List<Integer> channels) {

        /** Validates the fields. */
        public Stage {
            Objects.requireNonNull(block, "block");
            blocks = List.copyOf(blocks);
            channels = List.copyOf(channels);
            if (modules <= 0) {
                throw new IllegalArgumentException("modules must be positive, got " + modules);
            }
            if (blocks.isEmpty() || blocks.size() != channels.size()) {
                throw new IllegalArgumentException(
                        "blocks and channels need one entry per branch, got "
                                + blocks
                                + " and "
                                + channels);
            }
            for (int i = 0; i < blocks.size(); i++) {
                if (blocks.get(i) <= 0 || channels.get(i) <= 0) {
                    throw new IllegalArgumentException(
                            "blocks and channels must be positive, got "
                                    + blocks
                                    + " and "
                                    + channels);
                }
            }
        }

        /**
         * Number of branches.
         *
         * @return the branch count
         */
        public int branches() {
            return channels.size();
        }

        /**
         * Output channels of branch i (width × expansion).
         *
         * @param i the branch
         * @return the channel count
         */
        public int outChannels(int i) {
            return channels.get(i) * block.expansion();
        }
    }

    /** Validates the fields. */
    public HrNetSpec {
        Objects.requireNonNull(name, "name");
        stages = List.copyOf(stages);
        if (stages.size() != 4) {
            throw new IllegalArgumentException("HRNet has 4 stages, got " + stages.size());
        }
        for (int s = 0; s < 4; s++) {
            if (stages.get(s).branches() != s + 1) {
                throw new IllegalArgumentException(
                        "stage "
                                + (s + 1)
                                + " must have "
                                + (s + 1)
                                + " branches, got "
                                + stages.get(s).branches());
            }
        }
        if (stages.get(0).modules() != 1) {
            throw new IllegalArgumentException("stage 1 has one module (layer1)");
        }
    }

    /**
     * Stage n, 1-based as in the paper and the configs.
     *
     * @param n 1..4
     * @return the stage
     */
    public Stage stage(int n) {
        return stages.get(n - 1);
    }

    /**
     * Channels C of the concatenated last-stage branches = channels of A.
     *
     * @return C (240 for W18-Small-v1, 270 for v2, 720 for W48)
     */
    public int featureChannels() {
        Stage last = stage(4);
        int sum = 0;
        for (int i = 0; i < last.branches(); i++) {
            sum += last.outChannels(i);
        }
        return sum;
    }

    /**
     * HRNetV2-W18-Small-v1 ({@code seg_hrnet_w18_small_v1}, DropClass {@code hrnet_w18_v1.yaml}).
     *
     * @return the spec
     */
    public static HrNetSpec w18SmallV1() {
        return hrNetV2("hrnet_w18_small_v1", 1, 32, 16, 2, new int[] {1, 1, 1});
    }

    /**
     * HRNetV2-W18-Small-v2 ({@code seg_hrnet_w18_small_v2}, DropClass {@code hrnet_w18_v2.yaml}).
     *
     * @return the spec
     */
    public static HrNetSpec w18SmallV2() {
        return hrNetV2("hrnet_w18_small_v2", 2, 64, 18, 2, new int[] {1, 3, 2});
    }

    /**
     * HRNetV2-W48 ({@code seg_hrnet_w48}, upstream HRNet config).
     *
     * @return the spec
     */
    public static HrNetSpec w48() {
        return hrNetV2("hrnet_w48", 4, 64, 48, 4, new int[] {1, 4, 3});
    }

    /**
     * Looks a configuration up by name.
     *
     * @param name {@code hrnet_w18_small_v1}, {@code hrnet_w18_small_v2} or {@code hrnet_w48}
     *     (case-insensitive)
     * @return the spec
     * @throws IllegalArgumentException for any other name, listing the valid ones
     */
    public static HrNetSpec byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "hrnet_w18_small_v1":
                return w18SmallV1();
            case "hrnet_w18_small_v2":
                return w18SmallV2();
            case "hrnet_w48":
                return w48();
            default:
                throw new IllegalArgumentException(
                        "unknown HRNet configuration '"
                                + name
                                + "'; valid names: hrnet_w18_small_v1, hrnet_w18_small_v2,"
                                + " hrnet_w48");
        }
    }

    /**
     * An HRNetV2: a one-module stage of one bottleneck branch, then stages of two, three and four
     * basic branches whose widths double from {@code width}, all branches with the same blocks.
     *
     * @param stemBlocks bottleneck blocks of the first stage
     * @param stemChannels channels of the first stage
     * @param width channels of the highest-resolution branch in stages 2 to 4
     * @param blocks blocks of every branch in stages 2 to 4
     * @param modules modules of stages 2, 3 and 4
     */
    private static HrNetSpec hrNetV2(
            String name, int stemBlocks, int stemChannels, int width, int blocks, int[] modules) {
        List<Stage> stages = new ArrayList<>();
        stages.add(new Stage(1, BlockType.BOTTLENECK, List.of(stemBlocks), List.of(stemChannels)));
        for (int branches = 2; branches <= 4; branches++) {
            List<Integer> channels = new ArrayList<>();
            for (int b = 0; b < branches; b++) {
                channels.add(width << b);
            }
            stages.add(new Stage(modules[branches - 2], BlockType.BASIC,
                    Collections.nCopies(branches, blocks), List.copyOf(channels)));
        }
        return new HrNetSpec(name, List.copyOf(stages));
    }
}
