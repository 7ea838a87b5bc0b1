package io.grapevine.ingest.source;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.OrganizationFile;
import io.grapevine.listening.organization.TopicMatcher;

/**
 * An organization that declares its own accounts on every network (and its customer
 * service department's on X), for the tests of what each source makes of the
 * organization's replies.
 */
public final class OwnedAccounts {

	/** The Bluesky DID of the organization's account hctransit.bsky.social. */
	public static final String BLUESKY_DID = "did:plc:hct4ransitq7k2n5yb3slw6d";

	/** The YouTube channel id of the organization's channel @HarborCityTransit. */
	public static final String YOUTUBE_CHANNEL = "UCq5HbTfZ3hT6Wm1pLsA9x2k";

	/** The department whose accounts are declared under it. */
	public static final String CUSTOMER_SERVICE = "customer-service";

	private static final String YAML = """
			name: Harbor City Transit
			accounts:
			  x: [hctransit]
			  reddit: [u/HarborCityTransit]
			  mastodon: [hctransit@harbor.social]
			  bluesky: [hctransit.bsky.social, "%s"]
			  youtube: [%s]
			  hackernews: [hctransit]
			  webhook: [care-desk]
			  rss: [harborcity-transit.example]
			departments:
			  - id: operations
			    name: Operations
			    topics:
			      - id: delays
			        name: Delays
			        keywords: [delay, delayed, late, hctransit]
			  - id: customer-service
			    name: Customer Service
			    accounts:
			      x: [hctransit_help]
			      mastodon: [help@harbor.social]
			    topics:
			      - id: staff-praise
			        name: Praise for staff
			        keywords: [driver, drivers]
			competitors:
			  - id: metro-link
			    name: Metro Link
			    keywords: [metro link]
			    accounts: {x: [metrolink]}
			""".formatted(BLUESKY_DID, YOUTUBE_CHANNEL);

	private OwnedAccounts() {
	}

	/**
	 * The organization.
	 * @return the organization, read from its file
	 */
	public static Organization organization() {
		return read(YAML);
	}

	/**
	 * An organization that declares one account of its own and listens for delays.
	 * @param network the network
	 * @param account the account as the organization file writes it
	 * @return the organization
	 */
	public static Organization organization(String network, String account) {
		return read("""
				name: Harbor City Transit
				accounts:
				  %s: ["%s"]
				departments:
				  - id: operations
				    name: Operations
				    topics:
				      - id: delays
				        name: Delays
				        keywords: [delay, late]
				""".formatted(network, account));
	}

	/**
	 * Tag mentions as the pipeline does before publishing them.
	 * @param organization the organization whose accounts and topics they are tagged with
	 * @param mentions the mentions as a source mapped them
	 * @return the tagged mentions by id, in order
	 */
	public static Map<String, Mention> tagged(Organization organization, List<Mention> mentions) {
		TopicMatcher matcher = new TopicMatcher(organization);
		Map<String, Mention> tagged = new LinkedHashMap<>();
		mentions.forEach((mention) -> tagged.put(mention.id(), matcher.tag(mention)));
		return tagged;
	}

	/**
	 * Tag mentions with the accounts and topics of {@link #organization()}.
	 * @param mentions the mentions as a source mapped them
	 * @return the tagged mentions by id, in order
	 */
	public static Map<String, Mention> tagged(List<Mention> mentions) {
		return tagged(organization(), mentions);
	}

	private static Organization read(String yaml) {
		return OrganizationFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
				"organization with accounts");
	}

}
