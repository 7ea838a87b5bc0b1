package io.grapevine.ingest.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Min;
import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.Declared;
import io.grapevine.ingest.source.DisabledSource;
import io.grapevine.ingest.source.InvalidSourceSettingsException;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceFactory;
import io.grapevine.ingest.source.SourceSettings;
import io.grapevine.listening.organization.SourceDeclaration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SourceRegistryTests {

	private final List<String> created = new ArrayList<>();

	private final SourceContext context = Declared.context(Declared.organization("[delay]"));

	@Test
	void makesOneSourcePerEnabledInstanceNamedTypeColonName() {
		SourceRegistry registry = registry(List.of(declared("feed", "city", true), declared("feed", "port", true),
				declared("feed", "old", false)));

		assertThat(registry.pulled()).extracting(Source::instanceId).containsExactly("feed:city", "feed:port");
		assertThat(registry.disabled()).containsExactly("feed:old");
		assertThat(this.created).containsExactly("feed:city", "feed:port");
	}

	@Test
	void failsOnAnUnknownTypeNamingTheKnownTypes() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> registry(List.of(declared("myspace", "old", false))))
			.withMessageContaining("sources[myspace:old].type 'myspace' is not a known source type")
			.withMessageContaining("[feed, hook]");
	}

	@Test
	void declaresPushedInstancesWithoutCreatingALoop() {
		SourceRegistry registry = registry(List.of(declared("hook", "forms", true)));

		assertThat(registry.pulled()).isEmpty();
		assertThat(registry.pushed()).containsExactly("hook:forms");
		assertThat(this.created).isEmpty();
	}

	@Test
	void passesOnTheFactorysErrorNamingTheSetting() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> registry(List.of(new SourceDeclaration("city", "feed", true, Map.of("page-size", 0)))))
			.withMessageContaining("sources[feed:city].settings.page-size");
	}

	@Test
	void keepsTheSourcesTheServiceDefinesItself() {
		SourceRegistry registry = new SourceRegistry(List.of(), List.of(new Feed()), new MockEnvironment(),
				this.context, List.of(new Named("demo")), List.of(new DisabledSource("demo-off")));

		assertThat(registry.pulled()).extracting(Source::instanceId).containsExactly("demo");
		assertThat(registry.disabled()).containsExactly("demo-off");
	}

	private SourceRegistry registry(List<SourceDeclaration> declarations) {
		return new SourceRegistry(declarations, List.of(new Feed(), new Hook()), new MockEnvironment(), this.context,
				List.of(), List.of());
	}

	private static SourceDeclaration declared(String type, String name, boolean enabled) {
		return new SourceDeclaration(name, type, enabled, Map.of());
	}

	record FeedSettings(@Min(1) @DefaultValue("10") int pageSize) {
	}

	class Feed implements SourceFactory {

		@Override
		public String type() {
			return "feed";
		}

		@Override
		public Source create(SourceSettings settings, SourceContext context) {
			settings.bind(FeedSettings.class);
			SourceRegistryTests.this.created.add(settings.instanceId());
			return new Named(settings.instanceId());
		}

	}

	class Hook implements SourceFactory {

		@Override
		public String type() {
			return "hook";
		}

		@Override
		public boolean pulls() {
			return false;
		}

		@Override
		public Source create(SourceSettings settings, SourceContext context) {
			SourceRegistryTests.this.created.add(settings.instanceId());
			throw new IllegalStateException("a pushed type is never created");
		}

	}

	record Named(String instanceId) implements Source {

		@Override
		public Duration pollInterval() {
			return Duration.ofMinutes(1);
		}

		@Override
		public Mono<Page> fetch(Cursor cursor) {
			return Mono.empty();
		}

	}

}
