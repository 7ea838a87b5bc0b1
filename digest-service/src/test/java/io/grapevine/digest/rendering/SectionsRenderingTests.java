package io.grapevine.digest.rendering;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import io.grapevine.digest.FullDigest;
import io.grapevine.digest.composition.Digest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SectionsRenderingTests {

	private static final String HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)> <!channel> & *bold* ";

	private final DigestRenderer renderer = new DigestRenderer(FullDigest.DASHBOARD,
			URI.create("https://grapevine.example.org/"));

	@Test
	void theEmailSaysEachSectionInOrder() {
		RenderedDigest rendered = this.renderer.render(FullDigest.digest("Plain words. "), "operations-2026-11-19");

		assertThat(rendered.html()).containsSubsequence(
				"138 mentions, up 38% from Wednesday; negative 21%, up from 12%", "cid:volume-chart@grapevine",
				"Mentions that matter most", "New voices", "Rising terms", "Spikes", "Waiting for an answer",
				"9 in all", "Handling: 7 waiting, the oldest published 2 d ago; 12 answered: ana 7, li 5");
		assertThat(rendered.text()).containsSubsequence(
				"138 mentions, up 38% from Wednesday; negative 21%, up from 12%", "Mentions that matter most",
				"New voices", "Rising terms", "Spikes", "Waiting for an answer (9 in all)",
				"Handling: 7 waiting, the oldest published 2 d ago; 12 answered: ana 7, li 5");
		assertThat(rendered.html()).doesNotContain("Top mentions");
	}

	@Test
	void everyItemLinksToItsMentionAndToTheSearchAroundItInBothParts() {
		RenderedDigest rendered = this.renderer.render(FullDigest.digest("Plain words. "), "operations-2026-11-19");

		String search = "http://127.0.0.1:8080/?q=%22Plain%20words%20The%20number%2042%20bus%22&amp;department=operations"
				+ "&amp;from=2026-11-19T00%3A00%3A00Z&amp;to=2026-11-20T00%3A00%3A00Z";
		assertThat(rendered.html()).contains("href=\"https://x.com/rider_m1/status/m1\"")
			.contains("href=\"" + search + "\"")
			.contains("href=\"http://127.0.0.1:8080/?q=topic%3Adelays&amp;department=operations");
		assertThat(rendered.text()).contains("Open: https://x.com/rider_m1/status/m1")
			.contains("Search: " + search.replace("&amp;", "&"));
	}

	@Test
	void hostileTextIsEscapedInTheHtmlAndKeptAsWrittenInTheText() {
		RenderedDigest rendered = this.renderer.render(FullDigest.digest(HOSTILE), "operations-2026-11-19");

		assertThat(rendered.html()).doesNotContain("<script")
			.doesNotContain("<img src=x")
			.doesNotContain("<img src=\"x\"")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &lt;!channel&gt; &amp;");
		assertThat(rendered.html().split("<img ", -1)).hasSize(2);
		assertThat(rendered.text()).contains(HOSTILE.strip());
	}

	@Test
	void aFullDigestEmailStaysUnder100KilobytesWithItsChart() {
		RenderedDigest rendered = this.renderer.render(FullDigest.digest(HOSTILE), "operations-2026-11-19");

		long size = rendered.html().getBytes(StandardCharsets.UTF_8).length
				+ rendered.text().getBytes(StandardCharsets.UTF_8).length
				+ rendered.images().stream().mapToLong((image) -> image.bytes().length * 4L / 3).sum();
		assertThat(size).isLessThan(100 * 1024);
		assertThat(rendered.images()).hasSize(1);
	}

	@Test
	void theChartIsAPngTheEmailShowsByContentIdAndTheArchiveInline() throws Exception {
		Digest digest = FullDigest.digest("Plain words. ");
		RenderedDigest rendered = this.renderer.render(digest, "operations-2026-11-19");

		RenderedDigest.InlineImage chart = rendered.images().get(0);
		assertThat(chart.contentType()).isEqualTo("image/png");
		assertThat(rendered.html()).contains("src=\"cid:" + chart.contentId() + "\"")
			.contains("alt=\"Mentions per day from Fri 6 Nov 2026 to Thu 19 Nov 2026, negative ones in red\"");
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(chart.bytes()));
		assertThat(image.getWidth()).isEqualTo(VolumeChart.WIDTH);
		assertThat(image.getHeight()).isEqualTo(VolumeChart.HEIGHT);
		String archived = rendered.archiveHtml();
		assertThat(archived).doesNotContain("cid:")
			.contains("src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(chart.bytes()) + "\"");
	}

	@Test
	void theChartDrawsTheBarsOfThePeriodInStrongColoursAndTheDaysBeforeInPaleOnes() throws Exception {
		byte[] png = VolumeChart.png(FullDigest.digest("").sections().volume().orElseThrow());
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));

		List<Integer> colours = new java.util.ArrayList<>();
		for (int x = 0; x < image.getWidth(); x++) {
			colours.add(image.getRGB(x, VolumeChart.HEIGHT - 50) & 0xFFFFFF);
		}
		assertThat(colours).contains(0xDC2626, 0xF3B4B4);
		int lastStrong = colours.lastIndexOf(0xDC2626);
		int firstStrong = colours.indexOf(0xDC2626);
		assertThat(colours.subList(0, firstStrong)).doesNotContain(0xDC2626);
		assertThat(colours.lastIndexOf(0xF3B4B4)).isLessThan(firstStrong);
		assertThat(lastStrong).isGreaterThan(image.getWidth() * 9 / 10);
	}

}
