package io.grapevine.search.handling.elasticsearch;

import java.util.List;
import java.util.stream.IntStream;

import io.grapevine.search.handling.elasticsearch.HandlingStore.Starts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WaitStartsTests {

	@Test
	void theMiddleOfTwoKindsOfWaitsWeighsEachByItsCount() {
		// 100 waits acted on, started evenly from 0 to 1000; 300 untouched, published
		// evenly from 1000 to 2000: the 200th start is a third into the untouched ones.
		Starts actedOn = even(100, 0, 1000);
		Starts untouched = even(300, 1000, 2000);

		assertThat(Starts.middle(List.of(actedOn, untouched))).isCloseTo(1333.3, within(1.0));
	}

	@Test
	void oneKindAloneHasItsOwnMedian() {
		assertThat(Starts.middle(List.of(even(5000, 10_000, 20_000)))).isCloseTo(15_000, within(1.0));
	}

	@Test
	void aShareIsNoneBeforeTheFirstStartAndAllAfterTheLast() {
		Starts starts = even(10, 100, 200);

		assertThat(starts.share(99)).isZero();
		assertThat(starts.share(150)).isCloseTo(0.5, within(1e-9));
		assertThat(starts.share(200)).isEqualTo(1);
	}

	// The percentiles from 0 to 100 of starts spread evenly over a range.
	private static Starts even(long count, double from, double to) {
		double[] percents = IntStream.rangeClosed(0, 100).mapToDouble((percent) -> percent).toArray();
		double[] values = IntStream.rangeClosed(0, 100)
			.mapToDouble((percent) -> from + (to - from) * percent / 100)
			.toArray();
		return new Starts(count, percents, values);
	}

}
