package io.grapevine.listening.enrich.sentiment;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Measures how long the analyzer takes per post over the labelled sample and prints it;
 * run it with {@code java} after {@code test-compile}, as docs/enrichment.md shows.
 */
public final class SentimentThroughput {

	private SentimentThroughput() {
	}

	public static void main(String[] args) {
		SentimentAnalyzer analyzer = SentimentAnalyzer.bundled();
		List<LabelledSample.Post> posts = LabelledSample.read("/enrich/sentiment/sample.tsv").posts();
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 2_000;
		double checksum = run(analyzer, posts, rounds / 4);
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long start = System.nanoTime();
		long startCpu = threads.getCurrentThreadCpuTime();
		checksum += run(analyzer, posts, rounds);
		long elapsed = System.nanoTime() - start;
		long cpu = threads.getCurrentThreadCpuTime() - startCpu;
		long texts = (long) rounds * posts.size();
		double averageLength = posts.stream().mapToInt((post) -> post.text().length()).average().orElse(0);
		System.out.printf(
				"%d texts (average %.0f characters): %.2f µs of CPU time per text, %.2f µs of wall time,"
						+ " %.0f texts/s on one thread (checksum %.1f)%n",
				texts, averageLength, cpu / 1e3 / texts, elapsed / 1e3 / texts, texts / (elapsed / 1e9), checksum);
	}

	private static double run(SentimentAnalyzer analyzer, List<LabelledSample.Post> posts, int rounds) {
		double checksum = 0;
		for (int round = 0; round < rounds; round++) {
			for (LabelledSample.Post post : posts) {
				checksum += analyzer.analyze(post.text(), post.language()).score();
			}
		}
		return checksum;
	}

}
