package io.dropclass.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Name maps checked on full name lists derived from the sources: timm {@code
 * timm/models/mobilenetv3.py} ({@code _gen_mobilenet_v3} arch_def) with {@code
 * _efficientnet_blocks.py} module names, torchvision {@code models/mobilenetv3.py} and {@code
 * segmentation/deeplabv3.py}, HRNet {@code cls_hrnet.py} / timm {@code hrnet.py} heads.
 */
class NameMapTest {

    /** timm's {@code make_divisible(v, 8)} (same rule as torchvision's). */
    private static int divisible(double v) {
        int r = Math.max(8, (int) (v + 4) / 8 * 8);
        return r < 0.9 * v ? r + 8 : r;
    }

    private static void bn(Map<String, Shape> m, String p, int c) {
        for (String s : List.of("weight", "bias", "running_mean", "running_var")) {
            m.put(p + "." + s, new Shape(c));
        }
        m.put(p + ".num_batches_tracked", new Shape());
    }

    /**
     * timm {@code mobilenetv3_large_100} state dict, built from its arch_def strings the way timm's
     * builder does (block type, repeats, kernel, stride, expansion, output channels, SE 0.25 of
     * the expanded width).
     */
    static Map<String, Shape> timmMobileNetV3Large100() {
        String[][] arch = {
            {"ds_r1_k3_s1_e1_c16"},
            {"ir_r1_k3_s2_e4_c24", "ir_r1_k3_s1_e3_c24"},
            {"ir_r3_k5_s2_e3_c40_se0.25"},
            {"ir_r1_k3_s2_e6_c80", "ir_r1_k3_s1_e2.5_c80", "ir_r2_k3_s1_e2.3_c80"},
            {"ir_r2_k3_s1_e6_c112_se0.25"},
            {"ir_r3_k5_s2_e6_c160_se0.25"},
            {"cn_r1_k1_s1_c960"}
        };
        Map<String, Shape> m = new LinkedHashMap<>();
        m.put("conv_stem.weight", new Shape(16, 3, 3, 3));
        bn(m, "bn1", 16);
        int in = 16;
        for (int s = 0; s < arch.length; s++) {
            int j = 0;
            for (String def : arch[s]) {
                String[] ops = def.split("_");
                int repeats = Integer.parseInt(ops[1].substring(1));
                int k = Integer.parseInt(ops[2].substring(1));
                double e = 1;
                int out = 0;
                boolean se = false;
                for (String op : List.of(ops).subList(1, ops.length)) {
                    if (op.startsWith("e")) {
                        e = Double.parseDouble(op.substring(1));
                    } else if (op.startsWith("c")) {
                        out = Integer.parseInt(op.substring(1));
                    } else if (op.startsWith("se")) {
                        se = true;
                    }
                }
                for (int r = 0; r < repeats; r++, j++) {
                    String p = "blocks." + s + "." + j + ".";
                    switch (ops[0]) {
                        case "ds" -> {
                            m.put(p + "conv_dw.weight", new Shape(in, 1, k, k));
                            bn(m, p + "bn1", in);
                            m.put(p + "conv_pw.weight", new Shape(out, in, 1, 1));
                            bn(m, p + "bn2", out);
                        }
                        case "ir" -> {
                            int mid = divisible(in * e);
                            m.put(p + "conv_pw.weight", new Shape(mid, in, 1, 1));
                            bn(m, p + "bn1", mid);
                            m.put(p + "conv_dw.weight", new Shape(mid, 1, k, k));
                            bn(m, p + "bn2", mid);
                            if (se) {
                                int rd = divisible(mid * 0.25);
                                m.put(p + "se.conv_reduce.weight", new Shape(rd, mid, 1, 1));
                                m.put(p + "se.conv_reduce.bias", new Shape(rd));
                                m.put(p + "se.conv_expand.weight", new Shape(mid, rd, 1, 1));
                                m.put(p + "se.conv_expand.bias", new Shape(mid));
                            }
                            m.put(p + "conv_pwl.weight", new Shape(out, mid, 1, 1));
                            bn(m, p + "bn3", out);
                        }
                        default -> {
                            m.put(p + "conv.weight", new Shape(out, in, k, k));
                            bn(m, p + "bn1", out);
                        }
                    }
                    in = out;
                }
            }
        }
        m.put("conv_head.weight", new Shape(1280, 960, 1, 1));
        m.put("conv_head.bias", new Shape(1280));
        m.put("classifier.weight", new Shape(1000, 1280));
        m.put("classifier.bias", new Shape(1000));
        return m;
    }

