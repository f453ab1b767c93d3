package io.dropclass.data.synthetic;

import io.dropclass.data.ClassCatalog;
import java.util.function.DoubleUnaryOperator;

/**
 * Rasterises shapes given in world metres into a label map and a planar RGB image at once, so label
 * and appearance can never disagree. Later shapes overwrite earlier ones (painter's order). A pixel
 * belongs to a shape when its centre lies inside the projected shape.
 *
 * <p>Three kinds of surface exist: planes facing the camera (objects, at one depth), planes along
 * the street (facades, vehicle sides, at one lateral offset) and the ground. Each passes its own
 * surface coordinates to the {@link Material}, which makes textures follow perspective.
 */
final class SceneCanvas {

    private final Camera camera;
    private final int width;
    private final int height;
    private final int plane;
    private final byte[] label;
    private final float[] image;

    SceneCanvas(Camera camera) {
        this.camera = camera;
        this.width = camera.width();
        this.height = camera.height();
        this.plane = width * height;
        this.label = new byte[plane];
        this.image = new float[3 * plane];
    }

    Camera camera() {
        return camera;
    }

    byte[] label() {
        return label;
    }

    float[] image() {
        return image;
    }

    /** Paints one pixel with a class and a material at surface coordinates {@code (u, v)}. */
    void paint(int column, int row, int classId, Material material, double u, double v) {
        int p = row * width + column;
        label[p] = (byte) classId;
        material.paint(image, p, plane, u, v);
    }

    /** Marks one pixel as ignored and gives it a colour. */
    void paintIgnored(int column, int row, Material material) {
        paint(column, row, ClassCatalog.IGNORE_INDEX, material, column, row);
    }

    /** Fills the rectangle {@code [left, right] x [bottom, top]} on the brush's plane. */
    void fillRect(Brush b, double left, double right, double bottom, double top) {
        double z = b.depth();
        int x0 = firstCentre(camera.x(left, z), width);
        int x1 = lastCentre(camera.x(right, z), width);
        int y0 = firstCentre(camera.y(top, z), height);
        int y1 = lastCentre(camera.y(bottom, z), height);
        for (int y = y0; y <= y1; y++) {
            double v = camera.elevation(y + 0.5, z);
            for (int x = x0; x <= x1; x++) {
                paint(x, y, b.classId(), b.material(), camera.lateral(x + 0.5, z), v);
            }
        }
    }

    /** Fills an axis-aligned ellipse on the brush's plane. */
    void fillEllipse(Brush b, double centreX, double centreY, double radiusX, double radiusY) {
        fillRing(b, centreX, centreY, radiusX, radiusY, 0);
    }

    /**
     * Fills an elliptic ring: the ellipse minus the same ellipse shrunk by {@code 1 - holeFraction}
     * (0 fills the whole ellipse). Wheels are rings, so what is behind shows through them.
     */
    void fillRing(
            Brush b,
            double centreX,
            double centreY,
            double radiusX,
            double radiusY,
            double holeFraction) {
        double z = b.depth();
        double cx = camera.x(centreX, z);
        double cy = camera.y(centreY, z);
        double rx = radiusX * camera.focal() / z;
        double ry = radiusY * camera.focal() / z;
        double hole2 = holeFraction * holeFraction;
        int x0 = firstCentre(cx - rx, width);
        int x1 = lastCentre(cx + rx, width);
        int y0 = firstCentre(cy - ry, height);
        int y1 = lastCentre(cy + ry, height);
        for (int y = y0; y <= y1; y++) {
            double dy = (y + 0.5 - cy) / ry;
            double v = camera.elevation(y + 0.5, z);
            for (int x = x0; x <= x1; x++) {
                double dx = (x + 0.5 - cx) / rx;
                double r2 = dx * dx + dy * dy;
                if (r2 <= 1 && r2 >= hole2) {
                    paint(x, y, b.classId(), b.material(), camera.lateral(x + 0.5, z), v);
                }
            }
        }
    }

