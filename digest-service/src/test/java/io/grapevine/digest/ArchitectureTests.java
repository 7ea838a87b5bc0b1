package io.grapevine.digest;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.grapevine.digest");

	@Test
	void theDigestDomainImportsNoFrameworkKafkaElasticsearchOrMailTypes() {
		noClasses().that()
			.resideInAnyPackage("io.grapevine.digest.audience..", "io.grapevine.digest.composition..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "org.apache.kafka..", "reactor..", "co.elastic..",
					"org.elasticsearch..", "jakarta.mail..", "org.thymeleaf..")
			.check(this.classes);
	}

	@Test
	void onlyTheWebPackageKnowsAboutHttpControllers() {
		noClasses().that()
			.resideOutsideOfPackage("io.grapevine.digest.web..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web.bind..", "org.springframework.web.reactive.result..")
			.check(this.classes);
	}

	@Test
	void thePackagesOfTheServiceFormNoCycle() {
		slices().matching("io.grapevine.digest.(*)..").should().beFreeOfCycles().check(this.classes);
	}

}
