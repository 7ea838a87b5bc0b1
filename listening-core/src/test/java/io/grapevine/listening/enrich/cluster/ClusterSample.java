package io.grapevine.listening.enrich.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Mention;

/**
 * A file of mentions with their true clusters, and the pairwise precision and recall of
 * the clusters an enricher gives them.
 */
final class ClusterSample {

	private final List<Mention> mentions;

	private final List<String> labels;

	private ClusterSample(List<Mention> mentions, List<String> labels) {
		this.mentions = mentions;
		this.labels = labels;
	}

	static ClusterSample load(String resource) {
		List<Mention> mentions = new ArrayList<>();
		List<String> labels = new ArrayList<>();
		try (InputStream in = ClusterSample.class.getResourceAsStream(resource)) {
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			boolean header = true;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith("#") || line.isBlank()) {
					continue;
				}
				if (header) {
					header = false;
					continue;
				}
				String[] fields = line.split("\t", -1);
				String[] id = fields[1].split(":", 2);
				String handle = URI.create(fields[3]).getHost().replace('.', '_');
				mentions.add(Mention.builder(id[0], id[1])
					.url(URI.create(fields[3]))
					.inReplyTo(fields[4].isEmpty() ? null : fields[4])
					.publishedAt(Instant.parse(fields[5]))
					.text(fields[6])
					.author(Author.of(handle))
					.build());
				labels.add(fields[0]);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ClusterSample(mentions, labels);
	}

	List<Mention> mentions() {
		return this.mentions;
	}

	/**
	 * Cluster every mention in order and compare the clusters with the true ones pair by
	 * pair.
	 * @param enricher the enricher
	 * @return precision and recall over pairs of mentions
	 */
	Score score(ClusterEnricher enricher) {
		List<String> given = new ArrayList<>();
		for (Mention mention : this.mentions) {
			given.add(enricher.enrich(mention).clusterId().orElseThrow());
		}
		long bothSame = 0;
		long givenSame = 0;
		long trulySame = 0;
		List<String> falsePairs = new ArrayList<>();
		List<String> missedPairs = new ArrayList<>();
		for (int i = 0; i < given.size(); i++) {
			for (int j = i + 1; j < given.size(); j++) {
				boolean same = given.get(i).equals(given.get(j));
				boolean truly = this.labels.get(i).equals(this.labels.get(j));
				givenSame += same ? 1 : 0;
				trulySame += truly ? 1 : 0;
				bothSame += (same && truly) ? 1 : 0;
				if (same && !truly) {
					falsePairs.add(pair(i, j));
				}
				if (truly && !same) {
					missedPairs.add(pair(i, j));
				}
			}
		}
		double precision = (givenSame == 0) ? 1 : (double) bothSame / givenSame;
		double recall = (trulySame == 0) ? 1 : (double) bothSame / trulySame;
		return new Score(precision, recall, trulySame, falsePairs, missedPairs);
	}

	private String pair(int i, int j) {
		return this.mentions.get(i).text() + "  <->  " + this.mentions.get(j).text();
	}

	record Score(double precision, double recall, long pairs, List<String> falsePairs, List<String> missedPairs) {

		double f1() {
			return 2 * this.precision * this.recall / (this.precision + this.recall);
		}

	}

}
