package io.grapevine.listening.mention;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing said about the organization somewhere online, as every Grapevine service sees
 * it.
 *
 * @param schemaVersion version of the JSON contract this mention was written with
 * @param id {@code source:nativeId}, unique across sources
 * @param source the kind of source (x, reddit, demo, ...)
 * @param nativeId the id the source gives the post
 * @param url permalink to the post
 * @param text plain text of the post
 * @param author who wrote it
 * @param publishedAt when it was published, UTC
 * @param ingestedAt when Grapevine fetched it
 * @param language ISO 639-1 code, when known
 * @param engagement likes, shares and replies when fetched
 * @param inReplyTo native id of the post it answers, when it is a reply
 * @param matchedBy the query or feed that found it
 * @param topics ids of the listening topics it matches
 * @param departments ids of the departments that own those topics
 * @param sentiment how it feels, score and label, once enrichment has judged it
 * @param clusterId the cluster of near-duplicates (retweets, cross-posts, syndicated
 * copies) it belongs to, once enrichment has placed it
 * @param reach follower count and engagement folded into one figure comparable across
 * sources, once enrichment has computed it
 * @param competitors ids of the organization's competitors it names (absent in JSON
 * written before competitors existed, read as none)
 * @param owned whether one of the organization's own accounts wrote it: what the
 * organization said rather than what was said about it (false in JSON written before
 * schema version 2)
 * @param ownedBy the department whose account wrote it, when the account is declared
 * under a department
 * @param byCompetitor the id of the competitor whose own account wrote it
 * @param repostOf the post it reposts, quotes or cross-posts, when it passes one on
 * (absent in JSON written before schema version 3)
 */
