package io.dropclass.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SceneCanvasTest {

    /** At depth 10 one metre is one pixel; the horizon is row 5 and the camera 1 m high. */
    private final Camera camera = new Camera(10, 20, 5, 10, 10, 1);

    private final Material grey = Material.solid(new Rgb(0.5f, 0.5f, 0.5f), 0f, 1);

    @Test
    void cameraProjectsAndBackProjectsConsistently() {
        assertThat(camera.x(2, 10)).isEqualTo(12);
        assertThat(camera.y(0, 10)).isEqualTo(6);
        assertThat(camera.y(1, 20)).isEqualTo(5);
        assertThat(camera.groundDepth(6)).isEqualTo(10);
        assertThat(camera.lateral(12, 10)).isEqualTo(2);
        assertThat(camera.elevation(6, 10)).isEqualTo(0);
        assertThat(camera.depthOnSide(12, 2)).isEqualTo(10);
    }

    @Test
    void rectangleCoversThePixelsWhoseCentresItContains() {
        // Given a 4 m x 2 m rectangle at depth 10: columns [8, 12), rows [3, 5)
        SceneCanvas canvas = new SceneCanvas(camera);
        // When it is filled
        canvas.fillRect(new Brush(SceneClass.CAR, grey, 10), -2, 2, 1, 3);
        // Then exactly those 8 pixels carry the class and the colour
        int covered = 0;
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                boolean inside = x >= 8 && x < 12 && y >= 3 && y < 5;
                byte label = canvas.label()[y * 20 + x];
                assertThat(label).isEqualTo((byte) (inside ? SceneClass.CAR : 0));
                covered += inside ? 1 : 0;
                if (inside) {
                    assertThat(canvas.image()[y * 20 + x]).isEqualTo(0.5f, within(1e-6f));
                }
            }
        }
        assertThat(covered).isEqualTo(8);
    }

    @Test
    void fartherShapesAreSmaller() {
        SceneCanvas near = new SceneCanvas(camera);
        SceneCanvas far = new SceneCanvas(camera);
        near.fillEllipse(new Brush(SceneClass.TRAFFIC_SIGN, grey, 10), 0, 1, 3, 3);
        far.fillEllipse(new Brush(SceneClass.TRAFFIC_SIGN, grey, 20), 0, 1, 3, 3);
        assertThat(count(near, SceneClass.TRAFFIC_SIGN))
                .isGreaterThan(3 * count(far, SceneClass.TRAFFIC_SIGN));
    }

    @Test
    void polygonScanSortsCrossingsAndCountsSharedVerticesOnce() {
        double[] xs = {0, 4, 4, 2, 0};
        double[] ys = {0, 0, 4, 2, 4};
        double[] out = new double[5];
        assertThat(PolygonScan.crossings(xs, ys, 1, out)).isEqualTo(2);
        assertThat(out[0]).isEqualTo(0);
        assertThat(out[1]).isEqualTo(4);
        assertThat(PolygonScan.crossings(xs, ys, 3, out)).isEqualTo(4);
        assertThat(out).startsWith(0, 1, 3, 4);
    }

    @Test
    void blurSpreadsAPointByOneTwoOne() {
        float[] image = new float[3 * 9];
        image[4] = 1;
        PhotometricEffects.blur(image, 3, 3);
        float[] expected = {
            1 / 16f, 1 / 8f, 1 / 16f, 1 / 8f, 1 / 4f, 1 / 8f, 1 / 16f, 1 / 8f, 1 / 16f
        };
        for (int p = 0; p < 9; p++) {
            assertThat(image[p]).as("pixel %d", p).isEqualTo(expected[p], within(1e-6f));
            assertThat(image[9 + p]).isZero();
        }
    }

    private static int count(SceneCanvas canvas, int classId) {
        int n = 0;
        for (byte b : canvas.label()) {
            n += b == classId ? 1 : 0;
        }
        return n;
    }
}
