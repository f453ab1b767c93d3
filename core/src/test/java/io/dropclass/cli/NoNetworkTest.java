package io.dropclass.cli;

import static io.dropclass.cli.CliRunner.TINY;
import static io.dropclass.cli.CliRunner.concat;
import static io.dropclass.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.util.Utils;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training, evaluation and prediction open no network connection: DJL's offline mode is in force
 * and refuses a remote download, no URL or socket connection asks the proxy selector for a route,
 * and (on Linux) no TCP connection of this process shows up in {@code /proc/self/net/tcp*}
 * while the commands run.
 */
class NoNetworkTest {

    @TempDir Path dir;

    /** Records every URI a connection asks a route for; answers "no proxy". */
    private static final class RecordingProxySelector extends ProxySelector {
        final List<URI> asked = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<Proxy> select(URI uri) {
            asked.add(uri);
            return List.of(Proxy.NO_PROXY);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException e) {
            asked.add(uri);
        }
    }

    @Test
    void trainEvaluateAndPredictOpenNoConnection() throws Exception {
        String offlineBefore = System.getProperty("ai.djl.offline");
        ProxySelector previous = ProxySelector.getDefault();
        RecordingProxySelector recorder = new RecordingProxySelector();
        TcpWatch watch = TcpWatch.start();
        ProxySelector.setDefault(recorder);
        try {
            Path runDir = dir.resolve("run");
            CliRunner.Result train = run(concat(concat(new String[] {"train", "--output",
                runDir.toString(), "--method", "baseline"}, TINY), "train.iterations=2",
                    "train.validation_interval=2"));
            assertThat(train.code()).as(train.err()).isZero();
            Path checkpoint = runDir.resolve("checkpoints/last.safetensors");
            CliRunner.Result eval = run("evaluate", "--checkpoint", checkpoint.toString(),
                    "--output", dir.resolve("eval").toString(), "--threads", "2");
            assertThat(eval.code()).as(eval.err()).isZero();
            Path image = dir.resolve("scene.png");
            HostileInputs.png(image, HostileInputs.rgb(3));
            CliRunner.Result predict = run("predict", "--checkpoint", checkpoint.toString(),
                    "--output", dir.resolve("masks").toString(), "--threads", "2",
                    image.toString());
            assertThat(predict.code()).as(predict.err()).isZero();

            // (a) offline mode is in force, and DJL refuses a download in it
            assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
            assertThat(Utils.isOfflineMode()).isTrue();
            assertThatThrownBy(() -> Utils.openUrl("https://resources.djl.ai/test-models/x.zip"))
                    .isInstanceOf(IOException.class).hasMessageContaining("Offline");
        } finally {
            ProxySelector.setDefault(previous);
            watch.stop();
            if (offlineBefore == null) {
                System.clearProperty("ai.djl.offline");
            } else {
                System.setProperty("ai.djl.offline", offlineBefore);
            }
        }
        // (b) no URL connection or socket asked for a route
        assertThat(recorder.asked).as("connections attempted").isEmpty();
        // (c) no TCP connection of this process was seen while the commands ran
        assertThat(watch.connections()).as("TCP connections of this process").isEmpty();
    }

    @Test
    void theChecksSeeALoopbackSocketConnect() throws Exception {
        // the checks (b) and (c) above are not vacuous: a plain socket connect is seen by both
        ProxySelector previous = ProxySelector.getDefault();
        RecordingProxySelector recorder = new RecordingProxySelector();
        ProxySelector.setDefault(recorder);
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress());
                java.net.Socket socket = new java.net.Socket()) {
            socket.connect(server.getLocalSocketAddress(), 2000);
            if (Files.isReadable(Path.of("/proc/self/net/tcp"))) {
                assertThat(TcpWatch.connectedSockets()).isNotEmpty();
            }
        } finally {
            ProxySelector.setDefault(previous);
        }
        assertThat(recorder.asked).extracting(URI::getScheme).contains("socket");
    }

    @Test
    void everyCommandForcesOfflineModeInCode() {
        System.clearProperty("ai.djl.offline");
        CliRunner.Result r = run("models");
        assertThat(r.code()).isZero();
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(Utils.isOfflineMode()).isTrue();
    }

    @Test
    void anEnvironmentThatTurnsOfflineModeOffIsRefused() {
        assertThat(EngineSettings.offlineOverridden(Map.of("DJL_OFFLINE", "false")::get))
                .hasValue("environment variable DJL_OFFLINE=false would let DJL download;"
                        + " unset it (dropclass never uses the network)");
        assertThat(EngineSettings.offlineOverridden(Map.of("DJL_OFFLINE", "true")::get)).isEmpty();
        assertThat(EngineSettings.offlineOverridden(Map.<String, String>of()::get)).isEmpty();
    }

    /**
     * Polls this process's socket descriptors and reports those that are TCP connections (not
     * listening sockets) in {@code /proc/self/net/tcp} or {@code tcp6}. Linux only; elsewhere it
     * sees nothing. A poll every 20 ms can miss a connection shorter than that; (b) covers those.
     */
    private static final class TcpWatch {
        private final Set<String> seen = Collections.synchronizedSet(new HashSet<>());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        static TcpWatch start() {
            TcpWatch w = new TcpWatch();
            if (Files.isReadable(Path.of("/proc/self/net/tcp"))) {
                w.thread = new Thread(w::poll, "tcp-watch");
                w.thread.setDaemon(true);
                w.thread.start();
            }
            return w;
        }

        private void poll() {
            while (running.get()) {
                try {
                    seen.addAll(connectedSockets());
                    Thread.sleep(20);
                } catch (IOException e) {
                    // a descriptor closed while listed: try again
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join(2000);
            }
        }

        Set<String> connections() {
            return seen;
        }

        /** "local -> remote (state)" of every connected TCP socket this process holds. */
        static Set<String> connectedSockets() throws IOException {
            Set<String> inodes = new HashSet<>();
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                for (Path fd : fds.toList()) {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            inodes.add(target.substring(8, target.length() - 1));
                        }
                    } catch (IOException e) {
                        // closed meanwhile
                    }
                }
            }
            Set<String> connected = new HashSet<>();
            for (String table : new String[] {"/proc/self/net/tcp", "/proc/self/net/tcp6"}) {
                Path file = Path.of(table);
                if (!Files.isReadable(file)) {
                    continue;
                }
                for (String line : Files.readAllLines(file).stream().skip(1).toList()) {
                    String[] f = line.trim().split("\\s+");
                    // sl local rem st tx:rx tr:when retrnsmt uid timeout inode
                    if (f.length > 9 && inodes.contains(f[9]) && !f[3].equals("0A")) {
                        connected.add(f[1] + " -> " + f[2] + " (state " + f[3] + ")");
                    }
                }
            }
            return connected;
        }
    }
}
