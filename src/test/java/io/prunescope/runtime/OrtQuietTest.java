package io.prunescope.runtime;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 item 7: ONNX Runtime's own coloured log lines ("[E:onnxruntime:, sequential_executor.cc …]") must not
 * reach stderr before PruneScope's message. ORT writes them natively, so this runs in a child JVM and reads its
 * stderr.
 */
class OrtQuietTest {

    @Test
    void aFailingRunPrintsOnlyOurMessage() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                OrtQuietMain.class.getName()).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains("refused: ");
        assertThat(err).doesNotContain("onnxruntime:").doesNotContain("\u001b[");
    }
}
