package io.dropclass.method;

/**
 * The output resolution of an HRNet convolution, from its official name: level L is 1/2^(L+2) of
 * the input (branch L), level −1 the stem's first conv (1/2). For counting FLOPs in tests.
 */
final class ConvLevels {

    private ConvLevels() {}

    /**
     * The output level of a conv weight.
     *
     * @param name e.g. {@code stage3.0.fuse_layers.2.0.1.0.weight}
     * @return the level
     */
    static int outputLevel(String name) {
        String[] t = name.split("\\.");
        if (name.startsWith("conv1.")) {
            return -1;
        }
        if (name.startsWith("transition")) {
            return Integer.parseInt(t[1]); // transitionN.i...: to branch i
        }
        if (name.startsWith("stage") && t[2].equals("branches")) {
            return Integer.parseInt(t[3]);
        }
        if (name.startsWith("stage") && t[2].equals("fuse_layers")) {
            int i = Integer.parseInt(t[3]);
            int j = Integer.parseInt(t[4]);
            // j > i: 1×1 conv at branch j, upsampled after; j < i: k-th stride-2 conv of a chain
            return j > i ? j : j + Integer.parseInt(t[5]) + 1;
        }
        return 0; // conv2, layer1, last_layer, _classifier, clsdrop_conv1
    }

    /**
     * The size of an axis at a level: stride-2 3×3 convs with padding 1, ⌈n/2⌉ each.
     *
     * @param n the input size
     * @param level the level, ≥ −1
     * @return the size
     */
    static long size(int n, int level) {
        long s = n;
        for (int i = 0; i < level + 2; i++) {
            s = (s + 1) / 2;
        }
        return s;
    }
}
