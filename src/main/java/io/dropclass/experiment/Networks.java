package io.dropclass.experiment;

import io.dropclass.config.ModelConfig;
import io.dropclass.model.HrNet;
import io.dropclass.model.HrNetSpec;
import io.dropclass.model.SegmentationNetwork;

/** Builds the configured network. */
final class Networks {

    private Networks() {}

    /**
     * Creates an uninitialised network.
     *
     * @param config the model section
     * @param numClasses K
     * @return the network
     */
    static SegmentationNetwork create(ModelConfig config, int numClasses) {
        return HrNet.create(HrNetSpec.byName(config.architecture()), numClasses);
    }
}
