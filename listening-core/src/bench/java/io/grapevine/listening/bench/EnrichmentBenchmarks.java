package io.grapevine.listening.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import io.grapevine.listening.enrich.Enrichment;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.TopicMatcher;
import io.grapevine.listening.query.MatchContext;

/**
 * Runs the enrichment and topic-matching benchmarks and prints their figures.
 */
public final class EnrichmentBenchmarks {

	private EnrichmentBenchmarks() {
	}

	public static void main(String[] args) throws RunnerException, InterruptedException {
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
		double enrichCpu = cpuMicrosPerEnrichment(mentions, 1);
		double enrichCpuTwo = cpuMicrosPerEnrichment(mentions, 2);
		double matchCpu = cpuMicrosPerMatch(mentions, matcher);
		double oneThread = run(EnrichmentBenchmark.class, 1);
		double twoThreads = run(EnrichmentBenchmark.class, 2);
		double perMention = run(TopicMatchingBenchmark.class, 1);
		System.out.println();
		System.out.printf("Demo sample: %,d mentions, cycled with new ids and later times%n", mentions.size());
		System.out.printf("Enrichment (language, sentiment, cluster, reach), 1 thread:  %,.0f mentions/s%n", oneThread);
		System.out.printf("Enrichment (language, sentiment, cluster, reach), 2 threads: %,.0f mentions/s%n", twoThreads);
		System.out.printf("Topic matching, %d topics: %.1f µs per mention (%.0f%% of the sample match a topic, "
				+ "%.1f topics each on average)%n", TopicMatchingBenchmark.TOPICS, perMention,
				100.0 * matched / mentions.size(), (double) tags / Math.max(1, matched));
		System.out.printf("CPU time (what the mentions cost, whatever else runs on the machine; load average %.1f "
				+ "on %d cores):%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
				Runtime.getRuntime().availableProcessors());
		System.out.printf("  enrichment, 1 thread:  %.2f µs per mention, %,.0f mentions/s per core%n", enrichCpu,
				1e6 / enrichCpu);
		System.out.printf("  enrichment, 2 threads: %.2f µs per mention, %,.0f mentions/s per core%n", enrichCpuTwo,
				1e6 / enrichCpuTwo);
		System.out.printf("  topic matching, %d topics: %.2f µs per mention%n", TopicMatchingBenchmark.TOPICS,
				matchCpu);
	}

	// Thread CPU time leaves out the time other processes take the cores away, which on a
	// shared machine is most of the wall time.
	private static double cpuMicrosPerEnrichment(DemoMentions mentions, int threads) throws InterruptedException {
		Enrichment enrichment = Enrichment.of(new Organization("Harbor City Transit", List.of()));
		AtomicLong next = new AtomicLong();
		int warmUp = 300_000;
		int measured = 600_000;
		long[] cpu = new long[threads];
		Thread[] workers = new Thread[threads];
		for (int t = 0; t < threads; t++) {
			int index = t;
			workers[t] = new Thread(() -> {
				ThreadMXBean bean = ManagementFactory.getThreadMXBean();
				for (int i = 0; i < warmUp / threads; i++) {
					enrichment.enrich(mentions.get(next.getAndIncrement()));
				}
				long start = bean.getCurrentThreadCpuTime();
				for (int i = 0; i < measured / threads; i++) {
					enrichment.enrich(mentions.get(next.getAndIncrement()));
				}
				cpu[index] = bean.getCurrentThreadCpuTime() - start;
			});
			workers[t].start();
		}
		long total = 0;
		for (int t = 0; t < threads; t++) {
			workers[t].join();
			total += cpu[t];
		}
		return total / 1e3 / measured;
	}

	private static double cpuMicrosPerMatch(DemoMentions mentions, TopicMatcher matcher) {
		ThreadMXBean bean = ManagementFactory.getThreadMXBean();
		long tags = 0;
		for (int i = 0; i < 50_000; i++) {
			tags += matcher.match(MatchContext.of(mentions.original(i))).topics().size();
		}
		int measured = 100_000;
		long start = bean.getCurrentThreadCpuTime();
		for (int i = 0; i < measured; i++) {
			tags += matcher.match(MatchContext.of(mentions.original(i))).topics().size();
		}
		long cpu = bean.getCurrentThreadCpuTime() - start;
		return (tags < 0) ? 0 : cpu / 1e3 / measured;
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
