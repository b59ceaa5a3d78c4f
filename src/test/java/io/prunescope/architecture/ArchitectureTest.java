package io.prunescope.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The package lines of src/docs/architecture.md. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.prunescope");

    @Test
    void onlyTheOnnxPackageTouchesProtobuf() {
        noClasses().that().resideOutsideOfPackage("io.prunescope.onnx..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.onnx.proto..", "com.google.protobuf..")
                .check(classes);
    }

    @Test
    void onlyTheUiAndTheAppTouchJavaFx() {
        noClasses().that().resideOutsideOfPackages("io.prunescope.ui..", "io.prunescope.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..",
                        "org.jfree.chart.fx..")
                .check(classes);
    }

    /** JFreeChart's Java2D core draws the report charts; nothing else but the UI draws charts. */
    @Test
    void onlyReportAndUiDrawCharts() {
        noClasses().that().resideOutsideOfPackages("io.prunescope.ui..", "io.prunescope.app..",
                        "io.prunescope.report..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jfree..")
                .check(classes);
    }

    /** ONNX Runtime only in runtime (the shape fallback reaches analysis through analysis.ShapeFallback). */
    @Test
    void onlyTheRuntimePackageTouchesOnnxRuntime() {
        noClasses().that().resideOutsideOfPackage("io.prunescope.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.onnxruntime..")
                .check(classes);
    }

    /** Charts for files and the window are built once, in report, with JFreeChart's Java2D core: no JavaFX there. */
    @Test
    void reportsDrawWithJava2dOnly() {
        noClasses().that().resideInAPackage("io.prunescope.report..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..",
                        "org.jfree.chart.fx..", "io.prunescope.ui..")
                .check(classes);
    }

    /** task is the bottom of the graph: everything may use it, it uses nothing of the application. */
    @Test
    void taskDependsOnNothingOfTheApplication() {
        noClasses().that().resideInAPackage("io.prunescope.task..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.prunescope.task..", "java..")
                .check(classes);
    }

    @Test
    void theUiDoesNotTouchProtobufOrOnnxRuntime() {
        noClasses().that().resideInAPackage("io.prunescope.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.onnx..", "ai.onnxruntime..",
                        "com.google.protobuf..")
                .check(classes);
    }

    @Test
    void theEngineDoesNotDependOnTheUiOrTheCli() {
        noClasses().that().resideInAnyPackage("io.prunescope.model..", "io.prunescope.onnx..",
                        "io.prunescope.analysis..", "io.prunescope.dependency..", "io.prunescope.prune..",
                        "io.prunescope.runtime..", "io.prunescope.detection..", "io.prunescope.session..",
                        "io.prunescope.task..", "io.prunescope.measure..", "io.prunescope.bench..",
                        "io.prunescope.files..", "io.prunescope.report..")
                .should().dependOnClassesThat().resideInAnyPackage("io.prunescope.ui..", "io.prunescope.cli..",
                        "io.prunescope.app..")
                .check(classes);
    }
}
