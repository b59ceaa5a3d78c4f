package io.prunescope.packaging;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installers' CI workflow parses, covers the three systems with their scripts, and every file the scripts and
 * the workflow name exists: what can be checked here of builds that only run on hosted runners.
 */
class InstallerWorkflowTest {

    static final Path WORKFLOW = Path.of(".github/workflows/installers.yml");
    static final List<String> SCRIPTS = List.of("installers/jpackage-linux.sh", "installers/jpackage-windows.sh",
            "installers/jpackage-macos.sh");
    private static final Pattern INSTALLERS_PATH = Pattern.compile("installers/[A-Za-z0-9_./-]+\\.[a-z]+");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> workflow() throws IOException {
        return new Yaml().load(Files.readString(WORKFLOW));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMatrixBuildsTestsAndUploadsOnEverySystem() throws IOException {
        Map<String, Object> wf = workflow();
        // YAML 1.1 (SnakeYAML) reads the key "on" as the boolean true
        Object triggers = wf.containsKey("on") ? wf.get("on") : wf.get(Boolean.TRUE);
        assertThat((Map<String, Object>) triggers).containsKey("workflow_dispatch");

        Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) wf.get("jobs")).get("installer");
        List<Map<String, String>> include = (List<Map<String, String>>)
                ((Map<String, Object>) ((Map<String, Object>) job.get("strategy")).get("matrix")).get("include");
        assertThat(include).extracting(m -> m.get("os").replaceAll("-.*", ""))
                .contains("ubuntu", "windows", "macos");
        assertThat(include).extracting(m -> m.get("script")).containsAll(SCRIPTS);
        assertThat(include).extracting(m -> m.get("artifact")).anyMatch(a -> a.endsWith(".deb"))
                .anyMatch(a -> a.endsWith(".msi")).anyMatch(a -> a.endsWith(".dmg"));

        List<Map<String, Object>> steps = (List<Map<String, Object>>) job.get("steps");
        List<String> runs = steps.stream().map(s -> String.valueOf(s.get("run"))).toList();
        assertThat(runs).anyMatch(r -> r.contains("${{ matrix.script }}"));
        assertThat(runs).anyMatch(r -> r.contains("installers/smoke-test-cli.sh \"${{ matrix.cli }}\""));
        assertThat(steps).anyMatch(s -> String.valueOf(s.get("uses")).startsWith("actions/upload-artifact")
                && ((Map<String, Object>) s.get("with")).get("path").equals("${{ matrix.artifact }}"));
    }

    @Test
    void everyScriptHasTheSameShapeAndIsExecutable() throws IOException {
        for (String script : SCRIPTS) {
            Path p = Path.of(script);
            assertThat(Files.isExecutable(p)).as(script).isTrue();
            String text = Files.readString(p);
            assertThat(text).as(script).contains("source \"$(dirname \"$0\")/common.sh\"", "ORT_PLATFORM=",
                    "PATH_SEP=", "JMODS=", "prepare_all", "jpackage --type app-image \"${COMMON_JPACKAGE[@]}\"",
                    "--add-launcher", "--file-associations", "report_sizes");
        }
    }

    @Test
    void everyFileTheScriptsAndWorkflowNameExists() throws IOException {
        TreeSet<String> named = new TreeSet<>();
        List<Path> sources = new java.util.ArrayList<>(List.of(WORKFLOW, Path.of("installers/common.sh")));
        SCRIPTS.forEach(s -> sources.add(Path.of(s)));
        try (var props = Files.walk(Path.of("installers"))) {
            props.filter(p -> p.toString().endsWith(".properties")).forEach(sources::add);
        }
        for (Path file : sources) {
            Matcher m = INSTALLERS_PATH.matcher(Files.readString(file));
            while (m.find()) {
                named.add(m.group());
            }
        }
        assertThat(named).contains("installers/icons/prunescope.ico", "installers/icons/prunescope.icns",
                "installers/linux/onnx-association.properties");
        for (String file : named) {
            if (!file.contains("*")) {
                assertThat(Path.of(file)).as(file).isRegularFile();
            }
        }
    }
}
