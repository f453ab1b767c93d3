package io.dropclass.data.transform;

import io.dropclass.data.SegmentationSample;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A random transform of an image and its mask together: whatever moves the image moves its mask the
 * same way. Implementations are immutable and thread-safe; all randomness comes from the given
 * generator, so the output is a function of the sample and the generator's state.
 */
public interface PairedTransform {

    /**
     * Transforms one sample.
     *
     * @param sample the input, not modified
     * @param random the source of every random decision
     * @return a new sample (or the input itself when nothing changes)
     */
    SegmentationSample apply(SegmentationSample sample, SplittableRandom random);

    /**
     * The output size, when it is known without seeing the sample.
     *
     * @param input the input size if known
     * @return the output size if known: a fixed crop or pad fixes it, a size-preserving transform
     *     passes its input's through, a random rescale makes it unknown (the default)
     */
    default Optional<Size> outputSize(Optional<Size> input) {
        return Optional.empty();
    }

    /**
     * A sample size.
     *
     * @param height rows
     * @param width columns
     */
    record Size(int height, int width) {

        /** Validates the size. */
        public Size {
            if (height <= 0 || width <= 0) {
                throw new IllegalArgumentException(
                        "size must be positive, got " + height + "x" + width);
            }
        }
    }
}
