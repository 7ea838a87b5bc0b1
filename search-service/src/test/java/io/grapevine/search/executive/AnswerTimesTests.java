package io.grapevine.search.executive;

import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AnswerTimesTests {

	@Test
	void oneAnswerIsItsOwnMedianToTheSecond() {
		assertThat(times(3600).median()).contains(3600.0);
		assertThat(times(0).median()).contains(0.0);
	}

	@Test
	void noAnswerHasNoMedian() {
		assertThat(AnswerTimes.NONE.median()).isEmpty();
		assertThat(AnswerTimes.NONE.plus(AnswerTimes.NONE).count()).isZero();
	}

	@Test
	void theMedianOfDaysAddedUpIsTheMedianOfAllTheirAnswers() {
		AnswerTimes monday = times(60, 120, 7200);
		AnswerTimes tuesday = times(30, 86_400);
		AnswerTimes wednesday = times(45);
		// 30, 45, 60, 120, 7200, 86400: the middle two are 60 and 120.
		assertThat(monday.plus(tuesday).plus(wednesday).median()).contains(90.0);
		assertThat(wednesday.plus(tuesday).plus(monday)).isEqualTo(monday.plus(tuesday).plus(wednesday));
	}

	@Test
	void aYearOfDaysGivesTheMedianWithinATenthOfTheExactOne() {
		AnswerTimes year = AnswerTimes.NONE;
		long[] all = LongStream.range(0, 365 * 40).map((i) -> 60 + (i * 7919) % 259_200).sorted().toArray();
		for (int day = 0; day < 365; day++) {
			long[] ofDay = new long[40];
			for (int i = 0; i < 40; i++) {
				ofDay[i] = 60 + ((day * 40L + i) * 7919) % 259_200;
			}
			year = year.plus(times(ofDay));
		}
		double exact = (all[all.length / 2 - 1] + all[all.length / 2]) / 2.0;
		assertThat(year.count()).isEqualTo(365 * 40);
		assertThat(year.median().orElseThrow()).isCloseTo(exact, within(exact / 10));
	}

	@Test
	void bucketsGrowByATenthAndEveryDurationHasOne() {
		long[] edges = AnswerTimes.lowerEdges();
		assertThat(edges[0]).isZero();
		assertThat(AnswerTimes.bucketOf(0)).isZero();
		assertThat(AnswerTimes.bucketOf(9)).isEqualTo(9);
		for (int i = 11; i < edges.length; i++) {
			assertThat((double) edges[i]).isLessThanOrEqualTo(Math.ceil(edges[i - 1] * 1.1));
			assertThat(AnswerTimes.bucketOf(edges[i])).isEqualTo(i);
			assertThat(AnswerTimes.bucketOf(edges[i] - 1)).isEqualTo(i - 1);
		}
		assertThat(AnswerTimes.bucketOf(10L * 365 * 86_400)).isEqualTo(edges.length - 1);
	}

	static AnswerTimes times(long... seconds) {
		AnswerTimes times = AnswerTimes.NONE;
		for (long each : seconds) {
			times = times.plus(new AnswerTimes(Map.of(AnswerTimes.bucketOf(each), new AnswerTimes.Bucket(1, each))));
		}
		return times;
	}

}
