package io.dropclass.reference;

import ai.djl.ndarray.types.Shape;
import io.dropclass.data.ClassCatalog;
import io.dropclass.model.weights.SafeTensors;
import io.dropclass.model.weights.TensorData;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The inputs of a reference case ({@code inputs.safetensors}) as a training batch holds them: the
 * images as host floats and the labels as unsigned-byte maps.
 *
 * @param images (B, 3, H, W) row-major
 * @param shape (B, 3, H, W)
 * @param labels B label maps of H·W values 0..K−1 or 255; all 255 when the case has no labels
 */
public record CaseInputs(float[] images, Shape shape, byte[][] labels) {

    /**
     * Reads and validates the inputs of a case.
     *
     * @param referenceCase the case (its inputs' header was checked when it was loaded)
     * @param numClasses K, the bound of the label values
     * @return the inputs
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException for a label value other than 0..K−1 and 255, naming the file
     */
    public static CaseInputs read(ReferenceCase referenceCase, int numClasses) throws IOException {
        Path file = referenceCase.file(ReferenceCase.INPUTS_FILE);
        Map<String, TensorData> tensors = SafeTensors.readTensors(file);
        TensorData x = tensors.get("x");
        long[] s = x.shape().getShape(); // (B, 3, H, W)
        int images = Math.toIntExact(s[0]);
        int plane = Math.toIntExact(s[2] * s[3]);
        TensorData labels = tensors.get("labels");
        byte[][] maps = new byte[images][plane];
        if (labels == null) {
            for (byte[] map : maps) {
                Arrays.fill(map, (byte) ClassCatalog.IGNORE_INDEX);
            }
        } else {
            readLabels(labels, numClasses, file, maps);
        }
        return new CaseInputs(x.toFloatArray(), x.shape(), maps);
    }

    private static void readLabels(TensorData labels, int numClasses, Path file, byte[][] maps) {
        LongBuffer values =
                labels.data().duplicate().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
        for (byte[] map : maps) {
            for (int i = 0; i < map.length; i++) {
                long y = values.get();
                if ((y < 0 || y >= numClasses) && y != ClassCatalog.IGNORE_INDEX) {
                    throw new IllegalArgumentException(file + ": label value " + y
                            + " is neither a class 0.." + (numClasses - 1) + " nor "
                            + ClassCatalog.IGNORE_INDEX);
                }
                map[i] = (byte) y;
            }
        }
    }

    /**
     * Images B.
     *
     * @return B
     */
    public int batch() {
        return Math.toIntExact(shape.get(0));
    }

    /**
     * Image rows H.
     *
     * @return H
     */
    public int height() {
        return Math.toIntExact(shape.get(2));
    }

    /**
     * Image columns W.
     *
     * @return W
     */
    public int width() {
        return Math.toIntExact(shape.get(3));
    }
}
