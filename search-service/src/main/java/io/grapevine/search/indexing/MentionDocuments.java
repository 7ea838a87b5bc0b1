package io.grapevine.search.indexing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.InvalidMentionException;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.mention.MentionMerge;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.organization.Accounts;
import io.grapevine.listening.query.MatchContext;
import io.grapevine.search.index.MonthlyIndices;

/**
 * Turns the Mention JSON of a Kafka record into the document the indexer writes, parsing
 * it once: the fields of the contract are validated, the ones Elasticsearch maps with a
 * type are written in their canonical form, fields from newer writers are kept, and
 * {@code engagement.total} is added for ranking, {@code competitors} always written
 * (empty for mentions from writers before competitors), {@code site} for the query
 * language's {@code site:} (see {@link #sites(URI)}), {@code clusterKey} for folding
 * near-duplicates, {@code match} for the query compiler (the text and fields as the query
 * language reads them), {@code question} for finding what waits for an answer (see
 * {@link Questions}) and {@code replyTo}, the id of the mention a reply answers. Given
 * the organization's declared accounts, it marks whose account wrote the mention itself
 * ({@code owned}, {@code ownedBy}, {@code byCompetitor}) and notes under which
 * declarations it did ({@code ownedCheck}, their fingerprint), so that mentions of
 * writers before schema version 2 are marked too, and the index agrees with the
 * organization file the service runs with.
 */
public final class MentionDocuments {

	private static final ObjectMapper MAPPER = MentionJson.mapper();

	private static final List<String> OPTIONAL_FIELDS = List.of("language", "inReplyTo", "matchedBy", "sentiment",
			"clusterId", "reach", "ownedBy", "byCompetitor", "replyTo");

	private static final List<String> OPTIONAL_AUTHOR_FIELDS = List.of("displayName", "followers", "profileUrl");

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private MentionDocuments() {
	}

	/**
	 * Build the document for a record value, keeping whose account wrote it as the record
	 * says.
	 * @param json the record value
	 * @return the document
	 * @throws InvalidMentionException if the value is not valid Mention JSON
	 */
	public static MentionDocument from(String json) {
		return build(json, null);
	}

	/**
	 * Build the document for a record value, marking whose account wrote it by the
	 * declared accounts.
	 * @param json the record value
	 * @param accounts the organization's declared accounts
	 * @return the document
	 * @throws InvalidMentionException if the value is not valid Mention JSON
	 */
	public static MentionDocument from(String json, Accounts accounts) {
		return build(json, accounts);
	}

	/**
	 * The document for a mention stored already and met again in another copy (another
	 * instance of the network read it, e.g. Bluesky's search and its firehose): the two
	 * copies merged field by field, the richer value winning whatever the order they came
	 * in, written into the index the stored one is in.
	 * @param incoming the document of the copy that came now
	 * @param stored the source of the stored document
	 * @param storedIndex the index the stored document is in
	 * @param accounts the organization's declared accounts, or {@code null}
	 * @return the document to write, the incoming one when the stored source is no
	 * mention; a copy from the same search (a replay) is merged by
	 * {@link MentionMerge#replay(Mention, Mention)}, its newer reading of the text
	 * winning
	 */
	public static MentionDocument merged(MentionDocument incoming, ObjectNode stored, String storedIndex,
			Accounts accounts) {
		Mention existing;
		try {
			existing = toMention(stored.deepCopy());
		}
		catch (InvalidMentionException ex) {
			return incoming;
		}
		if (!existing.id().equals(incoming.id())) {
			return incoming;
		}
		// A replay keeps what another instance's copy gave the stored one: a record
		// delivered again after the two were merged must not undo the merge.
		Mention merged = existing.matchedBy().equals(incoming.mention().matchedBy())
				? MentionMerge.replay(existing, incoming.mention()) : MentionMerge.merge(existing, incoming.mention());
		MentionDocument document = build(MentionJson.write(merged), accounts);
		return new MentionDocument(document.id(), storedIndex, document.source(), document.mention());
	}

	/**
	 * The partial document that marks whose account wrote a stored mention, under the
	 * given declarations.
	 * @param mention the mention as marked
	 * @param fingerprint the fingerprint of the declarations it was marked under
	 * @return the partial document
	 */
	public static ObjectNode ownerFields(Mention mention, String fingerprint) {
		ObjectNode fields = MAPPER.createObjectNode();
		owner(fields, mention);
		fields.put("ownedCheck", fingerprint);
		return fields;
	}

	private static void owner(ObjectNode tree, Mention mention) {
		tree.put("owned", mention.owned());
		if (mention.ownedBy().isPresent()) {
			tree.put("ownedBy", mention.ownedBy().get());
		}
		else {
			tree.putNull("ownedBy");
		}
		if (mention.byCompetitor().isPresent()) {
			tree.put("byCompetitor", mention.byCompetitor().get());
		}
		else {
			tree.putNull("byCompetitor");
		}
	}

