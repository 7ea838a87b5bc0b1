package io.grapevine.security.sample;

import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.grapevine.security.AccessRules;
import io.grapevine.security.EnableGrapevineSecurity;
import io.grapevine.security.Role;

/**
 * A small service behind Grapevine's sign-in, for the tests: it reads things, changes
 * them (administrators) and takes notes (every member). It has no Elasticsearch, so it
 * keeps no API tokens of its own.
 */
@SpringBootApplication(exclude = ElasticsearchRestClientAutoConfiguration.class)
@EnableGrapevineSecurity
public class SampleApplication {

	@Bean
	AccessRules notesForMembers() {
		return (exchanges) -> exchanges.pathMatchers(HttpMethod.POST, "/api/notes").hasRole(Role.MEMBER.name());
	}

	@RestController
	static class SampleController {

		@GetMapping("/api/things")
		List<String> things() {
			return List.of("a thing");
		}

		@PostMapping("/api/things")
		Map<String, String> change() {
			return Map.of("changed", "yes");
		}

		@PostMapping("/api/notes")
		Map<String, String> note() {
			return Map.of("noted", "yes");
		}

		@GetMapping(path = "/page", produces = MediaType.TEXT_HTML_VALUE)
		String page() {
			return "<!DOCTYPE html><title>A page</title><p>The page</p>";
		}

	}

}
