package io.dropclass.data.synthetic;

/**
 * What to paint on a plane facing the camera: a class, its material and the plane's depth.
 *
 * @param classId the train id written to the label map
 * @param material the look written to the image
 * @param depth depth {@code Z} of the plane, metres
 */
record Brush(int classId, Material material, double depth) {

    /** The same class and depth with another material (a part of the same object). */
    Brush with(Material other) {
        return new Brush(classId, other, depth);
    }

    /** The same class and material on the plane at another depth. */
    Brush at(double otherDepth) {
        return new Brush(classId, material, otherDepth);
    }
}