	private static MentionDocument build(String json, Accounts accounts) {
		if (json == null || json.isBlank()) {
			throw new InvalidMentionException("empty payload is not a Mention");
		}
		ObjectNode tree = readObject(json);
		Mention mention = toMention(tree);
		if (accounts != null) {
			mention = accounts.mark(mention);
			tree.put("ownedCheck", accounts.fingerprint());
		}
		owner(tree, mention);
		if (mention.ownedBy().isEmpty()) {
			tree.remove("ownedBy");
		}
		if (mention.byCompetitor().isEmpty()) {
			tree.remove("byCompetitor");
		}
		mention.parentId().ifPresent((parent) -> tree.put("replyTo", parent));
		tree.put("id", mention.id());
		tree.put("publishedAt", mention.publishedAt().toString());
		tree.put("ingestedAt", mention.ingestedAt().toString());
		Engagement engagement = mention.engagement();
		tree.putObject("engagement")
			.put("likes", engagement.likes())
			.put("shares", engagement.shares())
			.put("replies", engagement.replies())
			.put("total", engagement.total());
		ArrayNode competitors = tree.putArray("competitors");
		mention.competitors().forEach(competitors::add);
		ArrayNode site = tree.putArray("site");
		sites(mention.url()).forEach(site::add);
		tree.put("clusterKey", mention.clusterId().orElse(mention.id()));
		tree.set("match", matchFields(mention));
		tree.put("question", Questions.asks(mention.text(), mention.language()));
		try {
			return new MentionDocument(mention.id(), MonthlyIndices.indexFor(mention.publishedAt()),
					MAPPER.writeValueAsBytes(tree), mention);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Could not write the document of mention " + mention.id(), ex);
		}
	}

	/**
	 * The source of a document written over an existing one as a partial update: the
	 * document with an explicit {@code null} for each optional field of the Mention JSON
	 * it lacks, so a value an earlier version had does not survive the update, while
	 * fields outside the Mention JSON (such as {@code handling}) stay as they are.
	 * @param document the document
	 * @return the partial document
	 */
	public static ObjectNode replacing(MentionDocument document) {
		ObjectNode tree = readObject(new String(document.source(), StandardCharsets.UTF_8));
		for (String field : OPTIONAL_FIELDS) {
			if (!tree.has(field)) {
				tree.putNull(field);
			}
		}
		if (tree.get("author") instanceof ObjectNode author) {
			for (String field : OPTIONAL_AUTHOR_FIELDS) {
				if (!author.has(field)) {
					author.putNull(field);
				}
			}
		}
		return tree;
	}

	/**
	 * The values of the {@code site} keyword field for a url: its lower-cased host
	 * without port or trailing dot, then every parent domain down to the TLD, as the
	 * query language's {@code site:} matches them, so
	 * {@code https://News.Example.org:8443/a} gives {@code news.example.org},
	 * {@code example.org} and {@code org}. A single-label host ({@code localhost}) and an
	 * IP address ({@code 192.168.0.1}, {@code [::1]}) are the one value as is; a url
	 * without a host gives none.
	 * @param url the mention's url
	 * @return the host first, then its parent domains, longest first
	 */
	static List<String> sites(URI url) {
		String host = url.getHost();
		if (host == null || host.isEmpty()) {
			return List.of();
		}
		host = host.toLowerCase(Locale.ROOT);
		host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
		if (host.isEmpty()) {
			return List.of();
		}
		if (host.startsWith("[") || IPV4.matcher(host).matches()) {
			return List.of(host);
		}
		List<String> sites = new ArrayList<>();
		sites.add(host);
		for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
			String parent = host.substring(dot + 1);
			if (!parent.isEmpty()) {
				sites.add(parent);
			}
		}
		return List.copyOf(sites);
	}

	// The text and fields as the query language reads them, so that the search compiles a
	// query to exact terms instead of relying on analyzers the minimal node lacks.
	private static ObjectNode matchFields(Mention mention) {
		MatchContext context = MatchContext.of(mention);
		ObjectNode match = MAPPER.createObjectNode();
		match.put("words", String.join(" ", context.words()));
		context.hashtags().stream().sorted().forEach(match.putArray("hashtags")::add);
		context.handles().stream().sorted().forEach(match.putArray("handles")::add);
		match.put("author", context.authorHandle());
		context.topics().stream().sorted().forEach(match.putArray("topics")::add);
		return match;
	}

	private static ObjectNode readObject(String json) {
		JsonNode tree;
		try {
			tree = MAPPER.readTree(json);
		}
		catch (JsonProcessingException ex) {
			throw new InvalidMentionException(
					"not valid JSON: " + ex.getOriginalMessage().lines().findFirst().orElse(""), ex);
		}
		if (!(tree instanceof ObjectNode object)) {
			throw new InvalidMentionException("not a valid Mention: the JSON is not an object");
		}
		return object;
	}

	private static Mention toMention(ObjectNode tree) {
		try {
			return MAPPER.treeToValue(tree, Mention.class);
		}
		catch (JsonProcessingException | IllegalArgumentException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof InvalidMentionException invalid) {
				throw invalid;
			}
			String message = (ex instanceof JsonProcessingException processing) ? processing.getOriginalMessage()
					: ex.getMessage();
			throw new InvalidMentionException(
					"not a valid Mention: " + String.valueOf(message).lines().findFirst().orElse(""), ex);
		}
	}

}
