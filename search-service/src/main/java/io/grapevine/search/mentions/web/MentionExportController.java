package io.grapevine.search.mentions.web;

import java.time.LocalDate;
import java.time.ZoneOffset;

import io.grapevine.listening.organization.Organization;
import io.grapevine.search.mentions.ExportQuery;
import io.grapevine.search.mentions.elasticsearch.MentionExport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.annotations.ParameterObject;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exports every mention a search matches, as a CSV file or newline-delimited JSON,
 * streamed a page at a time.
 */
@RestController
class MentionExportController {

	/** How many mentions match the search, whether or not the export holds them all. */
	static final String TOTAL_HEADER = "X-Grapevine-Export-Total";

	/** Present when the export stops at the limit: {@code rows=100000, total=123456}. */
	static final String LIMIT_HEADER = "X-Grapevine-Export-Limit";

	private static final Logger logger = LoggerFactory.getLogger(MentionExportController.class);

	private final MentionExport export;

	private final Organization organization;

	private final ExportProperties properties;

	MentionExportController(MentionExport export, Organization organization, ExportProperties properties) {
		this.export = export;
		this.organization = organization;
		this.properties = properties;
	}

	@GetMapping("/api/mentions/export")
	@Operation(summary = "Export every mention a search matches, as CSV or newline-delimited JSON",
			description = "Takes the filter parameters of /api/mentions and streams every matching mention, up to "
					+ "grapevine.search.export.max-rows; X-Grapevine-Export-Total says how many match, and "
					+ "X-Grapevine-Export-Limit (rows=..., total=...) is present when the export stops at the limit. "
					+ "CSV starts with a UTF-8 byte order mark and a header row; a text cell starting with =, +, -, @, "
					+ "a tab or a carriage return gets a leading apostrophe so spreadsheets do not run it. NDJSON "
					+ "has one Mention JSON a line with its 'handling'. Bad parameters are answered 400 before "
					+ "anything is sent.")
	@ApiResponse(responseCode = "200", description = "Every matching mention, up to the limit",
			content = { @Content(mediaType = "text/csv"), @Content(mediaType = "application/x-ndjson") })
	Mono<ResponseEntity<Flux<DataBuffer>>> export(@ParameterObject @ModelAttribute MentionSearchParameters parameters,
			@Parameter(description = "csv (default) or ndjson") @RequestParam(required = false) String format,
			@Parameter(description = "newest (default) or reach: widest reach first, then newest") @RequestParam(
					required = false) String sort) {
		ExportQuery query = new ExportQuery(parameters.text(), parameters.filter(this.organization),
				MentionController.order(sort), this.properties.maxRows());
		ExportFormat chosen = ExportFormat.of(format);
		return this.export.open(query).map((export) -> {
			if (export.cut()) {
				logger.info("An export of {} stops at {} of {} matching mentions (grapevine.search.export.max-rows)",
						chosen.extension(), export.rows(), export.total());
			}
			byte[] preamble = chosen.preamble();
			Flux<byte[]> bytes = Flux.concat((preamble.length > 0) ? Flux.just(preamble) : Flux.empty(),
					// One page at a time: the next is fetched once this one is written.
					export.pages().concatMapIterable(chosen::encode, 1));
			Flux<DataBuffer> body = bytes.<DataBuffer>map(DefaultDataBufferFactory.sharedInstance::wrap)
				.doOnError((ex) -> logger.warn("An export of {} failed after it had started: {}", chosen.extension(),
						ex.toString()));
			ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
				.contentType(chosen.mediaType())
				.header(TOTAL_HEADER, Long.toString(export.total()))
				.headers((headers) -> headers.setContentDisposition(ContentDisposition.attachment()
					.filename("grapevine-mentions-" + LocalDate.now(ZoneOffset.UTC) + "." + chosen.extension())
					.build()));
			if (export.cut()) {
				answer.header(LIMIT_HEADER, "rows=" + export.rows() + ", total=" + export.total());
			}
			return answer.body(body);
		});
	}

}
