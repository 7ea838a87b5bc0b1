package io.grapevine.listening.enrich.language;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

import io.grapevine.listening.enrich.MentionEnricher;
import io.grapevine.listening.mention.Mention;

/**
 * Sets the language of each mention: the source's own language tag when it names one of
 * the organization's languages, nothing when it names another language, and the language
 * detected from the text when the source gives no tag or an undetermined one. A tag from
 * a source in {@link #PRIOR_SOURCES} describes where the post was written, not the post,
 * and only breaks the ties the text leaves.
 */
public final class LanguageEnricher implements MentionEnricher {

	/**
	 * Sources whose language tag is a prior, not the post's own: {@code youtube}, whose
	 * tag is the language of the video a comment is on ({@code defaultAudioLanguage}).
	 */
	public static final Set<String> PRIOR_SOURCES = Set.of("youtube");

	private final LanguageDetector detector;

	/**
	 * An enricher for the languages the organization listens in.
	 * @param languages ISO 639-1 codes (or BCP 47 tags) of those languages, as
	 * {@code Organization.languages()} gives them
	 * @throws IllegalArgumentException when the set is empty or a code is not a language
	 * code
	 */
	public LanguageEnricher(Collection<String> languages) {
		this(new LanguageDetector(languages));
	}

	/**
	 * An enricher around a detector.
	 * @param detector the detector, whose languages are the organization's
	 */
	public LanguageEnricher(LanguageDetector detector) {
		this.detector = detector;
	}

	@Override
	public Mention enrich(Mention mention) {
		Optional<String> language = language(mention);
		return mention.withEnrichment(language, mention.sentiment(), mention.clusterId(), mention.reach());
	}

	private Optional<String> language(Mention mention) {
		if (PRIOR_SOURCES.contains(mention.source())) {
			return this.detector.detect(mention.text(), mention.language());
		}
		Optional<String> hint = mention.language().flatMap(LanguageTags::primary);
		if (hint.isPresent()) {
			return hint.filter(this.detector.languages()::contains);
		}
		return this.detector.detect(mention.text());
	}

}
