package io.dropclass.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialPartitionsTest {

    /** Sums of squares of 0..size-1 with a resource loaded once per worker. */
    private record Squares(int size, int alignment, AtomicInteger loads)
            implements PartitionedJob<Long> {

        @Override
        public Long compute(int from, int to, WorkerContext worker) throws IOException {
            worker.shared("r", AutoCloseable.class, () -> {
                loads.incrementAndGet();
                return () -> { };
            });
            if (from % alignment != 0) {
                throw new IllegalStateException("unaligned range " + from);
            }
            long sum = 0;
            for (int i = from; i < to; i++) {
                sum += (long) i * i;
            }
            return sum;
        }

        @Override
        public Long empty() {
            return 0L;
        }

        @Override
        public Long combine(Long a, Long b) {
            return a + b;
        }
    }

    @Test
    void theResultDoesNotDependOnTheThreadsAndTheResourceLoadsOnce() throws IOException {
        for (int threads = 1; threads <= 4; threads++) {
            AtomicInteger loads = new AtomicInteger();
            long sum = new SerialPartitions(threads).run(new Squares(101, 4, loads));
            assertThat(sum).isEqualTo(100L * 101 * 201 / 6);
            assertThat(loads).hasValue(1);
        }
        assertThat(new SerialPartitions(3).run(new Squares(0, 1, new AtomicInteger())))
                .isZero();
        assertThatThrownBy(() -> new SerialPartitions(0)).hasMessageContaining("threads");
    }
}
