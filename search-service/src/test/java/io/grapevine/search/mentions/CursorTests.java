package io.grapevine.search.mentions;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CursorTests {

	@Test
	void aCursorSurvivesTheRoundTripThroughItsUrlSafeForm() {
		Cursor cursor = new Cursor.After(1_732_000_000_000L, "reddit:t3_abc/?+");
		String encoded = cursor.encode();
		assertThat(encoded).matches("[A-Za-z0-9_-]+");
		assertThat(Cursor.decode(encoded)).isEqualTo(cursor);
	}

	@Test
	void aCursorOfAPageSortedByReachKeepsTheReach() {
		Cursor cursor = new Cursor.After(Optional.of(1234.5), 1_732_000_000_000L, "x:~1~:2");
		assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
		Cursor none = new Cursor.After(Optional.of(0.0), 1L, "x:1");
		assertThat(Cursor.decode(none.encode())).isEqualTo(none);
	}

	@Test
	void aCursorOfTheQueueKeepsTheTimeItsFirstPageWasReadAt() {
		Cursor cursor = new Cursor.Scored(9.5, Instant.parse("2026-12-07T10:15:30.123Z"), 1_732_000_000_000L,
				"x:!1!:2");
		assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
	}

	@Test
	void aCursorOfFoldedResultsCountsTheClustersShown() {
		assertThat(Cursor.decode(new Cursor.Skip(40).encode())).isEqualTo(new Cursor.Skip(40));
		assertThatIllegalArgumentException().isThrownBy(() -> new Cursor.Skip(0));
	}

	@Test
	void aValueThatIsNotACursorIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cursor.decode("not base64!"));
		assertThatIllegalArgumentException().isThrownBy(() -> Cursor.decode("bm90LWEtY3Vyc29y"));
		assertThatIllegalArgumentException().isThrownBy(() -> Cursor.decode(""));
	}

}
