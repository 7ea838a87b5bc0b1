package io.grapevine.listening.organization;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One source instance as the organization file declares it under {@code sources}: a name,
 * a type (which source it is) and the instance's settings, left as YAML gave them for the
 * ingest service to bind and validate.
 *
 * @param name the instance name, unique among the instances of its type
 * @param type the source type, e.g. {@code x}, {@code mastodon}, {@code rss}
 * @param enabled whether the instance runs
 * @param settings the instance's settings (strings, numbers, booleans, lists and maps)
 */
public record SourceDeclaration(String name, String type, boolean enabled, Map<String, Object> settings) {

	public SourceDeclaration {
		settings = (settings != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(settings)) : Map.of();
	}

	/**
	 * The id of the instance, the key of its cursor and its name in health reports.
	 * @return {@code type:name}
	 */
	public String instanceId() {
		return this.type + ":" + this.name;
	}

}
