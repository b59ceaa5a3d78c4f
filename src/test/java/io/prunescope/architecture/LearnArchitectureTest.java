package io.prunescope.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The Learn view's numbers live in {@code io.prunescope.learn} without UI, so they are testable headless and reusable
 * (a CLI or a report could draw the same gallery); the pictures live in {@code ui.learn}. It reads the engine only
 * through public criteria and prune APIs.
 */
class LearnArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.prunescope");

    @Test
    void learnHasNoUiAndIsUsedOnlyByTheUi() {
        noClasses().that().resideInAPackage("io.prunescope.learn..")
                .should().dependOnClassesThat().resideInAnyPackage("io.prunescope.ui..", "javafx..", "org.jfree..",
                        "io.prunescope.runtime..", "ai.onnxruntime..")
                .check(CLASSES);
        noClasses().that().resideOutsideOfPackages("io.prunescope.learn..", "io.prunescope.ui..")
                .should().dependOnClassesThat().resideInAPackage("io.prunescope.learn..")
                .check(CLASSES);
    }
}