    @Test
    void timmMobileNetV3MapsOneToOneOntoTorchvisionsBackboneWithEqualShapes() {
        Map<String, Shape> timm = timmMobileNetV3Large100();
        NameMap map =
                NameMap.of(
                        WeightFormat.TIMM,
                        TargetArchitecture.DEEPLABV3_MOBILENETV3_LARGE,
                        timm.keySet());
        Map<String, Shape> mapped = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, Shape> e : timm.entrySet()) {
            Optional<String> t = map.target(e.getKey());
            if (t.isPresent()) {
                assertThat(mapped.put(t.get(), e.getValue())).as(t.get()).isNull();
            } else {
                skipped.add(e.getKey());
            }
        }
        Map<String, Shape> torchvision = MobileNetV3Large.torchvisionBackbone("backbone.");
        assertThat(mapped).containsExactlyEntriesOf(torchvision);
        assertThat(skipped)
                .contains("conv_head.weight", "conv_head.bias", "classifier.weight")
                .allMatch(
                        n ->
                                n.endsWith(".num_batches_tracked")
                                        || n.startsWith("conv_head.")
                                        || n.startsWith("classifier."));
        // spot checks against torchvision's names
        assertThat(map.target("blocks.0.0.conv_dw.weight")).contains("backbone.1.block.0.0.weight");
        assertThat(map.target("blocks.2.0.se.conv_reduce.bias")).contains("backbone.4.block.2.fc1.bias");
        assertThat(map.target("blocks.2.0.conv_pwl.weight")).contains("backbone.4.block.3.0.weight");
        assertThat(map.target("blocks.3.0.conv_pwl.weight")).contains("backbone.7.block.2.0.weight");
        assertThat(map.target("blocks.6.0.bn1.running_var")).contains("backbone.16.1.running_var");
    }

    @Test
    void torchvisionBackboneHasTheParameterCountOfMobileNetV3LargeFeatures() {
        long count = 0;
        for (Map.Entry<String, Shape> e : MobileNetV3Large.torchvisionBackbone("features.").entrySet()) {
            if (!e.getKey().contains("running_")) {
                count += e.getValue().size();
            }
        }
        // torchvision mobilenet_v3_large: 5,483,032 parameters (its model card); classifier
        // 960·1280+1280 + 1280·1000+1000 = 2,511,080 → features 2,971,952
        assertThat(count).isEqualTo(5_483_032L - 2_511_080L);
    }

    @Test
    void torchvisionImageNetFeaturesBecomeTheBackboneAndItsClassifierIsSkipped() {
        List<String> names = new ArrayList<>(MobileNetV3Large.torchvisionBackbone("features.").keySet());
        names.addAll(
                List.of(
                        "features.0.1.num_batches_tracked",
                        "classifier.0.weight",
                        "classifier.0.bias",
                        "classifier.3.weight",
                        "classifier.3.bias"));
        NameMap map = NameMap.of(WeightFormat.TORCHVISION, TargetArchitecture.DEEPLABV3_MOBILENETV3_LARGE, names);
        assertThat(map.target("features.16.1.running_mean")).contains("backbone.16.1.running_mean");
        assertThat(map.target("features.4.block.2.fc2.weight")).contains("backbone.4.block.2.fc2.weight");
        assertThat(map.target("classifier.3.weight")).isEmpty();
        assertThat(map.target("features.0.1.num_batches_tracked")).isEmpty();
    }

    @Test
    void torchvisionDeepLabV3IsIdentityWithoutTheAuxiliaryHead() {
        List<String> names =
                List.of(
                        "backbone.0.0.weight",
                        "classifier.0.convs.0.0.weight",
                        "classifier.0.project.0.weight",
                        "classifier.4.weight",
                        "classifier.4.bias",
                        "aux_classifier.0.weight",
                        "aux_classifier.4.bias");
        NameMap map = NameMap.of(WeightFormat.TORCHVISION, TargetArchitecture.DEEPLABV3_MOBILENETV3_LARGE, names);
        assertThat(map.target("classifier.4.weight")).contains("classifier.4.weight");
        assertThat(map.target("classifier.0.convs.0.0.weight")).contains("classifier.0.convs.0.0.weight");
        assertThat(map.target("aux_classifier.0.weight")).isEmpty();
    }

    @Test
    void hrnetImageNetHeadsAreSkippedAndTheBackboneKeepsItsNames() {
        NameMap map = NameMap.of(WeightFormat.OFFICIAL, TargetArchitecture.HRNET, List.of("conv1.weight"));
        for (String head :
                List.of(
                        "incre_modules.0.0.conv1.weight",
                        "downsamp_modules.2.0.bias",
                        "final_layer.1.running_var",
                        "classifier.weight",
                        "stage2.0.branches.0.0.bn1.num_batches_tracked")) {
            assertThat(map.target(head)).as(head).isEmpty();
        }
        for (String kept :
                List.of(
                        "transition1.1.0.0.weight",
                        "stage4.0.fuse_layers.3.0.2.1.running_var",
                        "last_layer.0.weight",
                        "_classifier.bias",
                        "clsdrop_bn1.running_mean")) {
            assertThat(map.target(kept)).as(kept).contains(kept);
        }
        assertThatThrownBy(() -> NameMap.of(WeightFormat.TORCHVISION, TargetArchitecture.HRNET, List.of()))
                .hasMessageContaining("torchvision has no HRNet");
    }

    @Test
    void formatIsDetectedFromNamesAndParsedFromTheCommandLine() {
        assertThat(WeightFormat.detect(timmMobileNetV3Large100().keySet())).isEqualTo(WeightFormat.TIMM);
        assertThat(WeightFormat.detect(List.of("features.0.0.weight", "classifier.0.weight")))
                .isEqualTo(WeightFormat.TORCHVISION);
        assertThat(WeightFormat.detect(List.of("backbone.0.0.weight", "classifier.4.bias")))
                .isEqualTo(WeightFormat.TORCHVISION);
        assertThat(WeightFormat.detect(List.of("conv1.weight", "stage2.0.branches.0.0.conv1.weight")))
                .isEqualTo(WeightFormat.OFFICIAL);
        assertThatThrownBy(() -> WeightFormat.detect(List.of("model.fc.weight")))
                .hasMessageContaining("cannot detect");
        assertThat(WeightFormat.parse("auto")).isEmpty();
        assertThat(WeightFormat.parse("Timm")).contains(WeightFormat.TIMM);
        assertThatThrownBy(() -> WeightFormat.parse("onnx")).hasMessageContaining("expected auto");
        assertThat(ExportFormat.parse("torchvision")).isEqualTo(ExportFormat.TORCHVISION);
    }
}
