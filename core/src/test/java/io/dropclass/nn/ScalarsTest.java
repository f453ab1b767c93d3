package io.dropclass.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalarsTest {

    @Test
    void gradientOfAScaledArraySurvivesGarbageCollectionBeforeBackward() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1f, 2f, 3f, 4f});
            x.setRequiresGradient(true);
            for (int round = 0; round < 20; round++) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector();
                        NDManager step = m.newSubManager()) {
                    NDArray y = Scalars.times(x, 3.0).sum();
                    y.attach(step);
                    churnNativeMemory(); // frees borrowed buffers and reuses their memory
                    gc.backward(y);
                }
                float[] grad = x.getGradient().toFloatArray();
                assertThat(grad).as("round " + round).containsOnly(3f);
                x.getGradient().muli(0f);
            }
        }
    }

    /** Collects garbage, then allocates direct buffers full of a poison value. */
    private static void churnNativeMemory() {
        System.gc();
        List<ByteBuffer> poison = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
            b.putFloat(0, 1e30f);
            poison.add(b);
        }
        byte[] touch = new byte[1];
        Arrays.fill(touch, (byte) poison.size());
    }
}
