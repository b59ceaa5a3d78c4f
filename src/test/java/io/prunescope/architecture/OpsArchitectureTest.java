package io.prunescope.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The op registry sits below analysis and dependency; analysis never runs ONNX Runtime itself. */
class OpsArchitectureTest {

    private final JavaClasses all = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.prunescope");

    @Test
    void opRulesDependOnlyOnTheModel() {
        classes().that().resideInAPackage("io.prunescope.ops..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.prunescope.ops..", "io.prunescope.model..",
                        "java..")
                .check(all);
    }

    @Test
    void analysisAndCouplingDoNotUseOnnxRuntime() {
        noClasses().that().resideInAnyPackage("io.prunescope.analysis..", "io.prunescope.dependency..",
                        "io.prunescope.ops..")
                .should().dependOnClassesThat().resideInAPackage("ai.onnxruntime..")
                .check(all);
    }
}
