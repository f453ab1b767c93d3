package io.dropclass.data.transform;

import io.dropclass.data.SegmentationSample;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A transform whose output always has one size, declared up front (for example a crop followed by a
 * pad to the crop size, which {@link PairedTransform#outputSize} cannot infer by itself). Checks
 * the size of every output.
 *
 * @param inner the transform
 * @param size its output size
 */
public record FixedSize(PairedTransform inner, Size size) implements PairedTransform {

    @Override
    public SegmentationSample apply(SegmentationSample sample, SplittableRandom random) {
        SegmentationSample out = inner.apply(sample, random);
        if (out.height() != size.height() || out.width() != size.width()) {
            throw new IllegalStateException("transform " + inner + " gave " + out.height() + "x"
                    + out.width() + ", declared " + size.height() + "x" + size.width());
        }
        return out;
    }

    @Override
    public Optional<Size> outputSize(Optional<Size> input) {
        return Optional.of(size);
    }
}
