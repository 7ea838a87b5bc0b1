package io.grapevine.ingest.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.grapevine.ingest.source.DisabledSource;
import io.grapevine.ingest.source.InvalidSourceSettingsException;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceFactory;
import io.grapevine.ingest.source.SourceSettings;
import io.grapevine.listening.organization.SourceDeclaration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.PropertyResolver;

/**
 * The source instances of this service: one per enabled entry of the organization file's
 * {@code sources}, made by the factory of its type, plus the sources the service itself
 * defines (the demo); an unknown type or a wrong setting stops start-up.
 */
public class SourceRegistry {

	private static final Logger logger = LoggerFactory.getLogger(SourceRegistry.class);

	private final List<Source> pulled = new ArrayList<>();

	private final List<String> pushed = new ArrayList<>();

	private final List<String> disabled = new ArrayList<>();

	SourceRegistry(List<SourceDeclaration> declarations, List<SourceFactory> factories, PropertyResolver environment,
			SourceContext context, List<Source> builtIn, List<DisabledSource> builtInDisabled) {
		Map<String, SourceFactory> byType = new TreeMap<>();
		for (SourceFactory factory : factories) {
			SourceFactory other = byType.putIfAbsent(factory.type(), factory);
			if (other != null) {
				throw new IllegalStateException("Two source factories make type '" + factory.type() + "': "
						+ other.getClass().getName() + " and " + factory.getClass().getName());
			}
		}
		for (SourceDeclaration declaration : declarations) {
			SourceFactory factory = byType.get(declaration.type());
			if (factory == null) {
				throw new InvalidSourceSettingsException("sources[" + declaration.instanceId() + "].type '"
						+ declaration.type() + "' is not a known source type; known types are " + byType.keySet());
			}
			if (!declaration.enabled()) {
				this.disabled.add(declaration.instanceId());
			}
			else if (!factory.pulls()) {
				this.pushed.add(declaration.instanceId());
			}
			else {
				Source source = factory.create(new SourceSettings(declaration, environment), context);
				if (!source.instanceId().equals(declaration.instanceId())) {
					throw new IllegalStateException("The " + declaration.type() + " factory made an instance named '"
							+ source.instanceId() + "' for sources[" + declaration.instanceId() + "]");
				}
				this.pulled.add(source);
			}
		}
		this.pulled.addAll(builtIn);
		builtInDisabled.forEach((source) -> this.disabled.add(source.instanceId()));
		logger.info("Source instances: pulled {}, pushed {}, disabled {}", ids(this.pulled), this.pushed,
				this.disabled);
	}

	/**
	 * The enabled instances that are pulled in a loop.
	 * @return the sources
	 */
	public List<Source> pulled() {
		return List.copyOf(this.pulled);
	}

	/**
	 * The enabled instances of pushed types (webhooks), which run no loop.
	 * @return their instance ids
	 */
	public List<String> pushed() {
		return List.copyOf(this.pushed);
	}

	/**
	 * The declared instances that are switched off.
	 * @return their instance ids
	 */
	public List<String> disabled() {
		return List.copyOf(this.disabled);
	}

	private static List<String> ids(List<Source> sources) {
		return sources.stream().map(Source::instanceId).toList();
	}

}
