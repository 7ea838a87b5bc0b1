package io.grapevine.search.mentions.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much one export of mentions may hold.
 *
 * @param maxRows the most mentions one export holds; an export of a search that matches
 * more stops there and says so in its {@code X-Grapevine-Export-Limit} header
 */
@Validated
@ConfigurationProperties("grapevine.search.export")
public record ExportProperties(@Min(1) @Max(100_000_000) @DefaultValue("100000") int maxRows) {

}
