package io.prunescope.cli;

import io.prunescope.files.GuardedWriter;
import io.prunescope.measure.SensitivityCache;
import io.prunescope.measure.SensitivityParts;
import io.prunescope.measure.SensitivityResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code sensitivity merge PART... --csv OUT}: joins the parts of a sharded sweep. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Join the parts written by 'sensitivity --shard K/N --part FILE' into the curves one run would"
                + " have given. Refuses parts of different sweeps (model, data, metric, criterion, ratios), missing or"
                + " repeated parts. The merged result also goes into the cache, so the workbench and later runs with"
                + " the same settings find it."})
final class SensitivityMergeCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PART", arity = "1..*", description = "The part files, in any order.")
    List<Path> parts;

    @Option(names = "--csv", paramLabel = "OUT", required = true, description = "Write the merged curves here.")
    Path csv;

    @Option(names = "--no-cache", description = "Do not put the merged result into the cache.")
    boolean noCache;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        GuardedWriter files = new GuardedWriter();
        for (Path p : parts) {
            files.protect(p, "a part file");
        }
        files.claim(csv, "--csv");
        List<SensitivityParts.Part> read = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path p : parts) {
            read.add(SensitivityParts.read(p));
            names.add(p.getFileName().toString());
        }
        SensitivityResult merged = SensitivityParts.merge(read, names);
        files.write(csv, SensitivityCommand.toCsv(merged).getBytes(StandardCharsets.UTF_8));
        String cached = "";
        if (!noCache) {
            SensitivityCache cache = SensitivityCache.defaultCache();
            cache.put(read.get(0).settings().key(), merged);
            cached = ", cached in " + cache.dir();
        }
        out.printf(Locale.ROOT, "merged %d parts: %s baseline %s, %d groups × %d ratios → %s%s%n", read.size(),
                merged.metric(), MeasureCommands.f4(merged.baseline()), merged.groups().size(),
                merged.ratios().length, csv, cached);
        out.flush();
        return 0;
    }
}
