package io.grapevine.search.analytics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StopWordsTests {

	@Test
	void weekdaysAndMonthsInEveryLanguageListenedInAreNeverRisingTerms() {
		assertThat(new String[] { "saturday", "sunday", "sabado", "domingo", "samedi", "samstag", "sonntag", "sabato",
				"october", "octubre", "octobre", "oktober", "outubro", "ottobre", "dec" })
			.noneMatch(StopWords::meaningful);
	}

	@Test
	void fillersAreNotRisingTermsButWordsOfTheNewsAre() {
		assertThat(new String[] { "things", "thing", "stuff", "tonight", "weekend" }).noneMatch(StopWords::meaningful);
		assertThat(new String[] { "flooding", "escalator", "strike", "update" }).allMatch(StopWords::meaningful);
	}

}
