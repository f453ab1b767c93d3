package io.dropclass;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency rules of docs/architecture.md §2, checked on the compiled classes. */
@AnalyzeClasses(packages = "io.dropclass", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule resultsAndReportsHoldNoTensors =
            noClasses().that().resideInAnyPackage("io.dropclass.results..", "io.dropclass.report..")
                    .should().dependOnClassesThat().resideInAPackage("ai.djl..");

    @ArchTest
    static final ArchRule resultsDependOnNothingOfOurs =
            noClasses().that().resideInAPackage("io.dropclass.results..")
                    .should().dependOnClassesThat().resideInAnyPackage("io.dropclass.config..",
                            "io.dropclass.data..", "io.dropclass.model..", "io.dropclass.training..",
                            "io.dropclass.evaluation..", "io.dropclass.experiment..");

    @ArchTest
    static final ArchRule modelsDataAndLossesDoNotKnowTheirUsers =
            noClasses().that().resideInAnyPackage("io.dropclass.data..", "io.dropclass.model..",
                            "io.dropclass.loss..", "io.dropclass.nn..")
                    .should().dependOnClassesThat().resideInAnyPackage("io.dropclass.training..",
                            "io.dropclass.experiment..", "io.dropclass.analysis..",
                            "io.dropclass.cli..");

    @ArchTest
    static final ArchRule onlyTheCompositionRootReadsTheConfiguration =
            noClasses().that().resideOutsideOfPackages("io.dropclass.config..",
                            "io.dropclass.experiment..", "io.dropclass.cli..")
                    .should().dependOnClassesThat().resideInAPackage("io.dropclass.config..");

    @ArchTest
    static final ArchRule nothingDependsOnTheCommandLine =
            noClasses().that().resideOutsideOfPackage("io.dropclass.cli..")
                    .should().dependOnClassesThat().resideInAPackage("io.dropclass.cli..");

    @ArchTest
    static final ArchRule onlyTheCommandLinePrints =
            noClasses().that().resideOutsideOfPackage("io.dropclass.cli..")
                    .should().accessField(System.class, "out")
                    .orShould().accessField(System.class, "err")
                    .orShould().callMethod(System.class, "exit", int.class);

    @ArchTest
    static final ArchRule packagesHaveNoCycles =
            slices().matching("io.dropclass.(*)..").should().beFreeOfCycles();
}
