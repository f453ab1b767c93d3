package io.dropclass.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.dropclass.model.HrNetSpec.BlockType;
import io.dropclass.nn.Activation;
import io.dropclass.nn.BilinearResize;
import io.dropclass.nn.ConvBn;
import io.dropclass.nn.Layer;
import io.dropclass.nn.LayerParameter;
import io.dropclass.nn.LayerSequence;
import io.dropclass.nn.Parameterized;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One high-resolution module ({@code stage<n>.<m>}): every branch runs its residual blocks ({@code
 * branches.<i>.<b>}), then every output branch i sums all branches j brought to its resolution and
 * width ({@code fuse_layers.<i>.<j>}) and applies ReLU.
 *
 * <ul>
 *   <li>j = i: identity;
 *   <li>j &gt; i: 1×1 conv + BN ({@code .0}, {@code .1}), then bilinear upsampling (align_corners =
 *       false) to branch i's size;
 *   <li>j &lt; i: i − j stride-2 3×3 convs ({@code .<k>.0}, {@code .<k>.1}), conv + BN + ReLU
 *       keeping branch j's width, the last one conv + BN to branch i's width.
 * </ul>
 */
final class HighResolutionModule implements Parameterized {

    private final List<LayerSequence> branches;
    private final List<List<Layer>> fuse; // fuse.get(i).get(i) == null
    private final List<Integer> outChannels;
    private final List<LayerParameter> parameters;

    /**
     * Creates a module with at least two branches.
     *
     * @param name e.g. {@code stage2.0}
     * @param block residual block type
     * @param blocks blocks per branch
     * @param inChannels input channels per branch
     * @param channels width per branch
     */
    HighResolutionModule(
            String name,
            BlockType block,
            List<Integer> blocks,
            List<Integer> inChannels,
            List<Integer> channels) {
        int n = channels.size();
        if (n < 2 || blocks.size() != n || inChannels.size() != n) {
            throw new IllegalArgumentException(
                    "a module needs >= 2 branches and one entry per branch, got blocks "
                            + blocks
                            + ", in "
                            + inChannels
                            + ", channels "
                            + channels);
        }
        List<LayerSequence> branchList = new ArrayList<>(n);
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String prefix = name + ".branches." + i;
            branchList.add(
                    ResidualBlock.stack(
                            block, prefix, inChannels.get(i), channels.get(i), blocks.get(i)));
            out.add(channels.get(i) * block.expansion());
        }
        branches = List.copyOf(branchList);
        outChannels = List.copyOf(out);
        fuse = fuseLayers(name + ".fuse_layers", outChannels);
        List<LayerParameter> list = new ArrayList<>();
        branches.forEach(b -> list.addAll(b.layerParameters()));
        for (List<Layer> row : fuse) {
            for (Layer layer : row) {
                if (layer != null) {
                    list.addAll(layer.layerParameters());
                }
            }
        }
        parameters = List.copyOf(list);
    }

    private static List<List<Layer>> fuseLayers(String name, List<Integer> channels) {
        int n = channels.size();
        List<List<Layer>> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Layer> row = new ArrayList<>(n);
            for (int j = 0; j < n; j++) {
                String prefix = name + "." + i + "." + j;
                if (j > i) {
                    row.add(ConvBn.hrnet(prefix, channels.get(j), channels.get(i), 1, 1, false));
                } else if (j == i) {
                    row.add(null);
                } else {
                    List<Layer> chain = new ArrayList<>(i - j);
                    for (int k = 0; k < i - j; k++) {
                        boolean last = k == i - j - 1;
                        int outC = last ? channels.get(i) : channels.get(j);
                        chain.add(
                                ConvBn.hrnet(prefix + "." + k, channels.get(j), outC, 3, 2, !last));
                    }
                    row.add(new LayerSequence(chain));
                }
            }
            rows.add(Collections.unmodifiableList(row));
        }
        return List.copyOf(rows);
    }

    /**
     * Output channels per branch.
     *
     * @return width × expansion per branch
     */
    List<Integer> outChannels() {
        return outChannels;
    }

    /**
     * Applies the module. Inputs are not closed.
     *
     * @param parameterStore the parameter store
     * @param inputs one array per branch, (N, C_i, H_i, W_i), highest resolution first
     * @param training training mode
     * @param channelsLast the layout of the arrays (the upsampled terms keep it)
     * @return one new array per branch, (N, C_i, H_i, W_i)
     */
    List<NDArray> forward(ParameterStore parameterStore, List<NDArray> inputs, boolean training,
            boolean channelsLast) {
        int n = branches.size();
        List<NDArray> x = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            x.add(branches.get(i).forward(parameterStore, inputs.get(i), training));
        }
        List<NDArray> fused = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            fused.add(fuseInto(parameterStore, x, i, training, channelsLast));
        }
        x.forEach(NDArray::close);
        return fused;
    }

    /** Output branch i: ReLU(Σ_j f_ij(x_j)), summed in the official order j = 0, 1, .... */
    private NDArray fuseInto(ParameterStore ps, List<NDArray> x, int i, boolean training,
            boolean channelsLast) {
        Shape target = x.get(i).getShape(); // (N, C_i, H_i, W_i)
        int height = Math.toIntExact(target.get(2));
        int width = Math.toIntExact(target.get(3));
        NDArray sum = null;
        boolean owned = false; // false while sum is still a branch output (never modified)
        for (int j = 0; j < x.size(); j++) {
            NDArray term;
            if (j == i) {
                term = x.get(j);
            } else if (j > i) {
                try (NDArray reduced = fuse.get(i).get(j).forward(ps, x.get(j), training)) {
                    // (N, C_i, H_j, W_j) -> (N, C_i, H_i, W_i)
                    term = BilinearResize.resize(reduced, height, width, false, channelsLast);
                }
            } else {
                term = fuse.get(i).get(j).forward(ps, x.get(j), training);
            }
            if (sum == null) {
                sum = term;
                owned = term != x.get(j);
            } else if (owned) {
                sum.addi(term);
            } else {
                sum = sum.add(term);
                owned = true;
            }
            if (term != x.get(j) && term != sum) {
                term.close();
            }
        }
        return Activation.RELU.applyAndClose(sum);
    }

    /** {@inheritDoc} */
    @Override
    public List<LayerParameter> layerParameters() {
        return parameters;
    }
}
