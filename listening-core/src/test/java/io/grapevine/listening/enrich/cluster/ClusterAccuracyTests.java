package io.grapevine.listening.enrich.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quality gate on the shipped sample of mentions with known clusters.
 */
class ClusterAccuracyTests {

	@Test
	void clustersTheShippedSampleWithPairwisePrecisionAndRecallOfAtLeastNinetyPercent() {
		ClusterSample sample = ClusterSample.load("/enrich/cluster/sample.tsv");
		ClusterSample.Score score = sample.score(new ClusterEnricher());
		System.out.printf(
				"near-duplicate clusters on sample.tsv (%d mentions, %d true pairs): "
						+ "pairwise precision %.3f, recall %.3f, F1 %.3f%n",
				sample.mentions().size(), score.pairs(), score.precision(), score.recall(), score.f1());
		score.falsePairs().stream().limit(10).forEach((pair) -> System.out.println("  joined wrongly: " + pair));
		score.missedPairs().stream().limit(10).forEach((pair) -> System.out.println("  missed: " + pair));
		assertThat(score.precision()).isGreaterThanOrEqualTo(0.90);
		assertThat(score.recall()).isGreaterThanOrEqualTo(0.90);
	}

	@Test
	void theDefaultThresholdIsTheBestOfTheCandidatesOnTheDevelopmentSample() {
		ClusterSample dev = ClusterSample.load("/enrich/cluster/dev.tsv");
		double best = 0;
		double bestF1 = -1;
		for (double threshold = 0.3; threshold <= 0.91; threshold += 0.05) {
			double rounded = Math.round(threshold * 100) / 100.0;
			ClusterSample.Score score = dev
				.score(new ClusterEnricher(new ClusterSettings(ClusterSettings.DEFAULTS.window(), 10_000, rounded)));
			System.out.printf("dev.tsv threshold %.2f: precision %.3f, recall %.3f, F1 %.3f%n", rounded,
					score.precision(), score.recall(), score.f1());
			if (score.f1() > bestF1 + 1e-9) {
				bestF1 = score.f1();
				best = rounded;
			}
		}
		ClusterSample.Score chosen = dev.score(new ClusterEnricher(
				new ClusterSettings(ClusterSettings.DEFAULTS.window(), 10_000, ClusterSettings.DEFAULT_THRESHOLD)));
		assertThat(chosen.f1()).as("F1 at the default threshold against the best, at %.2f", best)
			.isGreaterThanOrEqualTo(bestF1 - 0.005);
	}

}
