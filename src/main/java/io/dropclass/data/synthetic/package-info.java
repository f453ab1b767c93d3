/**
 * An embedded synthetic street-scene benchmark with the 19 Cityscapes train classes, generated on
 * the fly and deterministic from (seed, split, index). Pure Java: no tensors, no files.
 *
 * <p>How a sample is made, in order:
 *
 * <pre>
 * StreetSceneGenerator.generate(seed, split, index)
 *   → StreetPlanner.plan        camera, road, sidewalks, facade segments, walls/fences (StreetLayout)
 *   → ActorPlanner.plan         trees, poles, people, two-wheelers, vehicles (List&lt;Actor&gt;),
 *                               following or, for SHIFT, breaking the usual context rules
 *   → BackgroundRenderer        sky, ground, far skyline, facades, frontages
 *   → ActorRenderer             actors far first (painter's order), via FigureSprites/VehicleSprites
 *   → PhotometricEffects        light blur, illumination, sensor noise
 * </pre>
 *
 * <p>Geometry is in metres in a camera frame (lateral X, elevation Y, depth Z) and projected by a
 * {@link io.dropclass.data.synthetic.Camera}, so sizes shrink with distance and textures follow
 * perspective. Colours come from {@link io.dropclass.data.synthetic.Appearance}, whose ranges
 * overlap between similar classes on purpose: a model must use shape and context.
 */
package io.dropclass.data.synthetic;
