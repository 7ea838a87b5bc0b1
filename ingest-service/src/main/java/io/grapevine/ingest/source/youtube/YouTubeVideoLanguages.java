package io.grapevine.ingest.source.youtube;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grapevine.ingest.source.SourcePayloads;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The language of the videos comments are on, read from the YouTube Data API's
 * {@code videos.list} ({@code part=snippet}, up to {@value #MAX_IDS} ids a request, one
 * quota unit): the video's {@code defaultAudioLanguage} (the language spoken), else its
 * {@code defaultLanguage} (the language of its title and description). Remembered for the
 * life of the instance, up to {@value #CAPACITY} videos, so a video is asked about once;
 * a video YouTube does not answer for (deleted, private) or that declares no language is
 * remembered as having none.
 */
final class YouTubeVideoLanguages {

	static final String PATH = "/youtube/v3/videos";

	/** The most ids {@code videos.list} takes in one request. */
	static final int MAX_IDS = 50;

	static final int CAPACITY = 10_000;

	private final ObjectMapper json;

	private final Map<String, Optional<String>> known = new LinkedHashMap<>(256, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
			return size() > CAPACITY;
		}

	};

	/**
	 * Languages read with the source's JSON mapper.
	 * @param json the mapper
	 */
	YouTubeVideoLanguages(ObjectMapper json) {
		this.json = json;
	}

	/**
	 * The videos among these that were never asked about, at most {@value #MAX_IDS}.
	 * @param videoIds the videos of a page of comments
	 * @return those to ask about, in order
	 */
	synchronized List<String> unknown(Collection<String> videoIds) {
		Set<String> unknown = new LinkedHashSet<>();
		for (String id : videoIds) {
			if (!this.known.containsKey(id) && unknown.size() < MAX_IDS) {
				unknown.add(id);
			}
		}
		return List.copyOf(unknown);
	}

	/**
	 * The language of a video, when it was asked about and declares one.
	 * @param videoId the video
	 * @return its language tag as YouTube gives it ({@code en}, {@code es-419})
	 */
	synchronized Optional<String> of(String videoId) {
		Optional<String> language = this.known.get(videoId);
		return (language != null) ? language : Optional.empty();
	}

	/**
	 * The {@code videos.list} request for some videos.
	 * @param baseUrl the API's base URL
	 * @param videoIds the videos, at most {@value #MAX_IDS}
	 * @param apiKey the API key
	 * @return the URI, with the key as the {@code key} parameter
	 */
	static URI uri(URI baseUrl, List<String> videoIds, String apiKey) {
		Map<String, String> variables = new HashMap<>();
		variables.put("id", String.join(",", videoIds));
		variables.put("key", apiKey);
		return UriComponentsBuilder.fromUri(baseUrl)
			.path(PATH)
			.queryParam("part", "snippet")
			.queryParam("id", "{id}")
			.queryParam("maxResults", MAX_IDS)
			.queryParam("key", "{key}")
			.encode()
			.buildAndExpand(variables)
			.toUri();
	}

	/**
	 * Remember what a {@code videos.list} answer says of the videos asked about.
	 * @param asked the videos asked about
	 * @param body the answer's body
	 * @return whether the body was a video list; when it was not, nothing is remembered
	 * and the videos are asked about again with the next page
	 */
	boolean read(List<String> asked, String body) {
		JsonNode root;
		try {
			root = this.json.readTree((body != null) ? body : "");
		}
		catch (Exception ex) {
			return false;
		}
		if (root == null || !root.path("items").isArray()) {
			return false;
		}
		Map<String, Optional<String>> answered = new HashMap<>();
		for (JsonNode video : root.get("items")) {
			Optional<String> id = SourcePayloads.text(video, "id");
			if (id.isEmpty()) {
				continue;
			}
			JsonNode snippet = video.path("snippet");
			Optional<String> language = SourcePayloads.text(snippet, "defaultAudioLanguage")
				.or(() -> SourcePayloads.text(snippet, "defaultLanguage"))
				.map(String::strip)
				.filter((tag) -> !tag.isEmpty());
			answered.put(id.get(), language);
		}
		List<String> missing = new ArrayList<>(asked);
		missing.removeAll(answered.keySet());
		synchronized (this) {
			answered.forEach(this.known::put);
			missing.forEach((id) -> this.known.put(id, Optional.empty()));
		}
		return true;
	}

}
