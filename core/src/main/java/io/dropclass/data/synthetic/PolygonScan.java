package io.dropclass.data.synthetic;

/** Scanline crossings of a polygon outline, the core of polygon filling. */
final class PolygonScan {

    private PolygonScan() {}

    /**
     * The sorted x positions where the horizontal line at {@code y} crosses the closed outline. An
     * edge counts when it spans {@code y} half-open, so shared vertices are counted once.
     *
     * @param xs vertex columns
     * @param ys vertex rows
     * @param y the scanline
     * @param out receives the crossings; at least {@code xs.length} long
     * @return the number of crossings written to {@code out}
     */
    static int crossings(double[] xs, double[] ys, double y, double[] out) {
        int n = xs.length;
        int count = 0;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double yi = ys[i];
            double yj = ys[j];
            if ((yi <= y && y < yj) || (yj <= y && y < yi)) {
                double t = (y - yi) / (yj - yi);
                double x = xs[i] + t * (xs[j] - xs[i]);
                int k = count++;
                while (k > 0 && out[k - 1] > x) {
                    out[k] = out[k - 1];
                    k--;
                }
                out[k] = x;
            }
        }
        return count;
    }
}
