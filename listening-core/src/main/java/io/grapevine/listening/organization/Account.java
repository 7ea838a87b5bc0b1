package io.grapevine.listening.organization;

import java.util.Objects;

/**
 * One account on one network that the organization file declares as the organization's
 * own (or a competitor's): what it posts is what its owner said.
 *
 * @param network the network, named as mentions name their source ({@code x},
 * {@code reddit}, {@code mastodon}, {@code bluesky}, {@code youtube}, {@code hackernews},
 * {@code webhook}) or {@code rss} for a site domain
 * @param key the account in canonical form, as {@link Accounts} compares it: a lower-case
 * handle without {@code @}, {@code user@server} on Mastodon, a DID on Bluesky, a channel
 * id ({@code channel:UC…}) on YouTube, a domain for RSS
 * @param declared the value as the organization file gives it, for messages
 * @param owner whose account it is
 */
public record Account(String network, String key, String declared, AccountOwner owner) {

	public Account {
		Objects.requireNonNull(network, "network");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(declared, "declared");
		Objects.requireNonNull(owner, "owner");
	}

	/**
	 * How the account reads to a person: the handle with {@code @}, a channel or a site.
	 * @return the name shown for it, e.g. {@code @hctransit}
	 */
	public String displayName() {
		if (this.network.equals(Accounts.SITES) || this.key.startsWith("did:") || this.key.startsWith("channel:")) {
			return this.key;
		}
		return "@" + this.key;
	}

}
