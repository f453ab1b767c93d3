/**
 * DropClass (Chu, Kim, Han, NeurIPS 2021; {@code docs/method.md}): the head that wraps any {@link
 * io.dropclass.model.SegmentationNetwork}, the per-iteration class sampling and its schedule, and
 * the training objective.
 *
 * <pre>
 * DropClassObjective.loss(ps, images, batch, epoch)
 *   λ    = DropSchedule.lambda(epoch, iteration)          λ = p(drop) = e/E      (§6, §7)
 *   d    = ClassDropSampler.sample(epoch, λ, labels)      z, then u; drop iff u ≤ λ
 *   out  = DropClassNetwork.forwardTraining(ps, images, d)
 *            A = features(x); ŷ = h(A)
 *            s = mean over kept classes of ReLU(W_c)   (C) or (B, C) per image
 *            A_drop = ReLU(BN(conv1x1(A ⊙ s))); ŷ_drop = h(A_drop)
 *   L    = DropClassLoss: (1 − λ)·CE(ŷ) + λ·CE(ŷ_drop, z → ignore) + α·1[drop]·mean p_z(ŷ_drop)
 * </pre>
 *
 * <p>{@link io.dropclass.method.DropSchedule} and {@link io.dropclass.method.ClassDropSampler} are
 * pure Java (no engine); the rest runs on DJL NDArrays.
 */
package io.dropclass.method;
