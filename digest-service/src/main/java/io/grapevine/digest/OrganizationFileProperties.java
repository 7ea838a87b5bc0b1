package io.grapevine.digest;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the organization file is.
 *
 * @param organizationFile the YAML file with the departments, their members and topics
 */
@Validated
@ConfigurationProperties("grapevine")
public record OrganizationFileProperties(@NotNull @DefaultValue("config/organization.yml") Path organizationFile) {

}
