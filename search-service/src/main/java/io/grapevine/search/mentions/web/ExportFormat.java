package io.grapevine.search.mentions.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.grapevine.search.mentions.FoundMention;
import io.grapevine.search.web.InvalidParameterException;

import org.springframework.http.MediaType;

/**
 * The formats mentions are exported in, each writing a page of mentions as a few chunks
 * of bytes of about {@value #CHUNK_BYTES} bytes: the server holds a bounded number of
 * chunks not yet sent, so small chunks keep the memory of a slow download small.
 */
enum ExportFormat {

	/** Comma-separated values for spreadsheets, see {@link MentionCsv}. */
	CSV("csv", new MediaType("text", "csv", StandardCharsets.UTF_8)) {

		@Override
		byte[] preamble() {
			return MentionCsv.header();
		}

		@Override
		List<byte[]> encode(List<FoundMention> page) {
			Chunks chunks = new Chunks();
			StringBuilder row = new StringBuilder(1024);
			for (FoundMention found : page) {
				row.setLength(0);
				MentionCsv.row(found, row);
				chunks.add(row.toString().getBytes(StandardCharsets.UTF_8));
			}
			return chunks.finish();
		}

	},

	/** Newline-delimited JSON for programs, see {@link MentionNdjson}. */
	NDJSON("ndjson", MediaType.parseMediaType("application/x-ndjson")) {

		@Override
		byte[] preamble() {
			return new byte[0];
		}

		@Override
		List<byte[]> encode(List<FoundMention> page) {
			Chunks chunks = new Chunks();
			for (FoundMention found : page) {
				chunks.add(MentionNdjson.line(found));
			}
			return chunks.finish();
		}

	};

	/** About how many bytes one chunk holds. */
	static final int CHUNK_BYTES = 16 * 1024;

	private final String extension;

	private final MediaType mediaType;

	ExportFormat(String extension, MediaType mediaType) {
		this.extension = extension;
		this.mediaType = mediaType;
	}

	/**
	 * The format a {@code format} parameter asks for.
	 * @param value the raw value
	 * @return the format, CSV when absent
	 */
	static ExportFormat of(String value) {
		if (value == null || value.isBlank()) {
			return CSV;
		}
		for (ExportFormat format : values()) {
			if (format.extension.equals(value.strip().toLowerCase(Locale.ROOT))) {
				return format;
			}
		}
		throw new InvalidParameterException("format", "'format' must be csv or ndjson, was '" + value + "'");
	}

	/**
	 * What the file starts with, before the first mention.
	 * @return the bytes, maybe none
	 */
	abstract byte[] preamble();

	/**
	 * Write a page of mentions.
	 * @param page the mentions
	 * @return their bytes, in chunks
	 */
	abstract List<byte[]> encode(List<FoundMention> page);

	/**
	 * The file name extension.
	 * @return e.g. {@code csv}
	 */
	String extension() {
		return this.extension;
	}

	/**
	 * The content type of the answer.
	 * @return the media type
	 */
	MediaType mediaType() {
		return this.mediaType;
	}

	/**
	 * Collects the rows of a page into chunks of about {@link #CHUNK_BYTES}.
	 */
	private static final class Chunks {

		private final List<byte[]> chunks = new ArrayList<>();

		private final ByteArrayOutputStream current = new ByteArrayOutputStream(CHUNK_BYTES + 4096);

		void add(byte[] row) {
			this.current.writeBytes(row);
			if (this.current.size() >= CHUNK_BYTES) {
				this.chunks.add(this.current.toByteArray());
				this.current.reset();
			}
		}

		List<byte[]> finish() {
			if (this.current.size() > 0) {
				this.chunks.add(this.current.toByteArray());
			}
			return this.chunks;
		}

	}

}
