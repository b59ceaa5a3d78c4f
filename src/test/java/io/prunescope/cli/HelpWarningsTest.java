package io.prunescope.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command's {@code --help} prints its usage and nothing else: picocli formats descriptions with
 * {@code String.format}, and a bare {@code %} makes it print a "[picocli WARN] Could not format" line to the process's
 * stderr (not the command's writer), so the test captures {@code System.err} as well.
 */
class HelpWarningsTest {

    @Test
    void noCommandsHelpPrintsAWarning() {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of());
        collect(CliMain.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
                new ArrayList<>(), commands);
        assertThat(commands).extracting(c -> String.join(" ", c)).contains("sensitivity", "prune", "bench engine");
        PrintStream original = System.err;
        for (List<String> command : commands) {
            ByteArrayOutputStream processErr = new ByteArrayOutputStream();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            System.setErr(new PrintStream(processErr, true, StandardCharsets.UTF_8));
            int code;
            try {
                List<String> args = new ArrayList<>(command);
                args.add("--help");
                code = CliMain.execute(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
            } finally {
                System.setErr(original);
            }
            String name = command.isEmpty() ? "prunescope" : String.join(" ", command);
            assertThat(code).as(name).isZero();
            assertThat(out.toString()).as(name).contains("Usage:");
            assertThat(err.toString()).as(name + " stderr").isEmpty();
            assertThat(processErr.toString(StandardCharsets.UTF_8)).as(name + " System.err").isEmpty();
        }
    }

    private static void collect(CommandLine line, List<String> path, List<List<String>> out) {
        line.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help") || !sub.getCommandName().equals(name)) {
                return;
            }
            List<String> p = new ArrayList<>(path);
            p.add(name);
            out.add(p);
            collect(sub, p, out);
        });
    }
}
