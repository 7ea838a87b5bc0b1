package io.grapevine.ingest;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.grapevine.ingest");

	@Test
	void theSourceContractImportsNoKafkaElasticsearchOrApplicationContextTypes() {
		// Settings binding (Spring Boot's Binder) and the HTTP client builder are part of
		// the contract; the application context, beans and stereotypes are not.
		noClasses().that()
			.resideInAPackage("io.grapevine.ingest.source")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.context..", "org.springframework.beans..",
					"org.springframework.stereotype..", "org.apache.kafka..", "reactor.kafka..", "co.elastic..",
					"org.elasticsearch..")
			.check(this.classes);
	}

	@Test
	void sourcesDoNotReachIntoThePipeline() {
		// A pushed source has no loop to publish for it: the webhook's publishing adapter
		// hands its mentions to the pipeline's MentionPublisher.
		noClasses().that()
			.resideInAPackage("io.grapevine.ingest.source..")
			.and()
			.resideOutsideOfPackage("io.grapevine.ingest.source.webhook.publishing..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.grapevine.ingest.pipeline..")
			.check(this.classes);
	}

	@Test
	void sourcesDoNotPublishToKafkaThemselves() {
		noClasses().that()
			.resideInAPackage("io.grapevine.ingest.source..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.kafka..", "reactor.kafka..")
			.check(this.classes);
	}

}
