package io.grapevine.ingest;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the organization file is that names the topics to listen for.
 *
 * @param organizationFile the organization file (YAML)
 */
@Validated
@ConfigurationProperties("grapevine")
public record OrganizationProperties(@NotNull @DefaultValue("config/organization.yml") Path organizationFile) {
}
