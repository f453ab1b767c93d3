package io.dropclass.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResolutionTest {

    @Test
    void parsesSizesAndLists() {
        assertThat(Resolution.parse("256x512")).isEqualTo(new Resolution(256, 512));
        assertThat(Resolution.parse(" 16X32 ")).isEqualTo(new Resolution(16, 32));
        assertThat(Resolution.parseList("1024x2048,512x1024"))
                .containsExactly(new Resolution(1024, 2048), new Resolution(512, 1024));
        assertThat(Resolution.parseList("none")).isEmpty();
        assertThat(new Resolution(3, 4)).hasToString("3x4");
    }

    @Test
    void rejectsWhatIsNotHxW() {
        for (String bad : List.of("256", "256x", "x512", "0x512", "256x512x3", "-1x2", "axb", "")) {
            assertThatThrownBy(() -> Resolution.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("expected HxW, e.g. 256x512");
        }
        assertThatThrownBy(() -> Resolution.parseList("64x64,,32x32"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
