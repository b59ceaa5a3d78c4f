package io.prunescope.ui;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import io.prunescope.onnx.ModelLoadException;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The ui package stays free of protobuf and native runtimes, and reaches the ONNX reader only through the app. */
class UiArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.prunescope.ui");

    @Test
    void uiDoesNotTouchProtobufOrRuntimes() {
        noClasses().that().resideInAPackage("io.prunescope.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("com.google.protobuf..", "ai.onnx..",
                        "ai.onnxruntime..", "ai.djl..")
                .check(classes);
    }

    @Test
    void uiUsesOnlyTheLoadErrorFromTheOnnxPackage() {
        noClasses().that().resideInAPackage("io.prunescope.ui..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.prunescope.onnx..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(ModelLoadException.class))))
                .check(classes);
    }
}
