package io.grapevine.listening.bench;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;
import io.grapevine.listening.organization.TopicMatcher;
import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.listening.query.MatchContext;

/**
 * Time to match one mention against 200 topics of realistic size, analysing the mention
 * once as the ingest pipeline does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TopicMatchingBenchmark {

	static final int TOPICS = 200;

	private static final String[] WORDS = { "bus", "tram", "metro", "train", "ferry", "station", "driver", "ticket",
			"fare", "pass", "lift", "escalator", "platform", "strike", "union", "delay", "late", "cancelled",
			"crowded", "clean", "dirty", "safe", "police", "night", "airport", "harbor", "quay", "central", "market",
			"westgate", "riverside", "beacon", "hill", "app", "refund", "card", "contactless", "wifi", "seat",
			"wheelchair", "ramp", "accessible", "timetable", "route", "line", "stop", "schedule", "broken", "fire",
			"smell", "heating", "noise", "student", "discount", "price", "budget", "council", "mayor", "transit" };

	private static final String[] PHRASES = { "\"harbor city transit\"", "\"night bus\"", "\"beacon hill\"",
			"\"old market\"", "\"step free\"", "\"signal fault\"", "\"lost property\"", "\"customer service\"",
			"\"fare rise\"", "\"real time\"" };

	private static final String[] FIELDS = { "lang:en", "lang:es", "source:x", "source:reddit", "source:mastodon",
			"-source:rss", "site:x.com", "author:hct_official" };

	private static final String[] PREFIXES = { "delay*", "cancel*", "access*", "refund*", "strik*", "crowd*",
			"clean*", "escalat*" };

	private DemoMentions mentions;

	private TopicMatcher matcher;

	private long next;

	@Setup(Level.Trial)
	public void setUp() {
		this.mentions = DemoMentions.load();
		this.matcher = new TopicMatcher(organization(queries(new Random(42))));
		this.next = 0;
	}

	@Benchmark
	public TopicMatcher.Matches matchAllTopics() {
		return this.matcher.match(MatchContext.of(this.mentions.original(this.next++)));
	}

	static List<String> queries(Random random) {
		List<String> queries = new ArrayList<>();
		while (queries.size() < TOPICS) {
			int terms = 3 + random.nextInt(13);
			StringBuilder query = new StringBuilder();
			int written = 0;
			while (written < terms) {
				int kind = random.nextInt(10);
				String part;
				int used = 1;
				if (kind < 3) {
					part = "(" + pick(random, WORDS) + " OR " + pick(random, WORDS) + " OR " + pick(random, PREFIXES)
							+ ")";
					used = 3;
				}
				else if (kind == 3) {
					part = pick(random, PHRASES);
				}
				else if (kind == 4) {
					part = "-" + pick(random, WORDS);
				}
				else if (kind == 5) {
					part = pick(random, PREFIXES);
				}
				else if (kind == 6) {
					part = pick(random, WORDS) + " NEAR/5 " + pick(random, WORDS);
					used = 2;
				}
				else if (kind == 7) {
					part = pick(random, FIELDS);
				}
				else {
					part = pick(random, WORDS);
				}
				query.append((written == 0) ? "" : " ").append(part);
				written += used;
			}
			// Topics are broad at the top (an OR of two groups) as often as they are narrow.
			String text = random.nextBoolean() ? query.toString()
					: "(" + query + ") OR (" + pick(random, WORDS) + " " + pick(random, PHRASES) + ")";
			try {
				queries.add(ListeningQuery.parse(text).source());
			}
			catch (RuntimeException ex) {
				// A combination that only excludes; draw another.
			}
		}
		return queries;
	}

	static Organization organization(List<String> queries) {
		List<Department> departments = new ArrayList<>();
		for (int d = 0; d < 10; d++) {
			List<Topic> topics = new ArrayList<>();
			for (int t = 0; t < queries.size() / 10; t++) {
				String query = queries.get(d * (queries.size() / 10) + t);
				topics.add(new Topic("topic-" + d + "-" + t, "Topic " + d + "." + t, "department-" + d, List.of(),
						Optional.of(ListeningQuery.parse(query))));
			}
			departments.add(new Department("department-" + d, "Department " + d, ZoneId.of("UTC"), LocalTime.of(7, 30),
					List.of(), Optional.empty(), Optional.empty(), topics));
		}
		return new Organization("Harbor City Transit", departments);
	}

	private static String pick(Random random, String[] values) {
		return values[random.nextInt(values.length)];
	}

}
