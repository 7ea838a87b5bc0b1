package io.grapevine.ingest.source;

/**
 * A source instance that is configured but switched off, listed by the API so operators
 * see it exists.
 *
 * @param instanceId the source instance id
 */
public record DisabledSource(String instanceId) {
}
