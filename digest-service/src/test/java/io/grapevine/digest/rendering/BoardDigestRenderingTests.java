package io.grapevine.digest.rendering;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.web.util.HtmlUtils;

import io.grapevine.digest.composition.BoardCase;

import static org.assertj.core.api.Assertions.assertThat;

class BoardDigestRenderingTests {

	private final DigestRenderer renderer = new DigestRenderer(URI.create("http://127.0.0.1:8080/"),
			URI.create("https://grapevine.example.org/"));

	@ParameterizedTest
	@EnumSource(BoardCase.class)
	void theTextEmailSaysEverySentenceOfTheMonthOnceUnderItsHeading(BoardCase month) {
		String text = this.renderer.render(month.digest(), "board-2026-11").text();

		assertThat(text).startsWith("Harbor City Transit · board digest · November 2026\n\n" + month.volume() + "\n"
				+ month.sentiment() + "\n\nShare of voice\n" + lines(month.voices()) + "\nBy department\n"
				+ lines(month.departments()));
		assertThat(text).doesNotContain("not judged").doesNotContain(" on October");
	}

	@ParameterizedTest
	@EnumSource(BoardCase.class)
	void theHtmlEmailSaysEverySentenceOfTheMonthBesideItsName(BoardCase month) {
		String html = this.renderer.render(month.digest(), "board-2026-11").html();

		assertThat(html).contains(">" + HtmlUtils.htmlEscape(month.volume()) + "<")
			.contains(">" + HtmlUtils.htmlEscape(month.sentiment()) + "<");
		month.voices()
			.forEach((name, line) -> assertThat(html).containsPattern(
					">" + quote(name) + "</td>\\s*<td[^>]*>" + quote(HtmlUtils.htmlEscape(line)) + "</td>"));
		month.departments()
			.forEach((name, line) -> assertThat(html).containsPattern(
					">" + quote(name) + "</td>\\s*<td[^>]*>" + quote(HtmlUtils.htmlEscape(line)) + "</td>"));
		assertThat(html).doesNotContain("not judged");
	}

	@ParameterizedTest
	@EnumSource(value = BoardCase.class, names = "NO_DATA_IN_THE_MONTH")
	void aMonthWithoutMentionsShowsNoWidestReachSection(BoardCase month) {
		RenderedDigest rendered = this.renderer.render(month.digest(), "board-2026-11");

		assertThat(rendered.text()).doesNotContain("Widest reach");
		assertThat(rendered.html()).doesNotContain("Widest reach");
		assertThat(rendered.subject()).isEqualTo("Harbor City Transit · board digest · November 2026 · 0 mentions");
	}

	private static String lines(Map<String, String> lines) {
		StringBuilder text = new StringBuilder();
		lines.forEach((name, line) -> text.append("- ").append(name).append(": ").append(line).append('\n'));
		return text.toString();
	}

	private static String quote(String text) {
		return java.util.regex.Pattern.quote(text);
	}

}
