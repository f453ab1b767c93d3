package io.dropclass.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Setting libtorch's native log threshold in-process, and what it leaves alone. */
class NativeLogTest {

    @Test
    void theThresholdIsSetInTheLoadedLibraryAndErrorsStillReachJava() {
        NativeLog.Level before = NativeLog.threshold().orElseThrow();
        try {
            assertThat(NativeLog.setThreshold(NativeLog.Level.ERROR)).isTrue();
            assertThat(NativeLog.threshold()).contains(NativeLog.Level.ERROR);
            // an engine error is an exception, not a log line: the threshold cannot hide it
            try (NDManager manager = NDManager.newBaseManager()) {
                assertThatThrownBy(() -> manager.ones(new Shape(2, 3))
                        .matMul(manager.ones(new Shape(2, 3))))
                        .isInstanceOf(EngineException.class)
                        .hasMessageContaining("cannot be multiplied");
            }
            assertThat(NativeLog.setThreshold(NativeLog.Level.WARNING)).isTrue();
            assertThat(NativeLog.threshold()).contains(NativeLog.Level.WARNING);
        } finally {
            NativeLog.setThreshold(before);
        }
    }

    @Test
    void levelsParseAsTorchCppLogLevelDoes() {
        assertThat(NativeLog.Level.parse("error")).isEqualTo(NativeLog.Level.ERROR);
        assertThat(NativeLog.Level.parse(" WARNING ")).isEqualTo(NativeLog.Level.WARNING);
        assertThat(NativeLog.Level.parse("0")).isEqualTo(NativeLog.Level.INFO);
        assertThat(NativeLog.Level.parse("3")).isEqualTo(NativeLog.Level.FATAL);
        assertThatThrownBy(() -> NativeLog.Level.parse("4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a log level; use INFO, WARNING, ERROR or FATAL (or 0 to 3)");
        assertThatThrownBy(() -> NativeLog.Level.parse("warn"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
