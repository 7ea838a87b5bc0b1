package io.grapevine.ingest.source.rss;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.XmlReader;
import com.rometools.rome.io.impl.XmlFixerReader;
import io.grapevine.listening.Sha256;
import io.grapevine.ingest.source.HtmlText;
import io.grapevine.ingest.source.SourcePayloads;
import io.grapevine.ingest.source.SourceTimes;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.InvalidMentionException;
import io.grapevine.listening.mention.Mention;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * Parses one feed document (RSS 0.9x and 2.0, RSS 1.0/RDF, Atom 0.3 and 1.0) with Rome
 * and maps the entries it has not seen before to mentions; never throws: an entry it
 * cannot map becomes a dead letter, a document it cannot read becomes a {@link Malformed}
 * answer. Parsing blocks, so callers run it on a scheduler meant for that.
 *
 * <p>
 * An entry is known by two keys, a hash of its id (RSS {@code guid}, Atom {@code id}) and
 * a hash of its link; it is new when neither is among the keys remembered for the feed.
 */
final class RssFeedMapper {

	static final String SOURCE = "rss";

	private static final String DUBLIN_CORE = "http://purl.org/dc/elements/1.1/";

	private static final Set<String> DATE_ELEMENTS = Set.of("pubDate", "date", "published", "updated", "issued",
			"modified", "created");

	private static final List<String> PUBLISHED_ELEMENTS = List.of("published", "pubDate", "date", "issued", "created");

	private static final List<String> UPDATED_ELEMENTS = List.of("updated", "modified");

	private static final Pattern LANGUAGE = Pattern.compile("([A-Za-z]{2})(?:[-_].*)?");

	private static final Pattern EMAIL_WITH_NAME = Pattern.compile("\\s*([^\\s()]+@[^\\s()]+)\\s*\\((.+)\\)\\s*");

	private static final Pattern GOOGLE_TARGET = Pattern
		.compile("(?:^|&)(?:url|q)=(https?(?::|%3A|%3a).*?)(?=&(?:ct|cd|usg|sa|ved|rct|source)=|$)");

	private static final Pattern CHARSET_PARAMETER = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?[A-Za-z0-9]");

	private static final Pattern XML_DECLARED_ENCODING = Pattern
		.compile("^\\s*<\\?xml[^>]*\\sencoding\\s*=\\s*[\"'][A-Za-z0-9._-]+[\"']");

	private static final XMLOutputter XML = new XMLOutputter(Format.getCompactFormat());

	private final String instanceId;

	private final Clock clock;

	RssFeedMapper(String instanceId, Clock clock) {
		this.instanceId = instanceId;
		this.clock = clock;
	}

	/**
	 * Map one feed document.
	 * @param feed the feed it was read from
	 * @param body the raw body
	 * @param contentType the {@code Content-Type} it was served with, if any
	 * @param seen the keys remembered for this feed
	 * @param remembered how many entries to remember, and to read at most
	 * @return the new entries and what to remember, or why the document could not be read
	 */
	Mapped map(RssSettings.Feed feed, byte[] body, Optional<String> contentType, Set<String> seen, int remembered) {
		try {
			return read(feed, (body != null) ? body : new byte[0], contentType, seen, remembered);
		}
		catch (RuntimeException | StackOverflowError ex) {
			// Not expected; the promise is never to throw, so the document is set aside.
			return new Malformed("Grapevine could not read the feed " + feed.url() + " ("
					+ ex.getClass().getSimpleName() + ": " + SourcePayloads.firstLine(ex.getMessage()) + ")");
		}
	}

