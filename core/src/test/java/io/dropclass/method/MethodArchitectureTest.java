package io.dropclass.method;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The method package's own dependency rules (docs/architecture.md §2, rules 8 and 9): the schedule and the
 * sampler are pure Java, and the model does not know the method that wraps it.
 */
@AnalyzeClasses(packages = "io.dropclass", importOptions = ImportOption.DoNotIncludeTests.class)
class MethodArchitectureTest {

    @ArchTest
    static final ArchRule scheduleAndSamplingNeedNoEngine =
            noClasses()
                    .that()
                    .belongToAnyOf(
                            DropSchedule.class,
                            ClassDropSampler.class,
                            DropDecision.class,
                            SamplingUnit.class)
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("ai.djl..");

    @ArchTest
    static final ArchRule modelsDoNotKnowTheMethod =
            noClasses()
                    .that()
                    .resideInAnyPackage("io.dropclass.model..", "io.dropclass.nn..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("io.dropclass.method..", "io.dropclass.reference..");
}
