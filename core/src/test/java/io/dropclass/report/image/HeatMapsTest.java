package io.dropclass.report.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeatMapsTest {

    @Test
    void jetIsDarkBlueAtZeroGreenInTheMiddleAndDarkRedAtOne() {
        assertThat(HeatMaps.jet(0)).isEqualTo(0x000080);
        assertThat(HeatMaps.jet(0.5)).isEqualTo(0x80FF80);
        assertThat(HeatMaps.jet(1)).isEqualTo(0x800000);
        assertThatThrownBy(() -> HeatMaps.jet(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeatMaps.jet(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overlayBlendsTheColourOverTheImage() {
        // Given a 1×2 white image, heat 0 on the left and 1 on the right
        float[] white = {1, 1, 1, 1, 1, 1};
        float[] heat = {0, 1};

        // When fully opaque the pixels are the jet colours; at half opacity the average with white
        BufferedImage opaque = HeatMaps.overlay(white, heat, 1, 2, 1.0);
        BufferedImage half = HeatMaps.overlay(white, heat, 1, 2, 0.5);
        BufferedImage clear = HeatMaps.overlay(white, heat, 1, 2, 0.0);

        // Then
        assertThat(opaque.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x000080);
        assertThat(opaque.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0x800000);
        assertThat(half.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x8080C0); // (255+0)/2 = 127.5 -> 128
        assertThat(half.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xC08080);
        assertThat(clear.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void colourAndPanelsHaveTheExpectedSizes() {
        float[] image = new float[3 * 2 * 3];
        float[] heat = {0, 0.25f, 0.5f, 0.75f, 1, 1};
        BufferedImage colour = HeatMaps.colour(heat, 2, 3);
        assertThat(colour.getRGB(0, 1) & 0xFFFFFF).isEqualTo(0xFF8000); // x 0, y 1: index 3, 0.75
        BufferedImage row = HeatMaps.panels(image, List.of(heat, heat), 2, 3, 0.5);
        assertThat(row.getWidth()).isEqualTo(3 * 3 + 2 * MaskImages.PANEL_GAP);
        assertThat(row.getHeight()).isEqualTo(2);
    }

    @Test
    void rejectsBadInputs() {
        assertThatThrownBy(() -> HeatMaps.overlay(new float[6], new float[] {0, 2}, 1, 2, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> HeatMaps.overlay(new float[6], new float[] {0}, 1, 2, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeatMaps.overlay(new float[6], new float[2], 1, 2, 1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeatMaps.panels(new float[6], List.of(), 1, 2, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
