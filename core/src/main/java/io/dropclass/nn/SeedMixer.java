package io.dropclass.nn;

/**
 * Derives the seed of one random stream from a run's seed and a counter (a forward, an
 * iteration), so that stream n can be drawn again at any time: x = seed·φ + (n + 1)·a, then a
 * splitmix-style finaliser, x ^= x >>> s; x *= b; x ^= x >>> 29. Each user has its own constants
 * (a, s, b), so its streams differ from every other user's at the same seed and counter.
 *
 * @param counterMultiplier a, the odd multiplier of the counter
 * @param firstShift s, the first xor-shift
 * @param finalMultiplier b, the odd multiplier between the shifts
 */
public record SeedMixer(long counterMultiplier, int firstShift, long finalMultiplier) {

    /** φ, the golden-ratio multiplier of the seed. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /**
     * The seed of stream n.
     *
     * @param seed the run's seed
     * @param n the counter, ≥ 0
     * @return the stream's seed
     */
    public long mix(long seed, long n) {
        long x = seed * GOLDEN + (n + 1) * counterMultiplier;
        x ^= x >>> firstShift;
        x *= finalMultiplier;
        return x ^ (x >>> 29);
    }
}
