package io.grapevine.listening.query;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.Repost;

/**
 * A mention analysed once (text normalised and tokenised, fields lower-cased) so that
 * many queries can be matched against it cheaply.
 * <p>
 * {@link #of(Mention)} takes the sentiment the mention carries once enrichment has judged
 * it; without one, {@code sentiment:} matches nothing (and {@code -sentiment:negative}
 * everything). {@link #of(Mention, Optional)} lets a caller supply one.
 */
public final class MatchContext {

	private static final int[] NOWHERE = new int[0];

	private final String[] tokens;

	private final Map<String, int[]> positions;

	private final String[] distinctSorted;

	private final Set<String> hashtags;

	private final Set<String> handles;

	private final String authorHandle;

	private final String language;

	private final String source;

	private final String host;

	private final Set<String> topics;

	private final Optional<Sentiment> sentiment;

	private final String passedOnAs;

	private final String originalId;

	private MatchContext(Mention mention, Optional<Sentiment> sentiment) {
		TextAnalysis analysis = TextAnalysis.of(TextAnalysis.normalize(mention.text()));
		this.tokens = analysis.tokens().toArray(String[]::new);
		this.positions = positions(this.tokens);
		this.distinctSorted = this.positions.keySet().toArray(String[]::new);
		Arrays.sort(this.distinctSorted);
		this.hashtags = Set.copyOf(analysis.hashtags());
		this.authorHandle = handle(mention.author().handle());
		Set<String> allHandles = new HashSet<>(analysis.handles());
		allHandles.add(this.authorHandle);
		int at = this.authorHandle.indexOf('@');
		if (at > 0) {
			allHandles.add(this.authorHandle.substring(0, at));
		}
		this.handles = allHandles;
		this.language = mention.language().map((code) -> code.toLowerCase(Locale.ROOT).replace('_', '-')).orElse("");
		this.source = TextAnalysis.normalize(mention.source());
		String urlHost = mention.url().getHost();
		this.host = (urlHost != null) ? stripTrailingDot(urlHost.toLowerCase(Locale.ROOT)) : "";
		Set<String> topicIds = new HashSet<>();
		for (String topic : mention.topics()) {
			topicIds.add(TextAnalysis.normalize(topic));
		}
		this.topics = topicIds;
		this.sentiment = sentiment;
		this.passedOnAs = mention.repostOf().map((repost) -> repost.kind().label()).orElse("");
		this.originalId = mention.repostOf().map(Repost::originalId).orElse("");
	}

	/**
	 * Where each distinct token occurs, in one pass: each position array doubles as it
	 * fills, so a text of one word repeated costs linear time, not quadratic.
	 */
	private static Map<String, int[]> positions(String[] tokens) {
		Map<String, int[]> filling = new HashMap<>();
		Map<String, Integer> counts = new HashMap<>();
		for (int i = 0; i < tokens.length; i++) {
			int count = counts.merge(tokens[i], 1, Integer::sum);
			int[] known = filling.get(tokens[i]);
			if (known == null || known.length < count) {
				known = (known != null) ? Arrays.copyOf(known, known.length * 2) : new int[1];
				filling.put(tokens[i], known);
			}
			known[count - 1] = i;
		}
		Map<String, int[]> positions = new HashMap<>(filling.size() * 2);
		filling.forEach((token, known) -> {
			int count = counts.get(token);
			positions.put(token, (known.length == count) ? known : Arrays.copyOf(known, count));
		});
		return positions;
	}

	/**
	 * Analyse a mention whose sentiment is not known.
	 * @param mention the mention
	 * @return the analysed mention
	 */
	public static MatchContext of(Mention mention) {
		return of(mention, mention.sentiment().map(io.grapevine.listening.mention.SentimentScore::label));
	}

	/**
	 * Analyse a mention with its sentiment, when something has judged it.
	 * @param mention the mention
	 * @param sentiment its sentiment, or empty when unknown
	 * @return the analysed mention
	 */
	public static MatchContext of(Mention mention, Optional<Sentiment> sentiment) {
		Objects.requireNonNull(mention, "mention");
		Objects.requireNonNull(sentiment, "sentiment");
		return new MatchContext(mention, sentiment);
	}

	static String handle(String handle) {
		String normalized = TextAnalysis.normalize(handle.strip());
		return normalized.startsWith("@") ? normalized.substring(1) : normalized;
	}

	private static String stripTrailingDot(String host) {
		return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
	}

	/**
	 * The words of the text, normalised, in order, hashtag and handle words included:
	 * what terms, prefixes, phrases and proximities are matched against.
	 * @return the words
	 */
	public List<String> words() {
		return List.of(this.tokens);
	}

	/**
	 * The hashtags of the text, normalised, without {@code #}.
	 * @return the hashtags
	 */
	public Set<String> hashtags() {
		return this.hashtags;
	}

	/**
	 * The handles a {@code @handle} matches: those written in the text and the author's
	 * handle, with and without its instance, normalised and without {@code @}.
	 * @return the handles
	 */
	public Set<String> handles() {
		return Set.copyOf(this.handles);
	}

	/**
	 * The author's handle as {@code author:} compares it: normalised, without a leading
	 * {@code @}, with its instance if it has one.
	 * @return the author's handle
	 */
	public String authorHandle() {
		return this.authorHandle;
	}

	/**
	 * The topic ids as {@code topic:} compares them: normalised.
	 * @return the topic ids
	 */
	public Set<String> topics() {
		return Set.copyOf(this.topics);
	}

	boolean hasToken(String word) {
		return this.positions.containsKey(word);
	}

	int[] positionsOf(String word) {
		return this.positions.getOrDefault(word, NOWHERE);
	}

	String tokenAt(int position) {
		return (position < this.tokens.length) ? this.tokens[position] : null;
	}

	boolean hasTokenStartingWith(String stem) {
		int at = Arrays.binarySearch(this.distinctSorted, stem);
		if (at >= 0) {
			return true;
		}
		int insertion = -at - 1;
		return insertion < this.distinctSorted.length && this.distinctSorted[insertion].startsWith(stem);
	}

	boolean hasHashtag(String tag) {
		return this.hashtags.contains(tag);
	}

	boolean hasHandle(String handle) {
		return this.handles.contains(handle);
	}

	boolean isByAuthor(String handle) {
		return this.authorHandle.equals(handle) || (this.authorHandle.length() > handle.length()
				&& this.authorHandle.startsWith(handle) && this.authorHandle.charAt(handle.length()) == '@');
	}

	boolean isInLanguage(String code) {
		return this.language.equals(code)
				|| (this.language.startsWith(code) && this.language.charAt(code.length()) == '-');
	}

	boolean isFromSource(String kind) {
		return this.source.equals(kind);
	}

	boolean isOnSite(String domain) {
		int dot = this.host.length() - domain.length() - 1;
		return this.host.equals(domain) || (dot >= 0 && this.host.endsWith(domain) && this.host.charAt(dot) == '.');
	}

	boolean hasTopic(String topic) {
		return this.topics.contains(topic);
	}

	boolean hasSentiment(Sentiment wanted) {
		return this.sentiment.filter(wanted::equals).isPresent();
	}

	boolean isPassedOnAs(String kind) {
		return this.passedOnAs.equals(kind);
	}

	boolean passesOn(String mentionId) {
		return this.originalId.equals(mentionId);
	}

}