    /** Fills a thick straight segment between two points on the brush's plane. */
    void fillLine(Brush b, double xa, double ya, double xb, double yb, double thickness) {
        double dx = xb - xa;
        double dy = yb - ya;
        double len = Math.hypot(dx, dy);
        if (len == 0) {
            return;
        }
        double nx = -dy / len * thickness * 0.5;
        double ny = dx / len * thickness * 0.5;
        fillPolygon(
                b,
                new double[] {xa + nx, xb + nx, xb - nx, xa - nx},
                new double[] {ya + ny, yb + ny, yb - ny, ya - ny});
    }

    /** Fills a simple polygon (even-odd rule) given by world vertices on the brush's plane. */
    void fillPolygon(Brush b, double[] xs, double[] ys) {
        double z = b.depth();
        int n = xs.length;
        double[] px = new double[n];
        double[] py = new double[n];
        double top = Double.MAX_VALUE;
        double bottom = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            px[i] = camera.x(xs[i], z);
            py[i] = camera.y(ys[i], z);
            top = Math.min(top, py[i]);
            bottom = Math.max(bottom, py[i]);
        }
        double[] crossings = new double[n];
        for (int y = firstCentre(top, height); y <= lastCentre(bottom, height); y++) {
            double yc = y + 0.5;
            int count = PolygonScan.crossings(px, py, yc, crossings);
            double v = camera.elevation(yc, z);
            for (int k = 0; k + 1 < count; k += 2) {
                for (int x = firstCentre(crossings[k], width);
                        x <= lastCentre(crossings[k + 1], width);
                        x++) {
                    paint(x, y, b.classId(), b.material(), camera.lateral(x + 0.5, z), v);
                }
            }
        }
    }

    /**
     * Fills a vertical plane along the street at lateral offset {@code lateral} (not 0), from the
     * brush's depth to {@code far} and from elevation {@code bottom} up to {@code top(Z)}. Facades,
     * hedges and vehicle sides are such planes; their texture coordinates are (depth, elevation).
     */
    void fillSide(Brush b, double lateral, double far, double bottom, DoubleUnaryOperator top) {
        double near = b.depth();
        double xa = camera.x(lateral, far);
        double xb = camera.x(lateral, near);
        int x0 = firstCentre(Math.min(xa, xb), width);
        int x1 = lastCentre(Math.max(xa, xb), width);
        for (int x = x0; x <= x1; x++) {
            double xc = x + 0.5;
            if ((xc - camera.vanishX()) * lateral <= 0) {
                continue;
            }
            double z = camera.depthOnSide(xc, lateral);
            if (z < near || z > far) {
                continue;
            }
            int y0 = firstCentre(camera.y(top.applyAsDouble(z), z), height);
            int y1 = lastCentre(camera.y(bottom, z), height);
            for (int y = y0; y <= y1; y++) {
                paint(x, y, b.classId(), b.material(), z, camera.elevation(y + 0.5, z));
            }
        }
    }

    /**
     * Fills a rectangle on the ground, {@code [left, right]} laterally and {@code [near, far]} in
     * depth. Texture coordinates are (lateral, depth).
     */
    void fillGround(
            int classId, Material material, double left, double right, double near, double far) {
        int y0 = firstCentre(camera.y(0, far), height);
        int y1 = lastCentre(camera.y(0, near), height);
        for (int y = Math.max(y0, 0); y <= y1; y++) {
            double yc = y + 0.5;
            if (yc <= camera.horizonY()) {
                continue;
            }
            double z = camera.groundDepth(yc);
            int x0 = firstCentre(camera.x(left, z), width);
            int x1 = lastCentre(camera.x(right, z), width);
            for (int x = x0; x <= x1; x++) {
                paint(x, y, classId, material, camera.lateral(x + 0.5, z), z);
            }
        }
    }

    /** First pixel index whose centre is at or after {@code a}, clamped to the image. */
    static int firstCentre(double a, int size) {
        double c = Math.ceil(a - 0.5);
        return c <= 0 ? 0 : (int) Math.min(c, size);
    }

    /** Last pixel index whose centre is before {@code b}, clamped to the image. */
    static int lastCentre(double b, int size) {
        double c = Math.ceil(b - 0.5) - 1;
        return c >= size - 1 ? size - 1 : (int) Math.max(c, -1);
    }
}
