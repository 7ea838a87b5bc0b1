package io.grapevine.ingest.source.rss;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Mention;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class RssFeedMapperTests {

	private static final String INSTANCE = "rss:local-news";

	private static final Instant NOW = Instant.parse("2026-11-21T22:00:00Z");

	private static final RssSettings.Feed GAZETTE = RssSettings.Feed.of("https://gazette.example.org/transport/feed/");

	private static final RssSettings.Feed STADTWERKE = RssSettings.Feed.of("https://blog.stadtwerke.example/atom.xml");

	private static final RssSettings.Feed COUNCIL = RssSettings.Feed.of("https://council.example.gov/news.rdf");

	private final RssFeedMapper mapper = new RssFeedMapper(INSTANCE, Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void mapsAnRss2ItemWithTitleAndFullContentAsPlainTextItsCreatorAndTheFeedLanguage() {
		Mention mention = entries(map(GAZETTE, "rss2.xml")).mentions().get(0);

		assertThat(mention.source()).isEqualTo("rss");
		assertThat(mention.nativeId()).isEqualTo(RssFeedMapper.nativeId(GAZETTE.url(), "gazette-48213")).hasSize(20);
		assertThat(mention.url()).isEqualTo(URI.create("https://gazette.example.org/transport/2026/11/21/night-buses"));
		assertThat(mention.text()).isEqualTo("Night buses return to the T5 corridor & the harbour\n\n"
				+ "From Monday the N5 runs every 20 minutes \u2013 a win for night workers.\n\n"
				+ "Riders said \"finally\" see the timetable.");
		assertThat(mention.author().handle()).isEqualTo("Priya Raman");
		assertThat(mention.author().displayName()).contains("Priya Raman");
		assertThat(mention.publishedAt()).isEqualTo(Instant.parse("2026-11-21T17:00:00Z"));
		assertThat(mention.ingestedAt()).isEqualTo(NOW);
		assertThat(mention.language()).contains("en");
		assertThat(mention.matchedBy()).contains("https://gazette.example.org/transport/feed/");
	}

	@Test
	void takesTheNameOutOfAnRss2AuthorWrittenAsEmailAndName() {
		Mention mention = entries(map(GAZETTE, "rss2.xml")).mentions().get(1);

		assertThat(mention.author().handle()).isEqualTo("Tom O'Neill");
		assertThat(mention.text())
			.isEqualTo("Ferry fares frozen for 2027\n\nThe council froze ferry fares for another year.");
		assertThat(mention.publishedAt()).isEqualTo(Instant.parse("2026-11-20T09:30:00Z"));
	}

	@Test
	void givesAnEntryWithoutDateTheFetchTimeAndAnEntryWithoutAuthorTheSiteAndFeedTitle() {
		Mention mention = entries(map(GAZETTE, "rss2.xml")).mentions().get(2);

		assertThat(mention.publishedAt()).isEqualTo(NOW);
		assertThat(mention.author().handle()).isEqualTo("gazette.example.org");
		assertThat(mention.author().displayName()).contains("Harbor City Gazette \u2013 Transport");
		assertThat(mention.author().profileUrl()).contains(URI.create("https://gazette.example.org/transport/"));
		assertThat(mention.nativeId()).isEqualTo(RssFeedMapper.nativeId(GAZETTE.url(),
				"https://gazette.example.org/transport/2026/11/19/kingsbridge-lift"));
	}

	@Test
	void mapsAtomEntriesWithRelativeLinksHtmlTitlesPublishedTimeAndXmlLang() {
		List<Mention> mentions = entries(map(STADTWERKE, "atom.xml")).mentions();

		Mention trams = mentions.get(0);
		assertThat(trams.url()).isEqualTo(URI.create("https://blog.stadtwerke.example/2026/11/neue-trams"));
		assertThat(trams.text())
			.isEqualTo("Neue Trams & leise Fahrt\n\nDie neuen Trams auf der T1 sind leise und bequem.");
		assertThat(trams.author().handle()).isEqualTo("Laura Becker");
		assertThat(trams.author().profileUrl()).contains(URI.create("https://blog.stadtwerke.example/team/laura"));
		assertThat(trams.publishedAt()).isEqualTo(Instant.parse("2026-11-21T15:00:00Z"));
		Mention works = mentions.get(1);
		assertThat(works.publishedAt()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
		assertThat(works.author().handle()).isEqualTo("blog.stadtwerke.example");
		assertThat(works.author().displayName()).contains("Stadtwerke Blog");
	}

	@Test
	void mapsRss1RdfItemsWithTheirDublinCoreDateAndLanguage() {
		Mention mention = entries(map(COUNCIL, "rdf.xml")).mentions().get(0);

		assertThat(mention.url()).isEqualTo(URI.create("https://council.example.gov/news/1201"));
		assertThat(mention.text()).isEqualTo("Consultation sur le tram\n\nLa consultation ouvre lundi.");
		assertThat(mention.publishedAt()).isEqualTo(Instant.parse("2026-11-19T09:15:00Z"));
		assertThat(mention.language()).contains("fr");
	}

	@Test
	void anItemThatSaysItsOwnLanguageKeepsItInAFeedOfAnother() {
		// A bilingual council's Atom feed (xml:lang on the feed, on an entry, on an
		// entry's content, RFC 4287 section 2) and an RSS 2.0 item with dc:language.
		String atom = """
				<?xml version="1.0" encoding="utf-8"?>
				<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
				  <title>Council news</title><id>urn:uuid:council</id><updated>2026-11-20T09:00:00Z</updated>
				  <entry xml:lang="fr"><title>Le tram reprend lundi</title><id>urn:uuid:1</id>
				    <link href="https://council.example.gov/news/1"/><updated>2026-11-20T09:00:00Z</updated></entry>
				  <entry><title>Nouveaux horaires du bus 4</title><id>urn:uuid:2</id>
				    <link href="https://council.example.gov/news/2"/><updated>2026-11-20T08:00:00Z</updated>
				    <content type="text" xml:lang="fr-CA">Les horaires changent le 1er décembre.</content></entry>
				  <entry><title>Tram back on Monday</title><id>urn:uuid:3</id>
				    <link href="https://council.example.gov/news/3"/><updated>2026-11-20T07:00:00Z</updated></entry>
				</feed>
				""";
		String rss = """
				<?xml version="1.0" encoding="utf-8"?>
				<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
				  <title>Gazette</title><link>https://gazette.example.org/</link><language>en-gb</language>
				  <item><title>El tranvía vuelve el lunes</title><link>https://gazette.example.org/es/1</link>
				    <dc:language>es</dc:language><pubDate>Fri, 20 Nov 2026 09:00:00 GMT</pubDate></item>
				  <item><title>Tram back on Monday</title><link>https://gazette.example.org/1</link>
				    <pubDate>Fri, 20 Nov 2026 08:00:00 GMT</pubDate></item>
				</channel></rss>
				""";

		List<Mention> atomEntries = entries(this.mapper.map(COUNCIL, atom.strip().getBytes(StandardCharsets.UTF_8),
				Optional.of("application/atom+xml"), Set.of(), 200))
			.mentions();
		List<Mention> rssItems = entries(this.mapper.map(GAZETTE, rss.strip().getBytes(StandardCharsets.UTF_8),
				Optional.of("application/rss+xml"), Set.of(), 200))
			.mentions();

		assertThat(atomEntries).extracting((mention) -> mention.language().orElse("?"))
			.containsExactlyInAnyOrder("fr", "fr", "en");
		assertThat(atomEntries).filteredOn((mention) -> mention.text().startsWith("Tram"))
			.singleElement()
			.satisfies((mention) -> assertThat(mention.language()).contains("en"));
		assertThat(rssItems).extracting((mention) -> mention.text() + " " + mention.language().orElse("?"))
			.containsExactlyInAnyOrder("El tranvía vuelve el lunes es", "Tram back on Monday en");
	}

	@Test
	void setsAsideEachEntryThatCannotBeMappedWithItsXmlAndKeepsTheRest() {
		RssSettings.Feed wobbly = RssSettings.Feed.of("https://wobbly.example/feed");
		RssFeedMapper.Mapped.Entries entries = entries(map(wobbly, "rss2-bad-entries.xml"));

		assertThat(entries.mentions()).extracting(Mention::url)
			.containsExactly(URI.create("https://wobbly.example/good"));
		assertThat(entries.deadLetters()).extracting(DeadLetter::reason)
			.containsExactly(
					"entry 'Date from nowhere' of https://wobbly.example/feed has a date that is not a date: 'yesterday-ish'",
					"entry 'No link at all' of https://wobbly.example/feed has no http(s) link to use as its permalink",
					"entry of https://wobbly.example/feed has neither title nor text");
		assertThat(entries.deadLetters()).allSatisfy((deadLetter) -> {
			assertThat(deadLetter.source()).isEqualTo(INSTANCE);
			assertThat(deadLetter.payload()).startsWith("<item>").endsWith("</item>");
		});
		assertThat(entries.deadLetters().get(0).payload()).contains("<pubDate>yesterday-ish</pubDate>");
	}

	@Test
	void skipsEntriesWhoseIdOrLinkIsRememberedAndRemembersTheNewOnesFirst() {
		RssFeedMapper.Mapped.Entries first = entries(map(GAZETTE, "rss2.xml"));
		assertThat(first.mentions()).hasSize(3);
		// An id and a link per entry.
		assertThat(first.remembered()).hasSize(6);

		RssFeedMapper.Mapped.Entries again = entries(
				this.mapper.map(GAZETTE, bytes("rss2.xml"), Optional.empty(), Set.copyOf(first.remembered()), 200));

		assertThat(again.mentions()).isEmpty();
		assertThat(again.deadLetters()).isEmpty();
		assertThat(again.remembered()).containsExactlyInAnyOrderElementsOf(first.remembered());
	}

	@Test
	void knowsAnEntryAgainByItsLinkWhenTheFeedChangedItsGuid() {
		String original = new String(bytes("rss2.xml"), StandardCharsets.UTF_8);
		RssFeedMapper.Mapped.Entries first = entries(map(GAZETTE, "rss2.xml"));
		byte[] renumbered = original.replace("gazette-48213", "gazette-99999").getBytes(StandardCharsets.UTF_8);

		RssFeedMapper.Mapped.Entries again = entries(
				this.mapper.map(GAZETTE, renumbered, Optional.empty(), Set.copyOf(first.remembered()), 200));

		assertThat(again.mentions()).isEmpty();
	}

	@Test
	void readsAFeedLongerThanWhatIsRememberedFromItsNewestEntries() {
		StringBuilder feed = new StringBuilder("<rss version=\"2.0\"><channel><title>Long</title>"
				+ "<link>https://long.example/</link><description>d</description>");
		for (int day = 1; day <= 15; day++) {
			feed.append("<item><title>Day ")
				.append(day)
				.append("</title><link>https://long.example/")
				.append(day)
				.append("</link><pubDate>")
				.append(String.format("%02d", day))
				.append(" Nov 2026 08:00:00 GMT</pubDate></item>");
		}
		feed.append("</channel></rss>");

		RssFeedMapper.Mapped.Entries entries = entries(this.mapper.map(RssSettings.Feed.of("https://long.example/feed"),
				feed.toString().getBytes(StandardCharsets.UTF_8), Optional.of("application/rss+xml"), Set.of(), 10));

		assertThat(entries.mentions()).hasSize(10);
		assertThat(entries.mentions().get(0).text()).isEqualTo("Day 15");
		assertThat(entries.mentions().get(9).text()).isEqualTo("Day 6");
		assertThat(entries.entryCount()).isEqualTo(15);
		assertThat(entries.remembered()).hasSize(20);
	}

	@Test
	void keepsEveryDigitOfAFractionOfASecondAndTheZoneOfEachDate() {
		// The entry of RFC 4287's section 1.1 example, with the microsecond times that
		// Python's feed generators write (isoformat), and an RSS 2.0 item as the RSS
		// specification's example dates it, in Dublin Core beside.
		String atom = """
				<?xml version="1.0" encoding="utf-8"?>
				<feed xmlns="http://www.w3.org/2005/Atom">
				  <title>Example Feed</title>
				  <link href="http://example.org/"/>
				  <updated>2003-12-13T18:30:02.39885Z</updated>
				  <author><name>John Doe</name></author>
				  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
				  <entry>
				    <title>Atom-Powered Robots Run Amok</title>
				    <link href="http://example.org/2003/12/13/atom03"/>
				    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
				    <published>2003-12-13T13:30:02.398850-05:00</published>
				    <updated>2003-12-14T18:30:02Z</updated>
				    <summary>Some text.</summary>
				  </entry>
				  <entry>
				    <title>Robots Rest</title>
				    <link href="http://example.org/2003/12/13/atom04"/>
				    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6b</id>
				    <updated>2003-12-13T18:30:02.39885Z</updated>
				    <summary>More text.</summary>
				  </entry>
				</feed>
				""";
		String rss = """
				<?xml version="1.0"?>
				<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
				  <channel><title>Liftoff News</title><link>http://liftoff.msfc.nasa.gov/</link>
				    <description>Liftoff to Space Exploration.</description>
				    <item><title>Star City</title><link>http://liftoff.msfc.nasa.gov/news/2003/news-starcity.asp</link>
				      <pubDate>Tue, 03 Jun 2003 09:39:21 GMT</pubDate></item>
				    <item><title>Sky watchers</title><link>http://liftoff.msfc.nasa.gov/news/2003/news-sky.asp</link>
				      <dc:date>2003-05-30T11:06:42.123456789+02:00</dc:date></item>
				  </channel>
				</rss>
				""";

		List<Mention> atomEntries = entries(this.mapper.map(RssSettings.Feed.of("http://example.org/feed.atom"),
				atom.getBytes(StandardCharsets.UTF_8), Optional.empty(), Set.of(), 200))
			.mentions();
		List<Mention> rssItems = entries(this.mapper.map(RssSettings.Feed.of("http://liftoff.msfc.nasa.gov/rss"),
				rss.getBytes(StandardCharsets.UTF_8), Optional.empty(), Set.of(), 200))
			.mentions();

		assertThat(atomEntries).extracting(Mention::publishedAt)
			.containsExactly(Instant.parse("2003-12-13T18:30:02.398850Z"),
					Instant.parse("2003-12-13T18:30:02.398850Z"));
		assertThat(rssItems).extracting(Mention::publishedAt)
			.containsExactly(Instant.parse("2003-06-03T09:39:21Z"), Instant.parse("2003-05-30T09:06:42.123456789Z"));
	}

	@Test
	void readsEscapedHtmlInRss1DescriptionsAsHtml() {
		// The item of the RSS 1.0 specification's example
		// (web.resource.org/rss/1.0/spec),
		// its description escaped HTML as Slashdot's and many RDF feeds' are.
		String rdf = """
				<?xml version="1.0"?>
				<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
				  <channel rdf:about="http://www.xml.com/xml/news.rss">
				    <title>XML.com</title><link>http://xml.com/pub</link>
				    <description>XML.com features a rich mix of information and services</description>
				    <items><rdf:Seq><rdf:li resource="http://xml.com/pub/2000/08/09/xslt/xslt.html" /></rdf:Seq></items>
				  </channel>
				  <item rdf:about="http://xml.com/pub/2000/08/09/xslt/xslt.html">
				    <title>Processing Inclusions with XSLT</title>
				    <link>http://xml.com/pub/2000/08/09/xslt/xslt.html</link>
				    <description>&lt;img src="http://xml.com/i/xslt.gif" alt="a &gt; b"/&gt;&lt;p&gt;Processing document
				    inclusions with general XML tools can be problematic.&lt;/p&gt;&lt;p&gt;Caf&amp;eacute; &amp;mdash;
				    this article proposes a way.&lt;/p&gt;&lt;script&gt;track()&lt;/script&gt;</description>
				  </item>
				</rdf:RDF>
				""";

		Mention mention = entries(this.mapper.map(RssSettings.Feed.of("http://www.xml.com/xml/news.rss"),
				rdf.getBytes(StandardCharsets.UTF_8), Optional.empty(), Set.of(), 200))
			.mentions()
			.get(0);

		assertThat(mention.text()).isEqualTo("Processing Inclusions with XSLT\n\n"
				+ "Processing document inclusions with general XML tools can be problematic.\n\n"
				+ "Café — this article proposes a way.");
	}

	@Test
	void decodesTheDocumentInTheCharsetItDeclares() {
		String latin = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>T</title>"
				+ "<link>https://latin.example/</link><description>d</description><item><title>Caf\u00e9 cr\u00e8me</title>"
				+ "<link>https://latin.example/1</link></item></channel></rss>";

		RssFeedMapper.Mapped.Entries entries = entries(this.mapper.map(RssSettings.Feed.of("https://latin.example/f"),
				latin.getBytes(StandardCharsets.ISO_8859_1), Optional.of("text/xml"), Set.of(), 200));

		assertThat(entries.mentions().get(0).text()).isEqualTo("Caf\u00e9 cr\u00e8me");
	}

	@Test
	void callsAnHtmlPageMalformedWithTheStartOfTheBody() {
		RssFeedMapper.Mapped mapped = map(GAZETTE, "error-page.html");

		assertThat(mapped).isInstanceOfSatisfying(RssFeedMapper.Malformed.class,
				(malformed) -> assertThat(malformed.reason())
					.startsWith("the feed https://gazette.example.org/transport/feed/ is")
					.contains("<!DOCTYPE html>"));
	}

	@Test
	void callsXmlThatIsNeitherRssNorAtomMalformed() {
		RssFeedMapper.Mapped mapped = this.mapper.map(GAZETTE,
				"<?xml version=\"1.0\"?><sitemap><url>x</url></sitemap>".getBytes(StandardCharsets.UTF_8),
				Optional.of("application/xml"), Set.of(), 200);

		assertThat(mapped).isInstanceOfSatisfying(RssFeedMapper.Malformed.class,
				(malformed) -> assertThat(malformed.reason()).contains("is XML but neither RSS nor Atom"));
	}

	@Test
	void callsTruncatedXmlAndEmptyBodiesMalformed() {
		String whole = new String(bytes("rss2.xml"), StandardCharsets.UTF_8);
		byte[] truncated = whole.substring(0, whole.length() / 2).getBytes(StandardCharsets.UTF_8);

		assertThat(this.mapper.map(GAZETTE, truncated, Optional.empty(), Set.of(), 200)).isInstanceOfSatisfying(
				RssFeedMapper.Malformed.class,
				(malformed) -> assertThat(malformed.reason()).contains("is not well-formed XML"));
		assertThat(this.mapper.map(GAZETTE, new byte[0], Optional.empty(), Set.of(), 200))
			.isInstanceOf(RssFeedMapper.Malformed.class);
		assertThat(this.mapper.map(GAZETTE, null, Optional.empty(), Set.of(), 200))
			.isInstanceOf(RssFeedMapper.Malformed.class);
	}

	@Test
	void refusesDoctypesSoThatEntitiesCannotReadLocalFiles() {
		String xxe = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>"
				+ "<rss version=\"2.0\"><channel><title>&secret;</title><link>https://x.example/</link>"
				+ "<description>d</description><item><title>&secret;</title><link>https://x.example/1</link></item>"
				+ "</channel></rss>";

		RssFeedMapper.Mapped mapped = this.mapper.map(GAZETTE, xxe.getBytes(StandardCharsets.UTF_8), Optional.empty(),
				Set.of(), 200);

		assertThat(mapped).isInstanceOf(RssFeedMapper.Malformed.class);
	}

	@Test
	void neverThrowsOnTruncatedGarbledOrShuffledDocuments() {
		List<byte[]> goods = List.of(bytes("rss2.xml"), bytes("atom.xml"), bytes("rdf.xml"),
				bytes("rss2-bad-entries.xml"));
		Random random = new Random(20261121);
		Set<Class<?>> outcomes = new HashSet<>();
		for (int run = 0; run < 1500; run++) {
			byte[] good = goods.get(run % goods.size());
			byte[] body = switch (run % 4) {
				case 0 -> java.util.Arrays.copyOf(good, random.nextInt(good.length + 1));
				case 1 -> garble(good, random);
				case 2 -> splice(good, random);
				default -> deleteTags(new String(good, StandardCharsets.UTF_8), random);
			};
			assertThatCode(() -> {
				RssFeedMapper.Mapped mapped = this.mapper.map(GAZETTE, body,
						Optional.of(random.nextBoolean() ? "text/html; charset=utf-8" : "application/rss+xml"),
						Set.of(), 1 + random.nextInt(20));
				assertThat(mapped).isNotNull();
				outcomes.add(mapped.getClass());
			}).as("run %d", run).doesNotThrowAnyException();
		}
		assertThat(outcomes).contains(RssFeedMapper.Mapped.Entries.class, RssFeedMapper.Malformed.class);
	}

	private static byte[] garble(byte[] good, Random random) {
		byte[] copy = good.clone();
		for (int i = 0; i < 1 + random.nextInt(8); i++) {
			copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
		}
		return copy;
	}

	private static byte[] splice(byte[] good, Random random) {
		int from = random.nextInt(good.length);
		int to = from + random.nextInt(good.length - from);
		byte[] out = new byte[good.length - (to - from)];
		System.arraycopy(good, 0, out, 0, from);
		System.arraycopy(good, to, out, from, good.length - to);
		return out;
	}

	private static byte[] deleteTags(String good, Random random) {
		String[] tags = { "<title>", "</link>", "<pubDate>", "<guid>", "<item>", "</channel>", "<entry>", "<id>",
				"<dc:date>", "<link>" };
		String tag = tags[random.nextInt(tags.length)];
		return good.replaceFirst(java.util.regex.Pattern.quote(tag), "").getBytes(StandardCharsets.UTF_8);
	}

	private RssFeedMapper.Mapped map(RssSettings.Feed feed, String fixture) {
		return this.mapper.map(feed, bytes(fixture), Optional.of("application/rss+xml; charset=utf-8"), Set.of(), 200);
	}

	private static RssFeedMapper.Mapped.Entries entries(RssFeedMapper.Mapped mapped) {
		assertThat(mapped).isInstanceOf(RssFeedMapper.Mapped.Entries.class);
		return (RssFeedMapper.Mapped.Entries) mapped;
	}

	static byte[] bytes(String name) {
		try (InputStream in = RssFeedMapperTests.class.getResourceAsStream("/rss/" + name)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
