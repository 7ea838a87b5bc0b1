package io.grapevine.listening.mention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON contract of mentions and dead letters on Kafka: ISO-8601 times, absent
 * optionals left out, unknown fields ignored so older readers accept newer writers.
 */
public final class MentionJson {

	private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());

	private MentionJson() {
	}

	/**
	 * Apply the contract's settings to a mapper (for example the one a web framework
	 * owns).
	 * @param mapper the mapper to configure
	 * @return the same mapper
	 */
	public static ObjectMapper configure(ObjectMapper mapper) {
		return mapper.registerModule(new JavaTimeModule())
			.registerModule(new Jdk8Module())
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_ABSENT);
	}

	/**
	 * The shared mapper configured for the contract.
	 * @return the mapper
	 */
	public static ObjectMapper mapper() {
		return MAPPER;
	}

	/**
	 * Write a mention as contract JSON.
	 * @param mention the mention
	 * @return its JSON
	 */
	public static String write(Mention mention) {
		return writeValue(mention);
	}

	/**
	 * Write a dead letter as JSON.
	 * @param deadLetter the dead letter
	 * @return its JSON
	 */
	public static String write(DeadLetter deadLetter) {
		return writeValue(deadLetter);
	}

	/**
	 * Read a mention from contract JSON.
	 * @param json the JSON
	 * @return the mention
	 * @throws InvalidMentionException if the JSON is malformed or not a valid mention
	 */
	public static Mention readMention(String json) {
		return readValue(json, Mention.class);
	}

	/**
	 * Read a dead letter.
	 * @param json the JSON
	 * @return the dead letter
	 * @throws InvalidMentionException if the JSON is malformed
	 */
	public static DeadLetter readDeadLetter(String json) {
		return readValue(json, DeadLetter.class);
	}

	private static String writeValue(Object value) {
		try {
			return MAPPER.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Could not write " + value.getClass().getSimpleName() + " as JSON", ex);
		}
	}

	private static <T> T readValue(String json, Class<T> type) {
		if (json == null || json.isBlank()) {
			throw new InvalidMentionException("empty payload is not a " + type.getSimpleName());
		}
		try {
			return MAPPER.readValue(json, type);
		}
		catch (JsonProcessingException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof InvalidMentionException invalid) {
				throw invalid;
			}
			throw new InvalidMentionException("not a valid " + type.getSimpleName() + ": "
					+ ex.getOriginalMessage().lines().findFirst().orElse(""), ex);
		}
	}

}
