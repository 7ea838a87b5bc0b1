package io.grapevine.digest.composition;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A saved search as search-service keeps it in the index {@code saved-searches}: what its
 * daily email asks {@code /api/mentions} for. Its sort, collapse and period are the
 * dashboard's; the email always asks for the day's widest reach, folded.
 *
 * @param id its id
 * @param name its name
 * @param query its listening query, empty for none
 * @param filters its filters
 */
public record SavedSearch(String id, String name, String query, Filters filters) {

	public SavedSearch {
		Objects.requireNonNull(id, "id");
		name = (name != null && !name.isBlank()) ? name.strip() : id;
		query = (query != null) ? query.strip() : "";
		filters = (filters != null) ? filters : new Filters(null, null, null, null, null, null, null, null, null);
	}

	/**
	 * The search's page on the dashboard.
	 * @param dashboard the dashboard's URL
	 * @return the dashboard with {@code saved=<id>}
	 */
	public URI permalink(URI dashboard) {
		String base = dashboard.toString();
		return URI.create(base + (base.contains("?") ? "&" : "?") + "saved=" + this.id);
	}

	/**
	 * The filters that choose the search's mentions, as the parameters of
	 * {@code /api/mentions} name them.
	 *
	 * @param department department ids
	 * @param topic topic ids
	 * @param source source kinds
	 * @param language language codes
	 * @param sentiment sentiment labels
	 * @param competitor competitor ids
	 * @param owned only the organization's own posts, or only others'
	 * @param question only mentions that ask, or only others
	 * @param minReach the least reach
	 */
	public record Filters(List<String> department, List<String> topic, List<String> source, List<String> language,
			List<String> sentiment, List<String> competitor, Optional<Boolean> owned, Optional<Boolean> question,
			Optional<Double> minReach) {

		public Filters {
			department = copy(department);
			topic = copy(topic);
			source = copy(source);
			language = copy(language);
			sentiment = copy(sentiment);
			competitor = copy(competitor);
			owned = (owned != null) ? owned : Optional.empty();
			question = (question != null) ? question : Optional.empty();
			minReach = (minReach != null) ? minReach : Optional.empty();
		}

		private static List<String> copy(List<String> values) {
			return (values != null) ? values.stream().filter(Objects::nonNull).toList() : List.of();
		}

	}

}
