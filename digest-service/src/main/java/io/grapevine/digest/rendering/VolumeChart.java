package io.grapevine.digest.rendering;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import io.grapevine.digest.composition.sections.VolumeAndSentiment;

/**
 * Draws a digest's daily volume as a small PNG bar chart with headless AWT: one bar per
 * day, its negative part in red, the digest's own period in strong colours and the days
 * before it in pale ones.
 */
public final class VolumeChart {

	/** Width of the image in pixels, twice the width it is shown at for sharp screens. */
	static final int WIDTH = 1088;

	/** Height of the image in pixels. */
	static final int HEIGHT = 280;

	private static final Color BACKGROUND = Color.WHITE;

	private static final Color GRID = new Color(0xE5, 0xE7, 0xEB);

	private static final Color LABEL = new Color(0x6B, 0x72, 0x80);

	private static final Color VOLUME = new Color(0x3B, 0x6F, 0xB6);

	private static final Color VOLUME_BEFORE = new Color(0xBF, 0xD0, 0xE6);

	private static final Color NEGATIVE = new Color(0xDC, 0x26, 0x26);

	private static final Color NEGATIVE_BEFORE = new Color(0xF3, 0xB4, 0xB4);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.US);

	static {
		System.setProperty("java.awt.headless", "true");
	}

	private VolumeChart() {
	}

	/**
	 * Draw the chart.
	 * @param volume the volume and sentiment section
	 * @return the PNG
	 */
	public static byte[] png(VolumeAndSentiment volume) {
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setColor(BACKGROUND);
			g.fillRect(0, 0, WIDTH, HEIGHT);
			draw(g, volume.days());
		}
		finally {
			g.dispose();
		}
		ByteArrayOutputStream png = new ByteArrayOutputStream(16 * 1024);
		try {
			ImageIO.write(image, "png", png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not encode the volume chart as PNG", ex);
		}
		return png.toByteArray();
	}

	private static void draw(Graphics2D g, List<VolumeAndSentiment.Day> days) {
		int left = 72;
		int right = 16;
		int top = 20;
		int bottom = 44;
		int plotHeight = HEIGHT - top - bottom;
		long max = Math.max(1, days.stream().mapToLong(VolumeAndSentiment.Day::count).max().orElse(1));
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 22));
		g.setStroke(new BasicStroke(2));
		for (long value : new long[] { 0, max }) {
			int y = HEIGHT - bottom - (int) Math.round(value * (double) plotHeight / max);
			g.setColor(GRID);
			g.drawLine(left, y, WIDTH - right, y);
			g.setColor(LABEL);
			String label = Long.toString(value);
			g.drawString(label, left - 10 - g.getFontMetrics().stringWidth(label), y + 8);
		}
		if (days.isEmpty()) {
			return;
		}
		double slot = (WIDTH - left - right) / (double) days.size();
		int barWidth = Math.max(2, (int) Math.round(slot * 0.7));
		int every = (int) Math.ceil(days.size() / 7.0);
		for (int i = 0; i < days.size(); i++) {
			VolumeAndSentiment.Day day = days.get(i);
			int x = left + (int) Math.round(i * slot + slot * 0.15);
			int barHeight = (int) Math.round(day.count() * (double) plotHeight / max);
			int negativeHeight = (int) Math.round(Math.min(day.negative(), day.count()) * (double) plotHeight / max);
			g.setColor(day.inPeriod() ? VOLUME : VOLUME_BEFORE);
			g.fillRect(x, HEIGHT - bottom - barHeight, barWidth, barHeight);
			g.setColor(day.inPeriod() ? NEGATIVE : NEGATIVE_BEFORE);
			g.fillRect(x, HEIGHT - bottom - negativeHeight, barWidth, negativeHeight);
			if (i % every == 0) {
				g.setColor(LABEL);
				String label = DAY.format(day.date());
				int width = g.getFontMetrics().stringWidth(label);
				g.drawString(label, Math.min(WIDTH - right - width, Math.max(0, x + barWidth / 2 - width / 2)),
						HEIGHT - 12);
			}
		}
	}

}
