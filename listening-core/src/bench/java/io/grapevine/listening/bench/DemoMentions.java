package io.grapevine.listening.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;

/**
 * The demo sample of realistic mentions, cycled without end: each round gets new ids and
 * is published one sample's time span later, as fresh mentions would be.
 */
final class DemoMentions {

	private final List<Mention> mentions;

	private final Duration span;

	private DemoMentions(List<Mention> mentions) {
		this.mentions = mentions;
		Mention first = mentions.stream().min((a, b) -> a.publishedAt().compareTo(b.publishedAt())).orElseThrow();
		Mention last = mentions.stream().max((a, b) -> a.publishedAt().compareTo(b.publishedAt())).orElseThrow();
		this.span = Duration.between(first.publishedAt(), last.publishedAt()).plusHours(1);
	}

	static DemoMentions load() {
		Path file = Path.of(System.getProperty("bench.mentions",
				"../ingest-service/src/main/resources/demo/mentions.jsonl"));
		try (var lines = Files.lines(file)) {
			return new DemoMentions(lines.filter((line) -> !line.isBlank()).map(MentionJson::readMention).toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the demo mentions at " + file.toAbsolutePath(), ex);
		}
	}

	int size() {
		return this.mentions.size();
	}

	Mention original(long n) {
		return this.mentions.get((int) (n % this.mentions.size()));
	}

	/**
	 * The n-th mention of the endless stream.
	 * @param n its position, from 0
	 * @return a copy of a sample mention with its own id and a later publication time
	 */
	Mention get(long n) {
		Mention mention = original(n);
		long round = n / this.mentions.size();
		if (round == 0) {
			return mention;
		}
		return new Mention(mention.schemaVersion(), null, mention.source(), mention.nativeId() + "r" + round,
				mention.url(), mention.text(), mention.author(), mention.publishedAt().plus(this.span.multipliedBy(round)),
				mention.ingestedAt(), mention.language(), mention.engagement(), mention.inReplyTo(),
				mention.matchedBy(), mention.topics(), mention.departments());
	}

}
