/**
 * An embedded synthetic street-scene benchmark with the 19 Cityscapes train classes, generated on
 * the fly and deterministic from (seed, split, index). Pure Java: no tensors, no files.
 *
 * <p>How a sample is made, in order:
 *
 * <pre>
 * StreetSceneGenerator.generate(seed, split, index)
 *   → StreetPlanner.plan        camera, road, sidewalks, facades, walls/fences (StreetLayout)
 *   → ActorPlanner.plan         trees, poles, people, two-wheelers, vehicles (List&lt;Actor&gt;),
 *                               following or, for SHIFT, breaking the usual context rules
 *   → BackgroundRenderer        sky, ground, far skyline, facades, frontages, ego bonnet (255)
 *   → ActorRenderer             actors far first (painter's order), Figure/VehicleSprites
 *       all through SceneCanvas, which writes label and colour of each pixel together
 *   → PhotometricEffects        light blur, illumination, sensor noise
 * </pre>
 *
 * <p>Geometry is in metres in a camera frame (lateral X, elevation Y, depth Z) and projected by a
 * {@link io.dropclass.data.synthetic.Camera}, so sizes shrink with distance and textures follow
 * perspective. Colours come from {@link io.dropclass.data.synthetic.Appearance} and {@link
 * io.dropclass.data.synthetic.ActorAppearance}, whose ranges overlap between similar classes on
 * purpose: a model must use shape and context.
 *
 * <p>{@code StreetSceneBenchmark} (test sources) prints the measured class shares and the time per
 * sample; {@code StreetSceneSharesTest} holds every share within a factor of 2 of Cityscapes'.
 */
package io.dropclass.data.synthetic;
