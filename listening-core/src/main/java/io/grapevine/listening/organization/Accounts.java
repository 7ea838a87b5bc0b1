package io.grapevine.listening.organization;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.grapevine.listening.Sha256;
import io.grapevine.listening.mention.Mention;

/**
 * The accounts the organization file declares, per network: the organization's own (and
 * its departments'), and its competitors'. Tells whose account wrote a mention.
 * <p>
 * Each network's account is declared as a handle or a profile URL and compared in a
 * canonical form: X {@code hctransit} or {@code https://x.com/hctransit}; Reddit
 * {@code u/hctransit} or {@code https://www.reddit.com/user/hctransit}; Mastodon
 * {@code hctransit@harbor.social} or {@code https://harbor.social/@hctransit}; Bluesky a
 * handle, a DID or {@code https://bsky.app/profile/…} (declare the DID too, since the
 * Jetstream firehose names authors by DID alone); YouTube a channel id {@code UC…}, an
 * {@code @handle} or a channel URL; Hacker News a user name or its profile URL; webhook
 * an author handle; RSS a site's domain, which covers its subdomains.
 */
public final class Accounts {

	/** The network name of site domains, matched against the urls of feed items. */
	public static final String SITES = "rss";

	/** The networks accounts may be declared for, in the order messages list them. */
	public static final List<String> NETWORKS = List.of("x", "reddit", "mastodon", "bluesky", "youtube", "hackernews",
			"webhook", SITES);

	private static final Accounts NONE = new Accounts(List.of());

	private static final Pattern X_HANDLE = Pattern.compile("[A-Za-z0-9_]{1,15}");

	private static final Pattern REDDIT_NAME = Pattern.compile("[A-Za-z0-9_-]{3,20}");

	private static final Pattern MASTODON_ACCOUNT = Pattern
		.compile("([A-Za-z0-9_][A-Za-z0-9_.-]*)@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");

