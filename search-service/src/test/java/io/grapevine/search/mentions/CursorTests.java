package io.grapevine.search.mentions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CursorTests {

	@Test
	void aCursorSurvivesTheRoundTripThroughItsUrlSafeForm() {
		Cursor cursor = new Cursor(1_732_000_000_000L, "reddit:t3_abc/?+");
		String encoded = cursor.encode();
		assertThat(encoded).matches("[A-Za-z0-9_-]+");
		assertThat(Cursor.decode(encoded)).isEqualTo(cursor);
	}

	@Test
	void aValueThatIsNotACursorIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cursor.decode("not base64!"));
		assertThatIllegalArgumentException().isThrownBy(() -> Cursor.decode("bm90LWEtY3Vyc29y"));
		assertThatIllegalArgumentException().isThrownBy(() -> Cursor.decode(""));
	}

}
