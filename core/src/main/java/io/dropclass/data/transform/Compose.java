package io.dropclass.data.transform;

import io.dropclass.data.SegmentationSample;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Transforms applied in order, all drawing from the same generator.
 *
 * @param steps the transforms, first applied first
 */
public record Compose(List<PairedTransform> steps) implements PairedTransform {

    /** Copies the list. */
    public Compose {
        steps = List.copyOf(steps);
    }

    /**
     * Composes transforms.
     *
     * @param steps the transforms, first applied first
     * @return the composition
     */
    public static Compose of(PairedTransform... steps) {
        return new Compose(List.of(steps));
    }

    @Override
    public SegmentationSample apply(SegmentationSample sample, SplittableRandom random) {
        SegmentationSample s = sample;
        for (PairedTransform t : steps) {
            s = t.apply(s, random);
        }
        return s;
    }

    @Override
    public Optional<Size> outputSize(Optional<Size> input) {
        Optional<Size> size = input;
        for (PairedTransform t : steps) {
            size = t.outputSize(size);
        }
        return size;
    }
}
