package io.grapevine.listening.bench;

import java.util.Collection;
import java.util.Random;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import io.grapevine.listening.organization.TopicMatcher;
import io.grapevine.listening.query.MatchContext;

/**
 * Runs the enrichment and topic-matching benchmarks and prints their figures.
 */
public final class EnrichmentBenchmarks {

	private EnrichmentBenchmarks() {
	}

	public static void main(String[] args) throws RunnerException {
		DemoMentions mentions = DemoMentions.load();
		TopicMatcher matcher = new TopicMatcher(
				TopicMatchingBenchmark.organization(TopicMatchingBenchmark.queries(new Random(42))));
		long matched = 0;
		long tags = 0;
		for (int i = 0; i < mentions.size(); i++) {
			int topics = matcher.match(MatchContext.of(mentions.original(i))).topics().size();
			matched += (topics > 0) ? 1 : 0;
			tags += topics;
		}
		double oneThread = run(EnrichmentBenchmark.class, 1);
		double twoThreads = run(EnrichmentBenchmark.class, 2);
		double perMention = run(TopicMatchingBenchmark.class, 1);
		System.out.println();
		System.out.printf("Demo sample: %,d mentions, cycled with new ids and later times%n", mentions.size());
		System.out.printf("Enrichment (cluster, reach), 1 thread:  %,.0f mentions/s%n", oneThread);
		System.out.printf("Enrichment (cluster, reach), 2 threads: %,.0f mentions/s%n", twoThreads);
		System.out.printf("Topic matching, %d topics: %.1f µs per mention (%.0f%% of the sample match a topic, "
				+ "%.1f topics each on average)%n", TopicMatchingBenchmark.TOPICS, perMention,
				100.0 * matched / mentions.size(), (double) tags / Math.max(1, matched));
	}

	private static double run(Class<?> benchmark, int threads) throws RunnerException {
		Options options = new OptionsBuilder().include(benchmark.getName())
			.threads(threads)
			.forks(1)
			.warmupIterations(3)
			.warmupTime(TimeValue.seconds(3))
			.measurementIterations(5)
			.measurementTime(TimeValue.seconds(3))
			.jvmArgs("-Xmx1g", "-Dbench.mentions=" + System.getProperty("bench.mentions"))
			.build();
		Collection<RunResult> results = new Runner(options).run();
		return results.iterator().next().getPrimaryResult().getScore();
	}

}
