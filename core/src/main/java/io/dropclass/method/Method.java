package io.dropclass.method;

import io.dropclass.model.SegmentationNetwork;

/**
 * How a network is trained against class imbalance: a pixel loss on the network as it is ({@link
 * LossMethod}: the baseline and the imbalance baselines), or DropClass ({@link DropClassMethod}:
 * its head around the network, its objective and schedule). The one place that decides both what
 * is trained and what it is trained on; the configuration's {@code method.name} chooses the kind.
 */
public sealed interface Method permits LossMethod, DropClassMethod {

    /**
     * The name under which the method is configured and reported.
     *
     * @return e.g. {@code baseline}, {@code dropclass}
     */
    String name();

    /**
     * The network the method trains and predicts with, around a bare network.
     *
     * @param bare the network without any head, uninitialised
     * @return the bare network itself, or the method's head around it
     */
    SegmentationNetwork network(SegmentationNetwork bare);

    /**
     * The network and its objective, built together so that the objective trains exactly the
     * network that predicts.
     *
     * @param bare the network without any head, uninitialised
     * @param classWeights the cross-entropy's class weights, one per class
     * @param epochs the run's epoch count (last epoch + 1), for schedules that count epochs
     * @return the parts of the method
     */
    MethodParts build(SegmentationNetwork bare, double[] classWeights, int epochs);

    /**
     * The method with a class dropped at every step, whatever the schedule says: the worst case
     * the benchmark times, and the fixed class of a reference case. Methods that drop nothing are
     * returned unchanged.
     *
     * @param droppedClass z in [0, K), or −1 to never drop
     * @return the method
     */
    default Method droppingAlways(int droppedClass) {
        return this;
    }
}
