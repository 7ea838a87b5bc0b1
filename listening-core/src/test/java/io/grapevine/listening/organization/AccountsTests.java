package io.grapevine.listening.organization;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Mention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AccountsTests {

	private static final AccountOwner.Own ORGANIZATION = new AccountOwner.Own(Optional.empty());

	@ParameterizedTest(name = "{0} {1} is {2}")
	@CsvSource(delimiter = '|', textBlock = """
			x          | hctransit                                       | hctransit
			x          | @HCTransit                                      | hctransit
			x          | https://x.com/HCTransit                         | hctransit
			x          | https://twitter.com/hctransit/                  | hctransit
			reddit     | u/HarborCityTransit                             | harborcitytransit
			reddit     | /u/harborcitytransit                            | harborcitytransit
			reddit     | https://www.reddit.com/user/HarborCityTransit/  | harborcitytransit
			mastodon   | hctransit@harbor.social                         | hctransit@harbor.social
			mastodon   | @HCTransit@Harbor.Social                        | hctransit@harbor.social
			mastodon   | https://harbor.social/@hctransit                | hctransit@harbor.social
			bluesky    | hctransit.bsky.social                           | hctransit.bsky.social
			bluesky    | @HCTransit.bsky.social                          | hctransit.bsky.social
			bluesky    | did:plc:z72i7hdynmk6r22z27h6tvur                | did:plc:z72i7hdynmk6r22z27h6tvur
			bluesky    | https://bsky.app/profile/hctransit.bsky.social  | hctransit.bsky.social
			youtube    | UCBR8-60-B28hp2BmDPdntcQ                        | channel:UCBR8-60-B28hp2BmDPdntcQ
			youtube    | https://www.youtube.com/channel/UCBR8-60-B28hp2BmDPdntcQ | channel:UCBR8-60-B28hp2BmDPdntcQ
			youtube    | @HarborCityTransit                              | harborcitytransit
			youtube    | https://www.youtube.com/@HarborCityTransit      | harborcitytransit
			hackernews | hctransit                                       | hctransit
			hackernews | https://news.ycombinator.com/user?id=hctransit  | hctransit
			webhook    | CRM-Desk                                        | crm-desk
			rss        | harborcity-transit.example                      | harborcity-transit.example
			rss        | https://News.Harborcity-Transit.example/feed    | news.harborcity-transit.example
			""")
	void anAccountIsDeclaredAsAHandleOrAProfileUrlAndKeptInOneForm(String network, String declared, String key) {
		assertThat(Accounts.declare(network, declared, ORGANIZATION).key()).isEqualTo(key);
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', textBlock = """
			x          | harbor city transit            | an X handle
			x          | https://www.facebook.com/hct   | an X handle
			mastodon   | hctransit                      | user@server
			bluesky    | hctransit                      | a Bluesky handle
			youtube    | https://vimeo.com/hct          | a YouTube channel URL
			rss        | not a domain                   | a site's domain
			""")
	void aValueThatIsNoAccountOfItsNetworkSaysWhatIsExpected(String network, String declared, String expected) {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> Accounts.declare(network, declared, ORGANIZATION))
			.withMessageContaining("'" + declared + "' is not")
			.withMessageContaining(expected);
	}

	@Test
	void anUnknownNetworkListsTheKnownOnes() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> Accounts.declare("instagram", "hct", ORGANIZATION))
			.withMessageContaining("'instagram' is not a network")
			.withMessageContaining("x, reddit, mastodon, bluesky, youtube, hackernews, webhook, rss");
	}

	@Test
	void eachNetworksMentionsAreMatchedToTheDeclaredAccountsWhateverTheCase() {
		Organization organization = read("""
				name: Example
				accounts:
				  x: [HCTransit]
				  mastodon: [hctransit@harbor.social]
				  bluesky: [hctransit.bsky.social, did:plc:hctransitdid]
				  youtube: [UCBR8-60-B28hp2BmDPdntcQ, "@HarborCityTransit"]
				  rss: [harborcity-transit.example]
				  reddit: u/HarborCityTransit
				  hackernews: [hct_dev]
				departments:
				  - id: care
				    name: Care
				    accounts:
				      x: [hctransit_help]
				    topics: [{name: Late, keywords: [late]}]
				competitors:
				  - id: metro
				    name: Metro
				    keywords: [metro]
				    accounts: {x: [metrolink]}
				""");
		Accounts accounts = organization.accounts();
		assertThat(owner(accounts, mention("x", "1", "hctransit"))).contains("the organization");
		assertThat(owner(accounts, mention("x", "2", "HCTRANSIT_help"))).contains("department care");
		assertThat(owner(accounts, mention("x", "3", "metrolink"))).contains("competitor metro");
		assertThat(owner(accounts, mention("x", "4", "rider_amy"))).isEmpty();
		assertThat(owner(accounts, mention("reddit", "t1_a", "harborcitytransit"))).isPresent();
		assertThat(owner(accounts, mention("mastodon", "harbor.social:9", "HCTransit@harbor.social"))).isPresent();
		assertThat(owner(accounts, mention("mastodon", "other.social:9", "hctransit@other.social"))).isEmpty();
		assertThat(
				owner(accounts, mention("bluesky", "at://did:plc:other/app.bsky.feed.post/1", "hctransit.bsky.social")))
			.as("by handle")
			.isPresent();
		assertThat(owner(accounts,
				mention("bluesky", "at://did:plc:hctransitdid/app.bsky.feed.post/2", "did:plc:hctransitdid")))
			.as("a firehose post named by DID alone")
			.isPresent();
		assertThat(owner(accounts, mention("hackernews", "77", "hct_dev"))).isPresent();
		assertThat(owner(accounts, mention("x", "5", "hct_dev"))).as("the same name on another network").isEmpty();

		Mention channel = new Mention(2, null, "youtube", "Ugx1", URI.create("https://www.youtube.com/watch?v=v"),
				"Thanks!",
				new Author("Harbor City Transit", Optional.empty(), Optional.empty(),
						Optional.of(URI.create("http://www.youtube.com/channel/UCBR8-60-B28hp2BmDPdntcQ"))),
				Instant.EPOCH, Instant.EPOCH, Optional.empty(), null, Optional.empty(), Optional.empty(), List.of(),
				List.of());
		assertThat(owner(accounts, channel)).as("a comment by the channel, found by its channel URL").isPresent();
		assertThat(owner(accounts, mention("youtube", "Ugx2", "@HarborCityTransit"))).isPresent();

		Mention post = Mention.builder("rss", "https://blog.harborcity-transit.example/p/1")
			.url(URI.create("https://blog.harborcity-transit.example/p/1"))
			.text("New timetable")
			.author(Author.of("Harbor City Transit blog"))
			.publishedAt(Instant.EPOCH)
			.build();
		assertThat(owner(accounts, post)).as("an item of a subdomain of the site").isPresent();
		Mention press = Mention.builder("rss", "https://gazette.example/hct")
			.url(URI.create("https://gazette.example/harborcity-transit.example"))
			.text("HCT news")
			.author(Author.of("Gazette"))
			.publishedAt(Instant.EPOCH)
			.build();
		assertThat(owner(accounts, press)).isEmpty();
	}

	@Test
	void markingSetsOwnedWithTheDepartmentOrTheCompetitorAndUnmarksWhatNoLongerMatches() {
		Organization organization = read("""
				name: Example
				accounts: {x: [hctransit]}
				departments:
				  - id: care
				    name: Care
				    accounts: {x: [hctransit_help]}
				    topics: [{name: Late, keywords: [late]}]
				competitors:
				  - {id: metro, name: Metro, keywords: [metro], accounts: {x: [metrolink]}}
				""");
		Accounts accounts = organization.accounts();
		Mention own = accounts.mark(mention("x", "1", "hctransit"));
		assertThat(own.owned()).isTrue();
		assertThat(own.ownedBy()).isEmpty();
		Mention care = accounts.mark(mention("x", "2", "hctransit_help"));
		assertThat(care.owned()).isTrue();
		assertThat(care.ownedBy()).contains("care");
		Mention rival = accounts.mark(mention("x", "3", "metrolink"));
		assertThat(rival.owned()).isFalse();
		assertThat(rival.byCompetitor()).contains("metro");
		assertThat(accounts.mark(care)).as("marked twice, the same").isEqualTo(care);
		Mention stranger = accounts.mark(mention("x", "4", "amy").withOwner(true, Optional.empty(), Optional.empty()));
		assertThat(stranger.owned()).as("no longer declared").isFalse();
	}

	@Test
	void anAccountDeclaredTwiceNamesBothOwners() {
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				accounts: {x: [hctransit]}
				departments:
				  - id: care
				    name: Care
				    accounts: {x: ["@HCTransit"]}
				    topics: [{name: Late, keywords: [late]}]
				"""))
			.withMessageContaining("'@HCTransit' is declared twice")
			.withMessageContaining("the organization")
			.withMessageContaining("department care");
	}

	@Test
	void aBadAccountNamesWhereItIsInTheFile() {
		assertThatExceptionOfType(InvalidOrganizationException.class).isThrownBy(() -> read("""
				name: Example
				departments:
				  - id: care
				    name: Care
				    accounts: {mastodon: [hctransit]}
				    topics: [{name: Late, keywords: [late]}]
				"""))
			.withMessageContaining("departments[0] (Care).accounts.mastodon[0]: 'hctransit' is not a Mastodon account");
	}

	@Test
	void theFingerprintChangesWhenAnAccountIsAddedOrMovesToAnotherOwner() {
		String base = """
				name: Example
				accounts: {x: [hctransit]}
				departments:
				  - id: care
				    name: Care
				    topics: [{name: Late, keywords: [late]}]
				""";
		String fingerprint = read(base).accounts().fingerprint();
		assertThat(read(base).accounts().fingerprint()).isEqualTo(fingerprint).hasSize(12);
		assertThat(read(base.replace("[hctransit]", "[hctransit, hct_help]")).accounts().fingerprint())
			.isNotEqualTo(fingerprint);
		assertThat(
				read(base.replace("accounts: {x: [hctransit]}\n", "") + "    accounts: {x: [hctransit]}\n").accounts()
					.fingerprint())
			.isNotEqualTo(fingerprint);
	}

	private static Optional<String> owner(Accounts accounts, Mention mention) {
		return accounts.author(mention).map((account) -> account.owner().toString());
	}

	private static Mention mention(String source, String nativeId, String handle) {
		return Mention.builder(source, nativeId)
			.url(URI.create("https://example.org/" + nativeId.hashCode()))
			.text("text")
			.author(Author.of(handle))
			.publishedAt(Instant.EPOCH)
			.build();
	}

	private static Organization read(String yaml) {
		return OrganizationFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");
	}

}
