package io.grapevine.listening.enrich.language;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the language codes sources and settings give: BCP 47 tags such as {@code pt-BR}
 * or {@code en_US}, ISO 639-1 codes and the ISO 639-2 codes of the supported languages,
 * down to the ISO 639-1 code Grapevine stores.
 */
final class LanguageTags {

	// Codes that say "no language" or "could not tell": und (BCP 47), zxx, mul, mis, and
	// the q* and art codes X gives posts made only of media, hashtags, mentions,
	// cashtags,
	// very short text or emoji.
	private static final Set<String> UNDETERMINED = Set.of("und", "zxx", "mul", "mis", "qam", "qct", "qht", "qme",
			"qst", "art");

	private static final Map<String, String> THREE_LETTER = Map.ofEntries(Map.entry("eng", "en"),
			Map.entry("spa", "es"), Map.entry("fra", "fr"), Map.entry("fre", "fr"), Map.entry("deu", "de"),
			Map.entry("ger", "de"), Map.entry("por", "pt"), Map.entry("ita", "it"), Map.entry("nld", "nl"),
			Map.entry("dut", "nl"), Map.entry("cat", "ca"));

	private LanguageTags() {
	}

	/**
	 * The language a tag names.
	 * @param tag a language tag, possibly with region or script, possibly malformed
	 * @return its lower-case primary language code, or empty when the tag is malformed or
	 * says the language is undetermined
	 */
	static Optional<String> primary(String tag) {
		if (tag == null) {
			return Optional.empty();
		}
		String trimmed = tag.strip();
		int end = 0;
		while (end < trimmed.length() && trimmed.charAt(end) != '-' && trimmed.charAt(end) != '_') {
			end++;
		}
		if (end < 2 || end > 3 || (end < trimmed.length() && end == trimmed.length() - 1)) {
			return Optional.empty();
		}
		for (int i = 0; i < end; i++) {
			char c = trimmed.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
				return Optional.empty();
			}
		}
		String code = trimmed.substring(0, end).toLowerCase(Locale.ROOT);
		if (UNDETERMINED.contains(code)) {
			return Optional.empty();
		}
		return Optional.of(THREE_LETTER.getOrDefault(code, code));
	}

}
