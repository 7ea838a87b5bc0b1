package io.grapevine.listening.enrich.cluster;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterTextTests {

	@Test
	void dropsWhatCopiesAddAroundTheWords() {
		assertThat(
				ClusterText.of("RT @citylineradio: Lifts broken at Riverside, again! https://t.co/x1 via @harborherald")
					.words())
			.containsExactly("lifts", "broken", "at", "riverside", "again");
		assertThat(ClusterText.of("@bob @carol Lifts broken at Riverside #metro #fail #hct").words())
			.containsExactly("lifts", "broken", "at", "riverside");
	}

	@Test
	void keepsTheWordOfALoneHashtagInsideASentence() {
		assertThat(ClusterText.of("The #metro is late again").words()).containsExactly("the", "metro", "is", "late",
				"again");
	}

	@Test
	void foldsCaseAndAccents() {
		assertThat(ClusterText.of("CAFÉ Überfüllt, São Paulo").words()).containsExactly("cafe", "uberfullt", "sao",
				"paulo");
	}

	@Test
	void splitsIdeographsIntoWordsOfTheirOwn() {
		assertThat(ClusterText.of("地下鉄が遅れています").words()).hasSize(10);
	}

	@Test
	void similarityIsTheShareOfSharedShingles() {
		ClusterText text = ClusterText.of("one two three four five six");
		assertThat(text.similarity(ClusterText.of("one two three four five six").shingles())).isEqualTo(1.0);
		assertThat(text.similarity(ClusterText.of("one two three four five seven").shingles())).isEqualTo(0.6);
		assertThat(text.similarity(ClusterText.of("eight nine ten eleven twelve").shingles())).isZero();
	}

	@Test
	void canonicalLinksIgnoreSchemeWwwTrailingSlashAndTracking() {
		assertThat(ClusterText.canonicalUrl(URI.create("http://www.Example.org/a/b/?utm_source=x&id=3&fbclid=y")))
			.contains("example.org/a/b?id=3");
		assertThat(ClusterText.canonicalUrl(URI.create("urn:grapevine:text"))).isEmpty();
	}

}
