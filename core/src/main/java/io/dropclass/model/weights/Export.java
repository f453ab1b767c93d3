package io.dropclass.model.weights;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.dropclass.model.SegmentationNetwork;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a network as a safetensors checkpoint that PyTorch can load with {@code
 * load_state_dict(strict=True)}: after every BatchNorm's {@code running_var} comes its {@code
 * num_batches_tracked} (int64 scalar, 0), which PyTorch's BatchNorm requires in strict mode.
 */
public final class Export {

    private static final String RUNNING_VAR = ".running_var";

    private Export() {}

    /**
     * What was written.
     *
     * @param file the checkpoint
     * @param format the naming scheme
     * @param tensors number of tensors written (including {@code num_batches_tracked})
     * @param omitted our parameters not written (the DropClass head for TORCHVISION)
     */
    public record Report(Path file, ExportFormat format, int tensors, List<String> omitted) {

        /** Copies the list. */
        public Report {
            omitted = List.copyOf(omitted);
        }

        /**
         * One line for the CLI.
         *
         * @return the summary
         */
        public String summary() {
            return "exported "
                    + tensors
                    + " tensors ("
                    + format.name().toLowerCase(java.util.Locale.ROOT)
                    + ") to "
                    + file
                    + (omitted.isEmpty()
                            ? ""
                            : "; omitted " + omitted.size() + " DropClass head tensors");
        }
    }

    /**
     * Writes the checkpoint.
     *
     * @param network the network (initialised); a DropClass network for OFFICIAL keeps {@code
     *     clsdrop_*}
     * @param file the target; replaced if it exists
     * @param format OFFICIAL for any network; TORCHVISION for DeepLabV3-MobileNetV3 only
     * @return what was written
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException for TORCHVISION and an HRNet
     */
    public static Report write(SegmentationNetwork network, Path file, ExportFormat format)
            throws IOException {
        Map<String, TensorData> data = new LinkedHashMap<>();
        List<String> omitted = new ArrayList<>();
        TargetArchitecture architecture = TargetArchitecture.of(network);
        if (format == ExportFormat.TORCHVISION
                && architecture != TargetArchitecture.DEEPLABV3_MOBILENETV3_LARGE) {
            throw new IllegalArgumentException(
                    "torchvision export exists for DeepLabV3-MobileNetV3 only, not "
                    + architecture);
        }
        for (Map.Entry<String, Parameter> e : network.namedParameters().entrySet()) {
            String name = e.getKey();
            if (format == ExportFormat.TORCHVISION && name.startsWith("clsdrop_")) {
                omitted.add(name);
                continue;
            }
            data.put(name, TensorData.of(e.getValue().getArray()));
            if (name.endsWith(RUNNING_VAR)) {
                String module = name.substring(0, name.length() - RUNNING_VAR.length());
                data.put(module + ".num_batches_tracked", zeroInt64());
            }
        }
        SafeTensors.writeTensors(
                file, data, Map.of("format", "pt", "dropclass.export", format.name()));
        return new Report(file, format, data.size(), omitted);
    }

    private static TensorData zeroInt64() {
        return new TensorData(SafeTensorsDType.I64, new Shape(), ByteBuffer.allocate(8));
    }
}