public record Mention(int schemaVersion, String id, String source, String nativeId, URI url, String text, Author author,
		Instant publishedAt, Instant ingestedAt, Optional<String> language, Engagement engagement,
		Optional<String> inReplyTo, Optional<String> matchedBy, List<String> topics, List<String> departments,
		Optional<SentimentScore> sentiment, Optional<String> clusterId, Optional<Double> reach,
		List<String> competitors, boolean owned, Optional<String> ownedBy, Optional<String> byCompetitor,
		Optional<Repost> repostOf) {

	/**
	 * The most characters of a mention's text that are kept: a longer text (a feed's
	 * whole article, a hostile payload) is cut at the last space before this, and ends
	 * with an ellipsis, so everything that reads a text works within a known bound.
	 */
	public static final int MAX_TEXT_CHARS = 100_000;

	/**
	 * The version of the JSON contract written by this code: 2 added {@code owned},
	 * {@code ownedBy} and {@code byCompetitor}; 3 added {@code repostOf}.
	 */
	public static final int SCHEMA_VERSION = 3;

	public Mention {
		requireText(source, "source");
		requireText(nativeId, "nativeId");
		if (id == null) {
			id = source + ":" + nativeId;
		}
		if (!id.equals(source + ":" + nativeId)) {
			throw new InvalidMentionException(
					"id '" + id + "' must be source:nativeId, '" + source + ":" + nativeId + "'");
		}
		if (schemaVersion < 1) {
			throw new InvalidMentionException("schemaVersion must be 1 or more, was " + schemaVersion);
		}
		Objects.requireNonNull(url, () -> missing("url"));
		if (!url.isAbsolute()) {
			throw new InvalidMentionException("url '" + url + "' of mention " + id + " must be absolute");
		}
		if (!isWebLink(url)) {
			throw new InvalidMentionException(
					"url '" + url + "' of mention " + id + " must be an http or https link to a host");
		}
		Objects.requireNonNull(text, () -> missing("text"));
		text = capped(text);
		Objects.requireNonNull(author, () -> missing("author"));
		Objects.requireNonNull(publishedAt, () -> missing("publishedAt"));
		ingestedAt = (ingestedAt != null) ? ingestedAt : Instant.now();
		language = (language != null) ? language.filter((code) -> !code.isBlank()) : Optional.empty();
		engagement = (engagement != null) ? engagement : Engagement.NONE;
		inReplyTo = (inReplyTo != null) ? inReplyTo : Optional.empty();
		matchedBy = (matchedBy != null) ? matchedBy : Optional.empty();
		topics = (topics != null) ? List.copyOf(topics) : List.of();
		departments = (departments != null) ? List.copyOf(departments) : List.of();
		sentiment = (sentiment != null) ? sentiment : Optional.empty();
		clusterId = (clusterId != null) ? clusterId.filter((cluster) -> !cluster.isBlank()) : Optional.empty();
		reach = (reach != null) ? reach : Optional.empty();
		competitors = (competitors != null) ? List.copyOf(competitors) : List.of();
		ownedBy = (ownedBy != null) ? ownedBy.filter((department) -> !department.isBlank()) : Optional.empty();
		byCompetitor = (byCompetitor != null) ? byCompetitor.filter((competitor) -> !competitor.isBlank())
				: Optional.empty();
		if (ownedBy.isPresent() && !owned) {
			throw new InvalidMentionException("mention " + id + " names the department whose account wrote it ('"
					+ ownedBy.get() + "') but is not owned");
		}
		if (owned && byCompetitor.isPresent()) {
			throw new InvalidMentionException(
					"mention " + id + " cannot be both owned and by competitor '" + byCompetitor.get() + "'");
		}
		if (reach.isPresent() && !(reach.get() >= 0)) {
			throw new InvalidMentionException("reach of mention " + id + " must be zero or more, was " + reach.get());
		}
		repostOf = (repostOf != null) ? repostOf : Optional.empty();
		if (repostOf.isPresent() && repostOf.get().originalId().equals(id)) {
			throw new InvalidMentionException("mention " + id + " cannot be a repost of itself");
		}
	}

	/**
	 * A mention that passes no other post on.
	 * @param schemaVersion version of the JSON contract
	 * @param id {@code source:nativeId}, or {@code null} to derive it
	 * @param source the kind of source
	 * @param nativeId the id the source gives the post
	 * @param url permalink to the post
	 * @param text plain text of the post
	 * @param author who wrote it
	 * @param publishedAt when it was published, UTC
	 * @param ingestedAt when Grapevine read it
	 * @param language language code
	 * @param engagement engagement counts
	 * @param inReplyTo the thread or parent it answers
	 * @param matchedBy the query or feed that found it
	 * @param topics topic ids it matches
	 * @param departments department ids listening to those topics
	 * @param sentiment its sentiment, or empty when not judged
	 * @param clusterId its cluster of near-duplicates, or empty
	 * @param reach how far it reaches, or empty
	 * @param competitors ids of the competitors it names
	 * @param owned whether one of the organization's own accounts wrote it
	 * @param ownedBy the department whose account wrote it
	 * @param byCompetitor the competitor whose own account wrote it
	 */
	public Mention(int schemaVersion, String id, String source, String nativeId, URI url, String text, Author author,
			Instant publishedAt, Instant ingestedAt, Optional<String> language, Engagement engagement,
			Optional<String> inReplyTo, Optional<String> matchedBy, List<String> topics, List<String> departments,
			Optional<SentimentScore> sentiment, Optional<String> clusterId, Optional<Double> reach,
			List<String> competitors, boolean owned, Optional<String> ownedBy, Optional<String> byCompetitor) {
		this(schemaVersion, id, source, nativeId, url, text, author, publishedAt, ingestedAt, language, engagement,
				inReplyTo, matchedBy, topics, departments, sentiment, clusterId, reach, competitors, owned, ownedBy,
				byCompetitor, Optional.empty());
	}

	/**
	 * A mention that no declared account wrote.
	 * @param schemaVersion version of the JSON contract
	 * @param id {@code source:nativeId}, or {@code null} to derive it
	 * @param source the kind of source
	 * @param nativeId the id the source gives the post
	 * @param url permalink to the post
	 * @param text plain text of the post
	 * @param author who wrote it
	 * @param publishedAt when it was published, UTC
	 * @param ingestedAt when Grapevine read it
	 * @param language language code
	 * @param engagement engagement counts
	 * @param inReplyTo the thread or parent it answers
	 * @param matchedBy the query or feed that found it
	 * @param topics topic ids it matches
	 * @param departments department ids listening to those topics
	 * @param sentiment its sentiment, or empty when not judged
	 * @param clusterId its cluster of near-duplicates, or empty
	 * @param reach how far it reaches, or empty
	 * @param competitors ids of the competitors it names
	 */
	public Mention(int schemaVersion, String id, String source, String nativeId, URI url, String text, Author author,
			Instant publishedAt, Instant ingestedAt, Optional<String> language, Engagement engagement,
			Optional<String> inReplyTo, Optional<String> matchedBy, List<String> topics, List<String> departments,
			Optional<SentimentScore> sentiment, Optional<String> clusterId, Optional<Double> reach,
			List<String> competitors) {
		this(schemaVersion, id, source, nativeId, url, text, author, publishedAt, ingestedAt, language, engagement,
				inReplyTo, matchedBy, topics, departments, sentiment, clusterId, reach, competitors, false,
				Optional.empty(), Optional.empty());
	}

	/**
	 * A mention that names no competitor.
	 * @param schemaVersion version of the JSON contract
	 * @param id {@code source:nativeId}, or {@code null} to derive it
	 * @param source the kind of source
	 * @param nativeId the id the source gives the post
	 * @param url permalink to the post
	 * @param text plain text of the post
	 * @param author who wrote it
	 * @param publishedAt when it was published, UTC
	 * @param ingestedAt when Grapevine read it
	 * @param language language code
	 * @param engagement engagement counts
	 * @param inReplyTo the thread or parent it answers
	 * @param matchedBy the query or feed that found it
	 * @param topics topic ids it matches
	 * @param departments department ids listening to those topics
	 * @param sentiment its sentiment, or empty when not judged
	 * @param clusterId its cluster of near-duplicates, or empty
	 * @param reach how far it reaches, or empty
	 */
	public Mention(int schemaVersion, String id, String source, String nativeId, URI url, String text, Author author,
			Instant publishedAt, Instant ingestedAt, Optional<String> language, Engagement engagement,
			Optional<String> inReplyTo, Optional<String> matchedBy, List<String> topics, List<String> departments,
			Optional<SentimentScore> sentiment, Optional<String> clusterId, Optional<Double> reach) {
		this(schemaVersion, id, source, nativeId, url, text, author, publishedAt, ingestedAt, language, engagement,
				inReplyTo, matchedBy, topics, departments, sentiment, clusterId, reach, List.of());
	}

	/**
	 * A mention as written before enrichment: no sentiment, cluster or reach yet.
	 * @param schemaVersion version of the JSON contract
	 * @param id {@code source:nativeId}, or {@code null} to derive it
	 * @param source the kind of source
	 * @param nativeId the id the source gives the post
	 * @param url permalink to the post
	 * @param text plain text of the post
	 * @param author who wrote it
	 * @param publishedAt when it was published, UTC
	 * @param ingestedAt when Grapevine read it
	 * @param language language code
	 * @param engagement engagement counts
	 * @param inReplyTo the thread or parent it answers
	 * @param matchedBy the query or feed that found it
	 * @param topics topic ids it matches
	 * @param departments department ids listening to those topics
	 */
	public Mention(int schemaVersion, String id, String source, String nativeId, URI url, String text, Author author,
			Instant publishedAt, Instant ingestedAt, Optional<String> language, Engagement engagement,
			Optional<String> inReplyTo, Optional<String> matchedBy, List<String> topics, List<String> departments) {
		this(schemaVersion, id, source, nativeId, url, text, author, publishedAt, ingestedAt, language, engagement,
				inReplyTo, matchedBy, topics, departments, Optional.empty(), Optional.empty(), Optional.empty());
	}

	/**
	 * This mention with what enrichment found out about it.
	 * @param language the detected (or trusted) language code, or empty
	 * @param sentiment its sentiment, or empty when not judged
	 * @param clusterId the id of the cluster of near-duplicates it belongs to, or empty
	 * @param reach how far it reaches, comparable across sources, or empty
	 * @return the enriched mention
	 */
	public Mention withEnrichment(Optional<String> language, Optional<SentimentScore> sentiment,
			Optional<String> clusterId, Optional<Double> reach) {
		return new Mention(this.schemaVersion, this.id, this.source, this.nativeId, this.url, this.text, this.author,
				this.publishedAt, this.ingestedAt, language, this.engagement, this.inReplyTo, this.matchedBy,
				this.topics, this.departments, sentiment, clusterId, reach, this.competitors, this.owned, this.ownedBy,
				this.byCompetitor, this.repostOf);
	}

	/**
	 * This mention with whose account wrote it.
	 * @param owned whether one of the organization's own accounts wrote it
	 * @param ownedBy the department whose account it is, if any
	 * @param byCompetitor the competitor whose account it is, if any
	 * @return the marked copy
	 */
	public Mention withOwner(boolean owned, Optional<String> ownedBy, Optional<String> byCompetitor) {
		return new Mention(this.schemaVersion, this.id, this.source, this.nativeId, this.url, this.text, this.author,
				this.publishedAt, this.ingestedAt, this.language, this.engagement, this.inReplyTo, this.matchedBy,
				this.topics, this.departments, this.sentiment, this.clusterId, this.reach, this.competitors, owned,
				ownedBy, byCompetitor, this.repostOf);
	}

	/**
	 * The id of the mention this one answers, when it is a reply: sources give the
	 * parent's native id on the same network, so it is {@code source:inReplyTo}.
	 * @return the parent's mention id
	 */
	public Optional<String> parentId() {
		return this.inReplyTo.map((parent) -> this.source + ":" + parent);
	}

	/**
	 * This mention with another tie to the post it passes on.
	 * @param repostOf the tie, or empty
	 * @return the changed copy
	 */
	public Mention withRepostOf(Optional<Repost> repostOf) {
		return new Mention(this.schemaVersion, this.id, this.source, this.nativeId, this.url, this.text, this.author,
				this.publishedAt, this.ingestedAt, this.language, this.engagement, this.inReplyTo, this.matchedBy,
				this.topics, this.departments, this.sentiment, this.clusterId, this.reach, this.competitors, this.owned,
				this.ownedBy, this.byCompetitor, repostOf);
	}

	/**
	 * This mention with other counts, as when a repost read later adds to its shares.
	 * @param engagement the counts
	 * @return the changed copy
	 */
	public Mention withEngagement(Engagement engagement) {
		return new Mention(this.schemaVersion, this.id, this.source, this.nativeId, this.url, this.text, this.author,
				this.publishedAt, this.ingestedAt, this.language, engagement, this.inReplyTo, this.matchedBy,
				this.topics, this.departments, this.sentiment, this.clusterId, this.reach, this.competitors, this.owned,
				this.ownedBy, this.byCompetitor, this.repostOf);
	}

	/**
	 * Start a mention of the current schema version.
	 * @param source the kind of source
	 * @param nativeId the id the source gives the post
	 * @return a builder
	 */
	public static Builder builder(String source, String nativeId) {
		return new Builder(source, nativeId);
	}

	/**
	 * This mention tagged with the topics it matches and the departments that listen for
	 * them.
	 * @param topics topic ids
	 * @param departments department ids
	 * @return a tagged copy
	 */
	public Mention withTags(List<String> topics, List<String> departments) {
		return withTags(topics, departments, this.competitors);
	}

	/**
	 * This mention tagged with the topics it matches, the departments that listen for
	 * them and the competitors it names.
	 * @param topics topic ids
	 * @param departments department ids
	 * @param competitors competitor ids
	 * @return a tagged copy
	 */
	public Mention withTags(List<String> topics, List<String> departments, List<String> competitors) {
		return new Mention(this.schemaVersion, this.id, this.source, this.nativeId, this.url, this.text, this.author,
				this.publishedAt, this.ingestedAt, this.language, this.engagement, this.inReplyTo, this.matchedBy,
				topics, departments, this.sentiment, this.clusterId, this.reach, competitors, this.owned, this.ownedBy,
				this.byCompetitor, this.repostOf);
	}

	private static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new InvalidMentionException(missing(name));
		}
	}

	private static String missing(String name) {
		return "a mention needs '" + name + "'";
	}

	/**
	 * Builds a {@link Mention} field by field, for source mappers.
	 */
	public static final class Builder {

		private final String source;

		private final String nativeId;

		private URI url;

		private String text;

		private Author author;

		private Instant publishedAt;

		private Instant ingestedAt;

		private String language;

		private Engagement engagement = Engagement.NONE;

		private String inReplyTo;

		private String matchedBy;

		private Repost repostOf;

		private Builder(String source, String nativeId) {
			this.source = source;
			this.nativeId = nativeId;
		}

		public Builder url(URI url) {
			this.url = url;
			return this;
		}

		public Builder text(String text) {
			this.text = text;
			return this;
		}

		public Builder author(Author author) {
			this.author = author;
			return this;
		}

		public Builder publishedAt(Instant publishedAt) {
			this.publishedAt = publishedAt;
			return this;
		}

		public Builder ingestedAt(Instant ingestedAt) {
			this.ingestedAt = ingestedAt;
			return this;
		}

		public Builder language(String language) {
			this.language = language;
			return this;
		}

		public Builder engagement(Engagement engagement) {
			this.engagement = engagement;
			return this;
		}

		public Builder inReplyTo(String inReplyTo) {
			this.inReplyTo = inReplyTo;
			return this;
		}

		public Builder matchedBy(String matchedBy) {
			this.matchedBy = matchedBy;
			return this;
		}

		/**
		 * The post this one passes on.
		 * @param originalId the original's mention id ({@code source:nativeId}), or
		 * {@code null} when it passes none on
		 * @param kind how it passes it on
		 * @return this builder
		 */
		public Builder repostOf(String originalId, Repost.Kind kind) {
			this.repostOf = (originalId != null) ? new Repost(originalId, kind) : null;
			return this;
		}

		public Mention build() {
			return new Mention(SCHEMA_VERSION, null, this.source, this.nativeId, this.url, this.text, this.author,
					this.publishedAt, this.ingestedAt, Optional.ofNullable(this.language), this.engagement,
					Optional.ofNullable(this.inReplyTo), Optional.ofNullable(this.matchedBy), List.of(), List.of(),
					Optional.empty(), Optional.empty(), Optional.empty(), List.of(), false, Optional.empty(),
					Optional.empty(), Optional.ofNullable(this.repostOf));
		}

	}

	/**
	 * Whether a link is one a page may show: http or https, to a host. Anything else
	 * ({@code javascript:}, {@code data:}, {@code file:}) is refused wherever a mention
	 * is read, so no page or email ever renders it as a link.
	 * @param link the link
	 * @return whether it is a web link
	 */
	public static boolean isWebLink(URI link) {
		String scheme = link.getScheme();
		return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
				&& link.getHost() != null;
	}

	private static String capped(String text) {
		if (text.length() <= MAX_TEXT_CHARS) {
			return text;
		}
		int end = MAX_TEXT_CHARS - 1;
		int space = text.lastIndexOf(' ', end);
		if (space > MAX_TEXT_CHARS - 1_000) {
			end = space;
		}
		else if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end) + "…";
	}

}
