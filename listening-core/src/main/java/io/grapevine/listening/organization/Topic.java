package io.grapevine.listening.organization;

import java.util.List;

/**
 * A named thing a department listens for.
 *
 * @param id stable identifier used in tags and filters
 * @param name display name
 * @param department id of the department that owns it
 * @param keywords words or phrases; a mention matches when it contains any of them as
 * whole words, ignoring case
 */
public record Topic(String id, String name, String department, List<String> keywords) {

	public Topic {
		keywords = (keywords != null) ? List.copyOf(keywords) : List.of();
	}

}