	private Mapped read(RssSettings.Feed feed, byte[] body, Optional<String> contentType, Set<String> seen,
			int remembered) {
		if (body.length == 0) {
			return new Malformed("the feed " + feed.url() + " answered an empty body");
		}
		Document document;
		SyndFeed syndFeed;
		try (Reader reader = reader(body, contentType)) {
			document = new SecureInput().parse(new XmlFixerReader(reader));
			syndFeed = new SyndFeedInput().build(document.clone());
		}
		catch (IOException | JDOMException ex) {
			return new Malformed("the feed " + feed.url() + " is not well-formed XML ("
					+ SourcePayloads.firstLine(ex.getMessage()) + "): " + SourcePayloads.abbreviate(text(body)));
		}
		catch (FeedException | IllegalArgumentException ex) {
			return new Malformed("the feed " + feed.url() + " is XML but neither RSS nor Atom ("
					+ SourcePayloads.firstLine(ex.getMessage()) + "): " + SourcePayloads.abbreviate(text(body)));
		}
		List<Element> elements = entryElements(document);
		List<SyndEntry> syndEntries = syndFeed.getEntries();
		Instant now = this.clock.instant();
		Context context = context(feed, syndFeed, document);
		List<Candidate> candidates = new ArrayList<>();
		for (int i = 0; i < syndEntries.size(); i++) {
			Element element = (elements.size() == syndEntries.size()) ? elements.get(i) : null;
			candidates.add(new Candidate(syndEntries.get(i), Optional.ofNullable(element), i));
		}
		// Newest first, so that a feed longer than what is remembered is read from its
		// newest entries; entries without a date keep their place behind dated ones.
		candidates.sort(Comparator.comparing((Candidate candidate) -> date(candidate).orElse(Instant.MIN))
			.reversed()
			.thenComparingInt(Candidate::index));
		List<Mention> mentions = new ArrayList<>();
		List<DeadLetter> deadLetters = new ArrayList<>();
		Set<String> keys = new LinkedHashSet<>();
		Set<String> keysOfThisDocument = new HashSet<>();
		int read = 0;
		for (Candidate candidate : candidates) {
			if (read++ >= remembered) {
				break;
			}
			List<String> entryKeys = keys(candidate.entry(), feed.url());
			boolean known = entryKeys.stream()
				.anyMatch((key) -> seen.contains(key) || keysOfThisDocument.contains(key));
			keysOfThisDocument.addAll(entryKeys);
			keys.addAll(entryKeys);
			if (known) {
				continue;
			}
			try {
				mentions.add(mention(candidate, context, now));
			}
			catch (UnmappableEntryException | InvalidMentionException ex) {
				deadLetters.add(new DeadLetter(this.instanceId, ex.getMessage(), raw(candidate), now));
			}
			catch (RuntimeException ex) {
				deadLetters.add(new DeadLetter(this.instanceId, "entry of " + feed.url() + " could not be mapped: "
						+ ex.getClass().getSimpleName() + ": " + ex.getMessage(), raw(candidate), now));
			}
		}
		// Keys of older entries stay remembered behind the current ones, up to the bound.
		int bound = 2 * remembered;
		for (String key : seen) {
			if (keys.size() >= bound) {
				break;
			}
			keys.add(key);
		}
		return new Mapped.Entries(mentions, deadLetters, List.copyOf(keys), syndEntries.size());
	}

	private Mention mention(Candidate candidate, Context context, Instant now) {
		SyndEntry entry = candidate.entry();
		String title = title(entry);
		String what = title.isBlank() ? "entry" : "entry '" + title + "'";
		URI url = permalink(entry, context.feed().url()).orElseThrow(() -> new UnmappableEntryException(
				what + " of " + context.feed().url() + " has no http(s) link to use as its permalink"));
		String id = nonBlank(entry.getUri()).orElse(url.toString());
		Instant publishedAt = date(candidate).orElseGet(() -> {
			candidate.element().flatMap(RssFeedMapper::unreadableDate).ifPresent((value) -> {
				throw new UnmappableEntryException(
						what + " of " + context.feed().url() + " has a date that is not a date: '" + value + "'");
			});
			return now;
		});
		String body = body(entry);
		String text;
		if (title.isBlank()) {
			text = body;
		}
		else if (body.isBlank() || body.startsWith(title)) {
			text = body.isBlank() ? title : body;
		}
		else {
			text = title + "\n\n" + body;
		}
		if (text.isBlank()) {
			throw new UnmappableEntryException(what + " of " + context.feed().url() + " has neither title nor text");
		}
		return Mention.builder(SOURCE, nativeId(context.feed().url(), id))
			.url(url)
			.text(text)
			.author(author(entry, context))
			.publishedAt(publishedAt)
			.ingestedAt(now)
			.language(candidate.element().flatMap(RssFeedMapper::itemLanguage).or(context::language).orElse(null))
			.matchedBy(context.feed().url().toString())
			.build();
	}

