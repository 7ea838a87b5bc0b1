package io.grapevine.search.index;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import org.elasticsearch.client.ResponseException;

/**
 * The HTTP status of Elasticsearch's refusal, which arrives parsed or, depending on the
 * transport, as the low-level client's response exception, wrapped or not.
 */
public final class ElasticsearchStatus {

	private ElasticsearchStatus() {
	}

	/**
	 * Whether a failure, or any failure it was caused by, is Elasticsearch answering a
	 * status.
	 * @param failure the failure
	 * @param status the status, {@code 409} for instance
	 * @return whether it is
	 */
	public static boolean is(Throwable failure, int status) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ElasticsearchException ex && ex.status() == status) {
				return true;
			}
			if (cause instanceof ResponseException ex && ex.getResponse().getStatusLine().getStatusCode() == status) {
				return true;
			}
		}
		return false;
	}

}
