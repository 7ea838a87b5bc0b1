package io.grapevine.search.organization;

import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.OrganizationFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads the organization file at start-up, so a mistake in it stops the service with its
 * message.
 */
@Configuration(proxyBeanMethods = false)
class OrganizationConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(OrganizationConfiguration.class);

	@Bean
	Organization organization(OrganizationProperties properties) {
		Organization organization = OrganizationFile.read(properties.organizationFile());
		logger.info("Listening for {} with {} departments and {} topics from {}", organization.name(),
				organization.departments().size(), organization.topics().size(), properties.organizationFile());
		return organization;
	}

}
