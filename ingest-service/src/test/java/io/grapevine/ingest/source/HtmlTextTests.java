package io.grapevine.ingest.source;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTextTests {

	@Test
	void decodesEveryNamedAndNumericEntityOnce() {
		assertThat(HtmlText.plain("Caf&eacute; &mdash; cr&egrave;me &euro;5 &#8482; &#x1F68B; &amp;lt;b&amp;gt;"))
			.isEqualTo("Café — crème €5 ™ 🚋 &lt;b&gt;");
	}

	@Test
	void separatesBlocksCellsAndLinesSoWordsDoNotRunTogether() {
		// The shape of a status table as many incident feeds write it.
		assertThat(HtmlText.plain("<table><tr><th>Time</th><td>2018-11-19 21:39:41 UTC</td></tr>"
				+ "<tr><th>Line</th><td>T5</td></tr></table><div>Delayed</div><div>Again</div>"
				+ "<ul><li>one</li><li>two</li></ul>"))
			.isEqualTo("Time 2018-11-19 21:39:41 UTC\nLine T5\n\nDelayed\nAgain\n\none\ntwo");
		assertThat(HtmlText.plain("one<p>two<p><pre><code>  x = 1\n  y = 2\n</code></pre>"))
			.isEqualTo("one\n\ntwo\n\n  x = 1\n  y = 2");
		assertThat(HtmlText.plain("<p>a<br>b<br/>c</p><h2>Title</h2>text")).isEqualTo("a\nb\nc\n\nTitle\n\ntext");
	}

	@Test
	void dropsScriptsStylesAndComments() {
		assertThat(HtmlText.plain("<style>p { color: red }</style><p>Seen<!-- not seen --></p>"
				+ "<script>var x = '<p>no</p>';</script><noscript>nor this</noscript>"))
			.isEqualTo("Seen");
	}

	@Test
	void readsAGreaterThanInsideAnAttributeAsPartOfTheAttribute() {
		assertThat(HtmlText.plain("<img alt=\"a > b\" src=\"x.png\"/>Trams <a title=\"1 > 0\" href=\"/t\">today</a>"))
			.isEqualTo("Trams today");
	}

	@Test
	void keepsTheFullAddressOfALinkShownShortenedAndTheWordsOfOtherLinks() {
		// Hacker News cuts a long link's text and ends it with "...".
		assertThat(HtmlText.plain("See <a href=\"https://transit.example/reports/2026/night-bus-pilot-results.pdf\" "
				+ "rel=\"nofollow\">https://transit.example/reports/2026/night-bus-pilo...</a> now"))
			.isEqualTo("See https://transit.example/reports/2026/night-bus-pilot-results.pdf now");
		// Mastodon hides the middle of a link in invisible spans; the text has all of it.
		assertThat(HtmlText.plain("<p><a href=\"https://transit.example/a/long/path\" rel=\"nofollow noopener\">"
				+ "<span class=\"invisible\">https://</span><span class=\"ellipsis\">transit.example/a/lo</span>"
				+ "<span class=\"invisible\">ng/path</span></a> <a href=\"https://mastodon.social/tags/trams\" "
				+ "class=\"mention hashtag\">#<span>trams</span></a> <a href=\"https://x.example/\">the timetable</a></p>"))
			.isEqualTo("https://transit.example/a/long/path #trams the timetable");
	}

	@Test
	void readsNothingFromNothing() {
		assertThat(HtmlText.plain(null)).isEmpty();
		assertThat(HtmlText.plain("  ")).isEmpty();
		assertThat(HtmlText.plain("<p></p><!-- x -->")).isEmpty();
	}

}
