package io.grapevine.ingest.source.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.Source;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.InvalidMentionException;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import reactor.core.publisher.Mono;

/**
 * Replays a sample of mentions moved to the present, page by page, then keeps adding a
 * trickle of fresh ones, so a demo looks alive without any social API.
 *
 * <p>
 * Position keys: {@code line} (the next sample line to replay) and {@code trickle} (how
 * many fresh mentions were added so far).
 */
public class DemoSource implements Source {

	static final String LINE = "line";

	static final String TRICKLE = "trickle";

	private final String instanceId;

	private final List<Line> lines;

	private final List<Mention> valid;

	private final Duration shift;

	private final int pageSize;

	private final Duration trickleInterval;

	private final Clock clock;

	/**
	 * Create a demo source over sample lines; the shift to the present is computed now.
	 * @param instanceId the instance id
	 * @param sampleLines one Mention JSON per line
	 * @param pageSize lines per page
	 * @param trickleInterval how often to add a fresh mention after the sample
	 * @param clock the clock
	 */
	public DemoSource(String instanceId, List<String> sampleLines, int pageSize, Duration trickleInterval,
			Clock clock) {
		this.instanceId = instanceId;
		this.pageSize = pageSize;
		this.trickleInterval = trickleInterval;
		this.clock = clock;
		this.lines = sampleLines.stream().filter((line) -> !line.isBlank()).map(Line::parse).toList();
		this.valid = this.lines.stream().flatMap((line) -> line.mention().stream()).toList();
		Instant newest = this.valid.stream().map(Mention::publishedAt).max(Instant::compareTo).orElse(clock.instant());
		this.shift = Duration.between(newest, clock.instant());
	}

	@Override
	public String instanceId() {
		return this.instanceId;
	}

	@Override
	public Duration pollInterval() {
		return this.trickleInterval;
	}

	int size() {
		return this.lines.size();
	}

	@Override
	public Mono<Page> fetch(Cursor cursor) {
		return Mono.fromSupplier(() -> page(cursor));
	}

	private Page page(Cursor cursor) {
		Instant now = this.clock.instant();
		int line = cursor.get(LINE).map(Integer::parseInt).orElse(0);
		long trickle = cursor.get(TRICKLE).map(Long::parseLong).orElse(0L);
		if (line < this.lines.size()) {
			int end = Math.min(line + this.pageSize, this.lines.size());
			List<Mention> mentions = new ArrayList<>();
			List<DeadLetter> deadLetters = new ArrayList<>();
			for (int i = line; i < end; i++) {
				Line sample = this.lines.get(i);
				if (sample.mention().isPresent()) {
					Mention mention = sample.mention().get();
					mentions.add(copy(mention, mention.nativeId(), mention.publishedAt().plus(this.shift), now));
				}
				else {
					deadLetters.add(new DeadLetter(this.instanceId,
							"demo sample line " + (i + 1) + " is not a mention: " + sample.error(), sample.raw(), now));
				}
			}
			Cursor next = cursor.moveTo(position(end, trickle), now);
			return Page.of(mentions, deadLetters, next, end < this.lines.size());
		}
		if (this.valid.isEmpty()) {
			return Page.of(List.of(), List.of(), cursor, false);
		}
		Mention picked = this.valid.get(new SplittableRandom(trickle).nextInt(this.valid.size()));
		Mention fresh = copy(picked, picked.nativeId() + "-t" + trickle, now, now);
		return Page.of(List.of(fresh), List.of(), cursor.moveTo(position(line, trickle + 1), now), false);
	}

	private static Map<String, String> position(int line, long trickle) {
		return Map.of(LINE, Integer.toString(line), TRICKLE, Long.toString(trickle));
	}

	// A copy is written now, by this code: it is of the current schema version, whatever
	// the sample line's.
	private static Mention copy(Mention mention, String nativeId, Instant publishedAt, Instant ingestedAt) {
		return new Mention(Mention.SCHEMA_VERSION, null, mention.source(), nativeId, mention.url(), mention.text(),
				mention.author(), publishedAt, ingestedAt, mention.language(), mention.engagement(),
				mention.inReplyTo(), mention.matchedBy(), mention.topics(), mention.departments());
	}

	private record Line(String raw, Optional<Mention> mention, String error) {

		static Line parse(String raw) {
			try {
				return new Line(raw, Optional.of(MentionJson.readMention(raw)), "");
			}
			catch (InvalidMentionException ex) {
				return new Line(raw, Optional.empty(), ex.getMessage());
			}
		}

	}

}
