package io.dropclass.data.cityscapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropclass.data.ClassCatalog;
import io.dropclass.data.ClassInfo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CityscapesLabelsTest {

    @Test
    void theTrainClassesAgreeWithTheCatalog() {
        ClassCatalog catalog = ClassCatalog.cityscapes();
        for (ClassInfo c : catalog.classes()) {
            CityscapesLabel l = CityscapesLabels.byId(c.labelId());
            assertThat(l.name()).isEqualTo(c.name());
            assertThat(l.trainId()).isEqualTo(c.trainId());
            assertThat(l.rgb()).isEqualTo(c.rgb());
            assertThat(l.ignoreInEval()).isFalse();
            assertThat(CityscapesLabels.labelIdOfTrainId(c.trainId())).isEqualTo(c.labelId());
        }
        long evaluated = CityscapesLabels.all().stream().filter(l -> !l.ignoreInEval()).count();
        assertThat(evaluated).isEqualTo(catalog.size());
        // the mask decoder's table is the inverse on the 19 classes, 255 elsewhere
        int[] table = CityscapesMasks.labelIdTable(catalog);
        for (CityscapesLabel l : CityscapesLabels.all()) {
            if (l.id() >= 0) {
                assertThat(table[l.id()]).as(l.name()).isEqualTo(l.trainId());
            }
        }
    }

    @Test
    void categoriesAndInstanceSizesAreTheOfficialOnes() {
        assertThat(CityscapesLabels.categories()).containsExactly("void", "flat", "construction",
                "object", "nature", "sky", "human", "vehicle");
        assertThat(CityscapesLabels.all()).hasSize(35);
        for (CityscapesLabel l : CityscapesLabels.all()) {
            assertThat(CityscapesLabels.AVERAGE_INSTANCE_SIZE.containsKey(l.name()))
                    .as(l.name()).isEqualTo(l.hasInstances());
        }
    }

    @Test
    void ignoreIsNotAClass() {
        assertThatThrownBy(() -> CityscapesLabels.labelIdOfTrainId(255))
                .hasMessageContaining("255");
        assertThatThrownBy(() -> CityscapesLabels.labelIdOfTrainId(19))
                .hasMessageContaining("19");
        assertThatThrownBy(() -> CityscapesLabels.byId(34)).hasMessageContaining("34");
    }

    @Test
    void fileNamesSplitAsTheOfficialScriptsSplitThem() {
        CityscapesFileName n = CityscapesFileName.parse(
                Path.of("x/aachen_000000_000019_leftImg8bit.png")).orElseThrow();
        assertThat(n.frameKey()).isEqualTo("aachen_000000_000019");
        assertThat(n.type()).isEqualTo("leftImg8bit");
        assertThat(n.type2()).isEmpty();
        CityscapesFileName gt = CityscapesFileName.parse(
                Path.of("bad-honnef_000000_000019_gtFine_labelIds.png")).orElseThrow();
        assertThat(gt.city()).isEqualTo("bad-honnef");
        assertThat(gt.type2()).isEqualTo("labelIds");
        assertThat(CityscapesFileName.parse(Path.of("street.png"))).isEmpty();
        assertThat(CityscapesFileName.parse(Path.of("a_b_c.png"))).isEmpty();
        assertThat(CityscapesFileName.parse(Path.of("a_b_c_d_e_f.png"))).isEmpty();
        assertThat(CityscapesFileName.parse(Path.of("a__c_d.png"))).isEmpty();
    }

    @Test
    void theOfficialGroundTruthLiesNextToEitherMask() {
        Path dir = Path.of("gtFine/val/ulm");
        CityscapesGroundTruth a = CityscapesGroundTruth.of(
                dir.resolve("ulm_000000_000019_gtFine_labelTrainIds.png"));
        CityscapesGroundTruth b = CityscapesGroundTruth.of(
                dir.resolve("ulm_000000_000019_gtFine_labelIds.png"));
        assertThat(a).isEqualTo(b);
        assertThat(a.instanceIds())
                .isEqualTo(dir.resolve("ulm_000000_000019_gtFine_instanceIds.png"));
        assertThat(CityscapesGroundTruth.of(dir.resolve("mask.png"))).isNull();
    }
}