	private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z][a-z0-9-]*[a-z0-9]");

	private static final Pattern DID = Pattern.compile("did:[a-z]+:[A-Za-z0-9._:%-]+");

	private static final Pattern AT_URI_DID = Pattern.compile("at://(did:[a-z]+:[A-Za-z0-9._:%-]+)/.*");

	private static final Pattern YOUTUBE_CHANNEL = Pattern.compile("UC[A-Za-z0-9_-]{22}");

	private static final Pattern YOUTUBE_HANDLE = Pattern.compile("[A-Za-z0-9_.·-]{3,30}");

	private static final Pattern HN_USER = Pattern.compile("[A-Za-z0-9_-]{2,15}");

	private static final Pattern NO_SPACES = Pattern.compile("\\S{1,200}");

	private final List<Account> accounts;

	private final Map<String, Map<String, Account>> byNetwork;

	private Accounts(List<Account> accounts) {
		this.accounts = List.copyOf(accounts);
		Map<String, Map<String, Account>> byNetwork = new LinkedHashMap<>();
		for (Account account : this.accounts) {
			Account before = byNetwork.computeIfAbsent(account.network(), (network) -> new LinkedHashMap<>())
				.putIfAbsent(account.key(), account);
			if (before != null) {
				throw new InvalidOrganizationException(
						"the " + account.network() + " account '" + account.declared() + "' is declared twice, for "
								+ before.owner() + " and for " + account.owner() + "; an account has one owner");
			}
		}
		this.byNetwork = byNetwork;
	}

	/**
	 * No declared account: no mention is owned.
	 * @return the empty set of accounts
	 */
	public static Accounts none() {
		return NONE;
	}

	/**
	 * The set of the given accounts.
	 * @param accounts the accounts, each network and key once
	 * @return the accounts
	 * @throws InvalidOrganizationException when an account is given twice
	 */
	public static Accounts of(List<Account> accounts) {
		return accounts.isEmpty() ? NONE : new Accounts(accounts);
	}

	/**
	 * Read one declaration: an account as the organization file writes it.
	 * @param network the network it is declared under
	 * @param value the handle or profile URL
	 * @param owner whose it is
	 * @return the account in canonical form
	 * @throws IllegalArgumentException with a message saying what is expected, when the
	 * network is unknown or the value is not an account of it
	 */
	public static Account declare(String network, String value, AccountOwner owner) {
		if (!NETWORKS.contains(network)) {
			throw new IllegalArgumentException("'" + network
					+ "' is not a network accounts are declared for; use one of " + String.join(", ", NETWORKS));
		}
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("a " + network + " account cannot be empty");
		}
		String declared = value.strip();
		String key;
		try {
			key = switch (network) {
				case "x" -> xHandle(declared);
				case "reddit" -> redditName(declared);
				case "mastodon" -> mastodonAccount(declared);
				case "bluesky" -> blueskyActor(declared);
				case "youtube" -> youtubeChannel(declared);
				case "hackernews" -> hackerNewsUser(declared);
				case "webhook" ->
					checked(declared, NO_SPACES, "an author handle without spaces").toLowerCase(Locale.ROOT);
				default -> siteDomain(declared);
			};
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'" + declared + "' is not " + ex.getMessage());
		}
		return new Account(network, key, declared, owner);
	}

	/**
	 * Every declared account, in the order of the organization file.
	 * @return the accounts
	 */
	public List<Account> all() {
		return this.accounts;
	}

	/**
	 * Whether no account is declared.
	 * @return true when none is
	 */
	public boolean isEmpty() {
		return this.accounts.isEmpty();
	}

	/**
	 * The organization's own accounts, without the competitors'.
	 * @return the accounts whose owner is the organization or one of its departments
	 */
	public List<Account> own() {
		return this.accounts.stream().filter((account) -> account.owner() instanceof AccountOwner.Own).toList();
	}

	/**
	 * The declared account that wrote a mention, if any.
	 * @param mention the mention
	 * @return the account, when its author (or, for a feed item, its site) is declared
	 */
	public Optional<Account> author(Mention mention) {
		Map<String, Account> declared = this.byNetwork.get(mention.source());
		if (declared == null) {
			return Optional.empty();
		}
		for (String key : keys(mention)) {
			Account account = declared.get(key);
			if (account != null) {
				return Optional.of(account);
			}
		}
		return Optional.empty();
	}

	/**
	 * A mention with what the declared accounts say of its author: owned by the
	 * organization (and which department), by a competitor, or neither.
	 * @param mention the mention
	 * @return the mention marked
	 */
	public Mention mark(Mention mention) {
		Optional<AccountOwner> owner = author(mention).map(Account::owner);
		if (owner.isEmpty()) {
			return mention.owned() || mention.byCompetitor().isPresent()
					? mention.withOwner(false, Optional.empty(), Optional.empty()) : mention;
		}
		if (owner.get() instanceof AccountOwner.Own own) {
			return mention.withOwner(true, own.department(), Optional.empty());
		}
		return mention.withOwner(false, Optional.empty(),
				Optional.of(((AccountOwner.OfCompetitor) owner.get()).competitor()));
	}

	/**
	 * A short digest of the declarations, which changes whenever an account is added,
	 * removed or moves to another owner: so that what was marked under other declarations
	 * can be told apart and marked again.
	 * @return twelve hexadecimal digits
	 */
	public String fingerprint() {
		Set<String> lines = new TreeSet<>();
		for (Account account : this.accounts) {
			lines.add(account.network() + ":" + account.key() + "=" + account.owner());
		}
		return Sha256.hex(String.join("\n", lines)).substring(0, 12);
	}

	// The forms under which a mention's author may be declared.
	private static List<String> keys(Mention mention) {
		List<String> keys = new ArrayList<>(3);
		String handle = mention.author().handle().strip();
		handle = handle.startsWith("@") ? handle.substring(1) : handle;
		switch (mention.source()) {
			case "bluesky" -> {
				keys.add(handle.startsWith("did:") ? handle : handle.toLowerCase(Locale.ROOT));
				Matcher did = AT_URI_DID.matcher(mention.nativeId());
				if (did.matches()) {
					keys.add(did.group(1));
				}
			}
			case "youtube" -> {
				keys.add(handle.toLowerCase(Locale.ROOT));
				mention.author().profileUrl().flatMap(Accounts::youtubeKey).ifPresent(keys::add);
			}
			case SITES -> keys.addAll(hostAndParents(mention.url()));
			default -> keys.add(handle.toLowerCase(Locale.ROOT));
		}
		return keys;
	}

	private static List<String> hostAndParents(URI url) {
		String host = url.getHost();
		if (host == null || host.isEmpty()) {
			return List.of();
		}
		host = host.toLowerCase(Locale.ROOT);
		host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
		List<String> hosts = new ArrayList<>();
		hosts.add(host);
		for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
			hosts.add(host.substring(dot + 1));
		}
		return hosts;
	}

	private static String xHandle(String value) {
		String handle = profilePath(value, Set.of("x.com", "twitter.com", "mobile.twitter.com", "mobile.x.com"))
			.map((path) -> segment(path, 0))
			.orElse(value);
		return checked(withoutAt(handle), X_HANDLE,
				"an X handle (letters, digits and _, at most 15) or https://x.com/<handle>")
			.toLowerCase(Locale.ROOT);
	}

	private static String redditName(String value) {
		String name = profilePath(value, Set.of("reddit.com", "old.reddit.com", "new.reddit.com"))
			.map((path) -> segment(path, 1))
			.orElse(value);
		name = name.startsWith("/") ? name.substring(1) : name;
		name = name.startsWith("u/") ? name.substring(2) : name.startsWith("user/") ? name.substring(5) : name;
		return checked(name, REDDIT_NAME, "a Reddit user name, u/<name> or https://www.reddit.com/user/<name>")
			.toLowerCase(Locale.ROOT);
	}

	private static String mastodonAccount(String value) {
		Optional<URI> url = url(value);
		String account = withoutAt(value);
		if (url.isPresent()) {
			String first = segment(url.get().getPath(), 0);
			account = first.startsWith("@") ? first.substring(1) + "@" + url.get().getHost() : "";
		}
		return checked(account, MASTODON_ACCOUNT, "a Mastodon account as user@server or https://<server>/@<user>")
			.toLowerCase(Locale.ROOT);
	}

	private static String blueskyActor(String value) {
		String actor = profilePath(value, Set.of("bsky.app")).map((path) -> segment(path, 1)).orElse(withoutAt(value));
		if (actor.startsWith("did:")) {
			return checked(actor, DID, "a Bluesky DID such as did:plc:…");
		}
		return checked(actor.toLowerCase(Locale.ROOT), DOMAIN,
				"a Bluesky handle (such as hctransit.bsky.social), a DID or https://bsky.app/profile/<handle>");
	}

	private static String youtubeChannel(String value) {
		Optional<URI> url = url(value);
		if (url.isPresent()) {
			return youtubeKey(url.get()).orElseThrow(() -> new IllegalArgumentException("a YouTube channel URL: write "
					+ "https://www.youtube.com/channel/UC… or https://www.youtube.com/@<handle>"));
		}
		if (YOUTUBE_CHANNEL.matcher(value).matches()) {
			return "channel:" + value;
		}
		return checked(withoutAt(value), YOUTUBE_HANDLE, "a YouTube channel id (UC…), an @handle or a channel URL")
			.toLowerCase(Locale.ROOT);
	}

	private static Optional<String> youtubeKey(URI url) {
		String host = (url.getHost() != null) ? url.getHost().toLowerCase(Locale.ROOT) : "";
		if (!host.equals("youtube.com") && !host.endsWith(".youtube.com")) {
			return Optional.empty();
		}
		String first = segment(url.getPath(), 0);
		if (first.startsWith("@") && YOUTUBE_HANDLE.matcher(first.substring(1)).matches()) {
			return Optional.of(first.substring(1).toLowerCase(Locale.ROOT));
		}
		String channel = segment(url.getPath(), 1);
		if (first.equals("channel") && YOUTUBE_CHANNEL.matcher(channel).matches()) {
			return Optional.of("channel:" + channel);
		}
		return Optional.empty();
	}

	private static String hackerNewsUser(String value) {
		Optional<URI> url = url(value);
		String user = value;
		if (url.isPresent()) {
			String query = (url.get().getRawQuery() != null) ? url.get().getRawQuery() : "";
			Matcher id = Pattern.compile("(?:^|&)id=([^&]+)").matcher(query);
			user = id.find() ? id.group(1) : "";
		}
		return checked(user, HN_USER, "a Hacker News user name or https://news.ycombinator.com/user?id=<name>")
			.toLowerCase(Locale.ROOT);
	}

	private static String siteDomain(String value) {
		String domain = url(value).map(URI::getHost).orElse(value).toLowerCase(Locale.ROOT);
		domain = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
		return checked(domain, DOMAIN, "a site's domain such as blog.example.org, or its URL");
	}

	private static Optional<String> profilePath(String value, Set<String> hosts) {
		Optional<URI> url = url(value);
		if (url.isEmpty()) {
			return Optional.empty();
		}
		String host = url.get().getHost().toLowerCase(Locale.ROOT);
		host = host.startsWith("www.") ? host.substring(4) : host;
		return hosts.contains(host) ? Optional.ofNullable(url.get().getPath()) : Optional.of("");
	}

	private static Optional<URI> url(String value) {
		String lower = value.toLowerCase(Locale.ROOT);
		if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
			return Optional.empty();
		}
		try {
			URI url = new URI(value);
			return (url.getHost() != null) ? Optional.of(url) : Optional.empty();
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
	}

	private static String segment(String path, int index) {
		String[] segments = (path != null) ? path.replaceFirst("^/+", "").split("/") : new String[0];
		return (index < segments.length) ? segments[index] : "";
	}

	private static String withoutAt(String value) {
		return value.startsWith("@") ? value.substring(1) : value;
	}

	private static String checked(String value, Pattern pattern, String expected) {
		if (!pattern.matcher(value).matches()) {
			throw new IllegalArgumentException(expected);
		}
		return value;
	}

}
