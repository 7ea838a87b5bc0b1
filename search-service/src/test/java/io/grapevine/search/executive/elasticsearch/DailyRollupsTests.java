package io.grapevine.search.executive.elasticsearch;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import io.grapevine.search.executive.AnswerTimes;
import io.grapevine.search.executive.Tally;
import io.grapevine.search.executive.Tally.Figures;
import io.grapevine.search.executive.Tally.Said;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DailyRollupsTests {

	@Test
	void aTallyIsStoredWithoutItsZerosAndReadBackTheSame() {
		Tally day = new Tally(
				new Figures(12, 2, 5, 5, 6, 1, 2,
						new AnswerTimes(Map.of(AnswerTimes.bucketOf(3600), new AnswerTimes.Bucket(2, 7300)))),
				4_200_000_000L, Map.of("organization", new Figures(11, 2, 5, 4, 0, 0, 0, null)),
				new Said(1, Map.of("x", 1L), Map.of()), Map.of("x", new Figures(12, 0, 0, 0, 0, 0, 2, null)),
				Map.of("operations", Figures.counted(3)));
		byte[] json = DailyRollups.json(day);
		assertThat(new String(json, StandardCharsets.UTF_8)).doesNotContain(":0,").doesNotContain(":0}");
		assertThat(DailyRollups.tally(json)).isEqualTo(day);
		assertThat(DailyRollups.tally(DailyRollups.json(Tally.EMPTY))).isEqualTo(Tally.EMPTY);
	}

	@Test
	void aDepartmentHasItsOwnScope() {
		assertThat(DailyRollups.scope(Optional.empty())).isEqualTo("all");
		assertThat(DailyRollups.scope(Optional.of("operations"))).isEqualTo("department:operations");
	}

}