	private static Author author(SyndEntry entry, Context context) {
		Optional<String> name = nonBlank(entry.getAuthor());
		Optional<URI> profile = Optional.empty();
		for (SyndPerson person : (entry.getAuthors() != null) ? entry.getAuthors() : List.<SyndPerson>of()) {
			Optional<String> personName = nonBlank(person.getName()).or(() -> nonBlank(person.getEmail()));
			if (personName.isPresent() && (name.isEmpty() || name.equals(personName))) {
				name = personName;
				profile = nonBlank(person.getUri()).flatMap((uri) -> web(uri, context.feed().url()));
				break;
			}
		}
		if (name.isPresent()) {
			String author = name.get();
			Matcher withEmail = EMAIL_WITH_NAME.matcher(author);
			if (withEmail.matches()) {
				author = withEmail.group(2).strip();
			}
			author = HtmlText.plain(author).replaceAll("\\s+", " ");
			if (!author.isBlank()) {
				return new Author(author, Optional.of(author), Optional.empty(), profile);
			}
		}
		return new Author(context.site(), context.title(), Optional.empty(), context.home());
	}

	private static Context context(RssSettings.Feed feed, SyndFeed syndFeed, Document document) {
		Optional<String> title = nonBlank(syndFeed.getTitle()).map(HtmlText::plain).filter((value) -> !value.isBlank());
		Optional<URI> home = nonBlank(syndFeed.getLink()).flatMap((link) -> web(link, feed.url()));
		String site = home.map(URI::getHost).orElse(feed.url().getHost()).toLowerCase(Locale.ROOT);
		// Rome reads RSS's language element; an Atom feed says it with xml:lang.
		Optional<String> language = nonBlank(syndFeed.getLanguage())
			.or(() -> nonBlank(document.getRootElement().getAttributeValue("lang", Namespace.XML_NAMESPACE)))
			.map(String::strip)
			.map(LANGUAGE::matcher)
			.filter(Matcher::matches)
			.map((matcher) -> matcher.group(1).toLowerCase(Locale.ROOT));
		return new Context(feed, title.or(() -> Optional.of(feed.name())), site, home, language);
	}

	// An item may say its own language where a feed mixes several: an Atom entry (or its
	// content) with xml:lang, an RSS item with dc:language.
	private static Optional<String> itemLanguage(Element element) {
		Optional<String> tag = nonBlank(element.getAttributeValue("lang", Namespace.XML_NAMESPACE));
		for (Element child : element.getChildren()) {
			if (tag.isPresent()) {
				break;
			}
			if ("language".equals(child.getName()) && DUBLIN_CORE.equals(child.getNamespaceURI())) {
				tag = nonBlank(child.getTextTrim());
			}
			else if ("content".equals(child.getName()) || "summary".equals(child.getName())) {
				tag = nonBlank(child.getAttributeValue("lang", Namespace.XML_NAMESPACE));
			}
		}
		return tag.map(String::strip)
			.map(LANGUAGE::matcher)
			.filter(Matcher::matches)
			.map((matcher) -> matcher.group(1).toLowerCase(Locale.ROOT));
	}

	private static String title(SyndEntry entry) {
		SyndContent titleEx = entry.getTitleEx();
		String title = (titleEx != null && titleEx.getValue() != null) ? titleEx.getValue() : entry.getTitle();
		if (title == null) {
			return "";
		}
		String type = (titleEx != null && titleEx.getType() != null) ? titleEx.getType().toLowerCase(Locale.ROOT) : "";
		// RSS titles are often escaped HTML; Atom says when a title is plain text.
		return type.equals("text") ? title.strip() : HtmlText.plain(title);
	}

	private static String body(SyndEntry entry) {
		String content = "";
		if (entry.getContents() != null) {
			for (SyndContent part : entry.getContents()) {
				String text = plain(part);
				if (text.length() > content.length()) {
					content = text;
				}
			}
		}
		String description = plain(entry.getDescription());
		return (content.length() >= description.length()) ? content : description;
	}

