package io.grapevine.ingest.source;

/**
 * Makes the instances of one source type that the organization file declares under
 * {@code sources}. Every factory is a bean; the type it names is what an entry's
 * {@code type} refers to.
 */
public interface SourceFactory {

	/**
	 * The type name the organization file uses, e.g. {@code x}, {@code mastodon},
	 * {@code rss}.
	 * @return the type name
	 */
	String type();

	/**
	 * Whether instances of this type are pulled in a loop. A pushed type (the webhook)
	 * answers {@code false}: its instances are declared and validated like the others,
	 * but no loop runs for them and {@link #create} is not called.
	 * @return whether a pull loop runs per instance
	 */
	default boolean pulls() {
		return true;
	}

	/**
	 * Create one instance from its declared settings.
	 * @param settings the instance's name and settings
	 * @param context what every source may need
	 * @return the source instance, whose {@link Source#instanceId()} is
	 * {@link SourceSettings#instanceId()}
	 * @throws InvalidSourceSettingsException if a setting is missing or wrong, naming it
	 */
	Source create(SourceSettings settings, SourceContext context);

}
