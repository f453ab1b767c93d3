package io.dropclass.method;

/** What one sampled class z applies to (docs/method.md §7.1, §7.3). */
public enum SamplingUnit {
    /** One z for every image of the batch, as the official code (per GPU process). */
    BATCH,
    /** A z of its own for every image; the importance vector s is then per image, (B, C). */
    IMAGE
}
