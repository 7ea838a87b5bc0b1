package io.grapevine.search;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.grapevine.search", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule theSearchAndAnalyticsModelsDependOnNoFrameworkOrInfrastructure = noClasses().that()
		.resideInAnyPackage("io.grapevine.search.mentions", "io.grapevine.search.analytics",
				"io.grapevine.search.handling", "io.grapevine.search.saved")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "org.apache.kafka..", "reactor..", "co.elastic..",
				"org.elasticsearch..");

	@ArchTest
	static final ArchRule theWebLayerReachesElasticsearchOnlyThroughTheSearchClasses = noClasses().that()
		.resideInAnyPackage("..web..")
		.should()
		.dependOnClassesThat(resideInAnyPackage("co.elastic.clients.elasticsearch..")
			// The web layer may tell an overloaded cluster (503) from a refusal.
			.and(not(type(ElasticsearchException.class))));

}