	private static String plain(SyndContent content) {
		if (content == null || content.getValue() == null) {
			return "";
		}
		String type = (content.getType() != null) ? content.getType().toLowerCase(Locale.ROOT) : "";
		// Only Atom says a text is plain ("text"); Rome types RSS 1.0 descriptions
		// text/plain, yet they carry escaped HTML as RSS descriptions do, and feed
		// readers
		// read them as HTML.
		String text = type.equals("text") ? content.getValue().strip() : HtmlText.plain(content.getValue());
		// Rome's healer turns &nbsp; into the character; plain text keeps a space, as
		// HtmlText does.
		return text.replace('\u00A0', ' ');
	}

	private static Optional<URI> permalink(SyndEntry entry, URI feedUrl) {
		return nonBlank(entry.getLink()).flatMap((link) -> web(link, feedUrl))
			.map(RssFeedMapper::redirected)
			.or(() -> nonBlank(entry.getUri()).flatMap((uri) -> web(uri, feedUrl)));
	}

	// Google Alerts links each item through https://www.google.com/url?...&url=<target>
	// &ct=ga&...: the item, and the site that published it, is the target.
	private static URI redirected(URI link) {
		String host = link.getHost().toLowerCase(Locale.ROOT);
		if (!(host.equals("www.google.com") || host.equals("google.com")) || !"/url".equals(link.getPath())
				|| link.getRawQuery() == null) {
			return link;
		}
		Matcher target = GOOGLE_TARGET.matcher(link.getRawQuery());
		if (!target.find()) {
			return link;
		}
		String value = target.group(1);
		if (value.regionMatches(true, 0, "http%3A", 0, 7) || value.regionMatches(true, 0, "https%3A", 0, 8)) {
			value = URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		return web(value, link).orElse(link);
	}

	// The entry's own date text is read first: Rome reads fractions of a second as a
	// count of milliseconds (".39885" as 39 885 ms) and drops what is finer.
	private static Optional<Instant> date(Candidate candidate) {
		Optional<Instant> written = candidate.element()
			.flatMap((element) -> dateText(element, PUBLISHED_ELEMENTS).or(() -> dateText(element, UPDATED_ELEMENTS)))
			.flatMap(SourceTimes::parse);
		return written.or(() -> date(candidate.entry()));
	}

	private static Optional<String> dateText(Element element, List<String> names) {
		for (String name : names) {
			for (Element child : element.getChildren()) {
				boolean dublinCore = DUBLIN_CORE.equals(child.getNamespaceURI());
				boolean named = name.equals(child.getName()) && (!"date".equals(name) || dublinCore);
				if (named && !child.getTextTrim().isEmpty()) {
					return Optional.of(child.getTextTrim());
				}
			}
		}
		return Optional.empty();
	}

	private static Optional<Instant> date(SyndEntry entry) {
		if (entry.getPublishedDate() != null) {
			return Optional.of(entry.getPublishedDate().toInstant());
		}
		return Optional.ofNullable(entry.getUpdatedDate()).map(java.util.Date::toInstant);
	}

	private static Optional<String> unreadableDate(Element element) {
		for (Element child : element.getChildren()) {
			boolean dateElement = DATE_ELEMENTS.contains(child.getName())
					&& (!"date".equals(child.getName()) || DUBLIN_CORE.equals(child.getNamespaceURI()));
			if (dateElement && !child.getTextTrim().isEmpty()) {
				return Optional.of(child.getTextTrim());
			}
		}
		return Optional.empty();
	}

	private static List<String> keys(SyndEntry entry, URI feedUrl) {
		List<String> keys = new ArrayList<>(2);
		nonBlank(entry.getUri()).ifPresent((id) -> keys.add(hash("id\n" + id.strip(), 12)));
		nonBlank(entry.getLink()).flatMap((link) -> web(link, feedUrl))
			.ifPresent((link) -> keys.add(hash("link\n" + link, 12)));
		return keys;
	}

	/**
	 * The native id of an entry: a hash of the feed and the entry's id, so that it stays
	 * the same every time the feed is read.
	 * @param feedUrl the feed
	 * @param entryId the entry's id, or its link when it has none
	 * @return 20 hexadecimal digits
	 */
	static String nativeId(URI feedUrl, String entryId) {
		return hash(feedUrl + "\n" + entryId.strip(), 20);
	}

	private static String hash(String value, int digits) {
		return Sha256.hex(value).substring(0, digits);
	}

	private static Optional<URI> web(String value, URI base) {
		try {
			URI uri = base.resolve(new URI(value.strip()));
			boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
			return (web && uri.getHost() != null) ? Optional.of(uri) : Optional.empty();
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static Optional<String> nonBlank(String value) {
		return (value != null && !value.isBlank()) ? Optional.of(value) : Optional.empty();
	}

	private static List<Element> entryElements(Document document) {
		List<Element> elements = new ArrayList<>();
		Element root = document.getRootElement();
		collect(root, elements);
		for (Element child : root.getChildren()) {
			if ("channel".equals(child.getName())) {
				collect(child, elements);
			}
		}
		return elements;
	}

	private static void collect(Element parent, List<Element> into) {
		for (Element child : parent.getChildren()) {
			if ("item".equals(child.getName()) || "entry".equals(child.getName())) {
				into.add(child);
			}
		}
	}

	private static String raw(Candidate candidate) {
		try {
			return candidate.element().map(XML::outputString).orElseGet(() -> describe(candidate.entry()));
		}
		catch (RuntimeException ex) {
			return describe(candidate.entry());
		}
	}

	private static String describe(SyndEntry entry) {
		return "(the entry's XML could not be matched; Rome read: title=" + entry.getTitle() + ", link="
				+ entry.getLink() + ", id=" + entry.getUri() + ")";
	}

	// Rome's XmlReader follows the byte order mark, the XML declaration and the HTTP
	// charset as RFC 7303 orders them. A feed that says nothing and is not UTF-8 is read
	// as Windows-1252, as feed readers and browsers read such a document, instead of
	// turning every accented letter into a replacement character.
	private static Reader reader(byte[] body, Optional<String> contentType) throws IOException {
		ByteArrayInputStream in = new ByteArrayInputStream(body);
		if (!declaresCharset(body, contentType) && !isUtf8(body)) {
			return new XmlReader(in,
					contentType.orElse("application/xml").replaceAll(";.*$", "") + "; charset=windows-1252", true);
		}
		return contentType.isPresent() ? new XmlReader(in, contentType.get(), true) : new XmlReader(in, true);
	}

	private static boolean declaresCharset(byte[] body, Optional<String> contentType) {
		if (contentType.isPresent() && CHARSET_PARAMETER.matcher(contentType.get()).find()) {
			return true;
		}
		boolean bom = (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB
				&& (body[2] & 0xFF) == 0xBF)
				|| (body.length >= 2 && (((body[0] & 0xFF) == 0xFE && (body[1] & 0xFF) == 0xFF)
						|| ((body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xFE)));
		if (bom) {
			return true;
		}
		String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1);
		return XML_DECLARED_ENCODING.matcher(head).find();
	}

	private static boolean isUtf8(byte[] body) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	/**
	 * The body as text, for dead letters and reasons.
	 * @param body the raw bytes
	 * @return them decoded as UTF-8, malformed sequences replaced
	 */
	static String text(byte[] body) {
		return (body != null) ? new String(body, StandardCharsets.UTF_8) : "";
	}

	private record Candidate(SyndEntry entry, Optional<Element> element, int index) {
	}

	private record Context(RssSettings.Feed feed, Optional<String> title, String site, Optional<URI> home,
			Optional<String> language) {
	}

	/**
	 * Rome's hardened parser (no DTDs, no external entities), reached to keep the
	 * document for the raw entries of dead letters.
	 */
	private static final class SecureInput extends WireFeedInput {

		Document parse(Reader reader) throws JDOMException, IOException {
			return createSAXBuilder().build(reader);
		}

	}

	/**
	 * What a feed document turned out to be.
	 */
	sealed interface Mapped permits Mapped.Entries, Malformed {

		/**
		 * A feed, read.
		 *
		 * @param mentions the entries not seen before, mapped
		 * @param deadLetters the new entries that could not be mapped
		 * @param remembered the keys to remember for the feed, newest first
		 * @param entryCount how many entries the document held
		 */
		record Entries(List<Mention> mentions, List<DeadLetter> deadLetters, List<String> remembered,
				int entryCount) implements Mapped {
		}

	}

	/**
	 * A document that is not a feed.
	 *
	 * @param reason why, with the start of the body
	 */
	record Malformed(String reason) implements Mapped {
	}

	private static final class UnmappableEntryException extends RuntimeException {

		UnmappableEntryException(String message) {
			super(message, null, false, false);
		}

	}

}
