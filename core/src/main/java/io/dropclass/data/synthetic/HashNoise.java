package io.dropclass.data.synthetic;

/**
 * Stateless noise from integer hashing: per-pixel grain and smooth value noise. Being a pure
 * function of its inputs it keeps generation deterministic and thread-safe without drawing millions
 * of numbers from a random generator.
 */
final class HashNoise {

    private static final float UNIT = 1f / (1 << 24);

    private HashNoise() {}

    /** A well-mixed 32-bit hash of two coordinates and a salt. */
    static int hash(int x, int y, int salt) {
        int h = salt * 0x9E3779B9 + x * 0x85EBCA6B + y * 0xC2B2AE35;
        h ^= h >>> 16;
        h *= 0x7FEB352D;
        h ^= h >>> 15;
        h *= 0x846CA68B;
        h ^= h >>> 16;
        return h;
    }

    /** Uniform noise in [-1, 1) for one integer cell. */
    static float signed(int x, int y, int salt) {
        return (hash(x, y, salt) >>> 8) * UNIT * 2f - 1f;
    }

    /**
     * Smooth value noise in [-1, 1]: hashed values on the integer lattice, interpolated with a
     * smoothstep, so blotches have soft edges at the scale of one lattice cell.
     */
    static float value(double u, double v, int salt) {
        double fu = Math.floor(u);
        double fv = Math.floor(v);
        int iu = (int) fu;
        int iv = (int) fv;
        float tu = smooth((float) (u - fu));
        float tv = smooth((float) (v - fv));
        float a = signed(iu, iv, salt);
        float b = signed(iu + 1, iv, salt);
        float c = signed(iu, iv + 1, salt);
        float d = signed(iu + 1, iv + 1, salt);
        float top = a + (b - a) * tu;
        float bottom = c + (d - c) * tu;
        return top + (bottom - top) * tv;
    }

    private static float smooth(float t) {
        return t * t * (3f - 2f * t);
    }
}
