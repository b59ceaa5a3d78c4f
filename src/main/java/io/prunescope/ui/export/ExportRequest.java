package io.prunescope.ui.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the export dialog was asked to write: which files, where, under which base name. */
public record ExportRequest(boolean hard, boolean soft, boolean plan, Path folder, String baseName) {

    public Path hardFile() {
        return folder.resolve(baseName + "-hard.onnx");
    }

    public Path softFile() {
        return folder.resolve(baseName + "-soft.onnx");
    }

    public Path planFile() {
        return folder.resolve(baseName + "-plan.json");
    }

    /** The files this request writes, in order. */
    public List<Path> files() {
        List<Path> out = new ArrayList<>();
        if (hard) {
            out.add(hardFile());
        }
        if (soft) {
            out.add(softFile());
        }
        if (plan) {
            out.add(planFile());
        }
        return out;
    }
}
