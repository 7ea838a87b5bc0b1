package io.grapevine.ingest.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import io.grapevine.listening.organization.SourceDeclaration;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PlaceholdersResolver;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.PropertyResolver;
import org.springframework.validation.FieldError;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * The settings of one declared source instance, bound to the record a source type defines
 * for them the way Spring binds its own settings (kebab-case names, durations such as
 * {@code 5m}, defaults from {@code @DefaultValue}, Bean Validation), with {@code ${NAME}}
 * resolved from the environment. Every failure names the instance and the setting.
 * <p>
 * Credentials never sit in the organization file: a credential setting must be written as
 * a reference to an environment variable, e.g. {@code bearer-token: ${X_BEARER_TOKEN}},
 * which {@link #requireEnvironmentReference(String)} enforces.
 */
public final class SourceSettings {

	private static final String ROOT = "source";

	private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)}");

	private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

	private final SourceDeclaration declaration;

	private final PropertyResolver environment;

	/**
	 * Settings of one declared instance.
	 * @param declaration the instance as the organization file declares it
	 * @param environment where {@code ${NAME}} references are looked up
	 */
	public SourceSettings(SourceDeclaration declaration, PropertyResolver environment) {
		this.declaration = declaration;
		this.environment = environment;
	}

	/**
	 * The instance name.
	 * @return the name
	 */
	public String name() {
		return this.declaration.name();
	}

	/**
	 * The source type.
	 * @return the type
	 */
	public String type() {
		return this.declaration.type();
	}

	/**
	 * The instance id, the key of its cursor.
	 * @return {@code type:name}
	 */
	public String instanceId() {
		return this.declaration.instanceId();
	}

	/**
	 * How messages name one of this instance's settings.
	 * @param key the setting, kebab-case
	 * @return e.g. {@code sources[mastodon:fosstodon].settings.base-url}
	 */
	public String describe(String key) {
		return describe(instanceId(), key);
	}

	/**
	 * How messages name one setting of an instance.
	 * @param instanceId the instance id, {@code type:name}
	 * @param key the setting, kebab-case
	 * @return e.g. {@code sources[mastodon:fosstodon].settings.base-url}
	 */
	public static String describe(String instanceId, String key) {
		return "sources[" + instanceId + "].settings." + key;
	}

	/**
	 * The raw declared value of a setting, as YAML gave it.
	 * @param key the setting, kebab-case
	 * @return the value, if declared
	 */
	public Optional<Object> raw(String key) {
		return Optional.ofNullable(this.declaration.settings().get(key));
	}

	/**
	 * Bind the settings to a type's settings record (or class).
	 * @param <T> the settings type
	 * @param type the settings type
	 * @return the bound, validated settings
	 * @throws InvalidSourceSettingsException if a setting is unknown, missing or wrong
	 */
	public <T> T bind(Class<T> type) {
		rejectUnknown(type);
		Map<String, Object> flat = new LinkedHashMap<>();
		flatten(ROOT, this.declaration.settings(), flat);
		Binder binder = new Binder(List.of(new MapConfigurationPropertySource(flat)), placeholders(), null, null, null);
		try {
			return binder.bindOrCreate(ConfigurationPropertyName.of(ROOT), Bindable.of(type),
					new ValidationBindHandler(new SpringValidatorAdapter(VALIDATION.getValidator())));
		}
		catch (BindException ex) {
			throw new InvalidSourceSettingsException(message(ex), ex);
		}
	}

	/**
	 * Check that a credential setting refers to the environment instead of holding the
	 * secret, and that the variable is set.
	 * @param key the setting, kebab-case
	 * @return the credential's value
	 * @throws InvalidSourceSettingsException if the setting is missing, holds a literal
	 * value, or names a variable that is not set
	 */
	public String requireEnvironmentReference(String key) {
		Object raw = this.declaration.settings().get(key);
		if (raw == null) {
			throw new InvalidSourceSettingsException(
					describe(key) + " is not set; write it as ${SOME_VARIABLE} and set "
							+ "that environment variable to the credential");
		}
		Matcher reference = REFERENCE.matcher(raw.toString().strip());
		if (!reference.matches()) {
			throw new InvalidSourceSettingsException(describe(key) + " holds a literal value; credentials do not "
					+ "belong in the organization file: write it as ${SOME_VARIABLE} and set that environment variable");
		}
		String value = this.environment.getProperty(reference.group(1));
		if (value == null || value.isBlank()) {
			throw new InvalidSourceSettingsException(describe(key) + " refers to the environment variable "
					+ reference.group(1) + ", which is not set; set it to the credential, or disable the instance");
		}
		return value;
	}

	private PlaceholdersResolver placeholders() {
		return (value) -> {
			if (!(value instanceof String text)) {
				return value;
			}
			Matcher matcher = REFERENCE.matcher(text);
			StringBuilder resolved = new StringBuilder();
			while (matcher.find()) {
				String found = this.environment.getProperty(matcher.group(1));
				matcher.appendReplacement(resolved, Matcher.quoteReplacement((found != null) ? found : ""));
			}
			matcher.appendTail(resolved);
			return resolved.toString();
		};
	}

	private void rejectUnknown(Class<?> type) {
		if (!type.isRecord()) {
			return;
		}
		Set<String> known = new TreeSet<>();
		for (var component : type.getRecordComponents()) {
			known.add(kebab(component.getName()));
		}
		for (String key : this.declaration.settings().keySet()) {
			if (!known.contains(kebab(key))) {
				throw new InvalidSourceSettingsException(
						describe(key) + " is not a setting of a " + type() + " source; known settings are " + known);
			}
		}
	}

	private String message(BindException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof BindValidationException validation) {
			return validation.getValidationErrors()
				.getAllErrors()
				.stream()
				.map((error) -> describe(
						setting(error instanceof FieldError field ? field.getField() : ex.getName().toString())) + " "
						+ error.getDefaultMessage())
				.collect(Collectors.joining("; "));
		}
		String setting = ex.getProperty() != null ? ex.getProperty().getName().toString() : ex.getName().toString();
		Throwable root = cause;
		while (root != null && root.getCause() != null && root.getMessage() == null) {
			root = root.getCause();
		}
		String reason = (root != null) ? rootMessage(root) : ex.getMessage();
		if (ROOT.equals(setting)) {
			return "sources[" + instanceId() + "]: " + reason;
		}
		return describe(setting(setting)) + ": " + reason;
	}

	private static String rootMessage(Throwable failure) {
		List<String> messages = new ArrayList<>();
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current.getMessage() != null) {
				messages.add(current.getMessage());
			}
		}
		return messages.isEmpty() ? failure.getClass().getSimpleName() : messages.get(messages.size() - 1);
	}

	private static String setting(String name) {
		String withoutRoot = name.startsWith(ROOT + ".") ? name.substring(ROOT.length() + 1) : name;
		return kebab(withoutRoot);
	}

	private static String kebab(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replace('_', '-').toLowerCase(java.util.Locale.ROOT);
	}

	@SuppressWarnings("unchecked")
	private static void flatten(String prefix, Object value, Map<String, Object> into) {
		if (value instanceof Map<?, ?> map) {
			if (map.isEmpty() && !ROOT.equals(prefix)) {
				into.put(prefix, "");
			}
			((Map<Object, Object>) map).forEach((key, nested) -> flatten(prefix + "." + key, nested, into));
		}
		else if (value instanceof List<?> list) {
			if (list.isEmpty()) {
				into.put(prefix, "");
			}
			for (int i = 0; i < list.size(); i++) {
				flatten(prefix + "[" + i + "]", list.get(i), into);
			}
		}
		else if (value != null) {
			into.put(prefix, value);
		}
	}

}
