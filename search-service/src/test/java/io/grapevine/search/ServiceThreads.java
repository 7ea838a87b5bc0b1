package io.grapevine.search;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the service's threads in this test JVM are waiting on, for the message of a page
 * test that waited in vain: the service runs in the same JVM as the browser tests.
 */
final class ServiceThreads {

	private static final int FRAMES = 12;

	private static final List<String> IDLE = List.of("epollWait", "EPoll.wait", "SelectorImpl.select",
			"DelayedWorkQueue.take", "DelayedWorkQueue.poll", "LinkedBlockingQueue.take");

	private ServiceThreads() {
	}

	/**
	 * The stacks of the server, Elasticsearch client and Reactor threads that are busy or
	 * stuck rather than waiting for work, a few frames each.
	 * @return one block per thread
	 */
	static String busyOrStuck() {
		return Thread.getAllStackTraces()
			.entrySet()
			.stream()
			.filter((entry) -> serviceThread(entry.getKey().getName()) && !idle(entry.getValue()))
			.map((entry) -> entry.getKey().getName() + " " + entry.getKey().getState() + "\n"
					+ Arrays.stream(entry.getValue())
						.limit(FRAMES)
						.map((frame) -> "    at " + frame)
						.collect(Collectors.joining("\n")))
			.collect(Collectors.joining("\n"));
	}

	private static boolean serviceThread(String name) {
		return name.startsWith("webflux-http") || name.startsWith("reactor-http") || name.startsWith("I/O dispatcher")
				|| name.startsWith("elasticsearch-rest-client") || name.startsWith("parallel-")
				|| name.startsWith("boundedElastic-");
	}

	// Waiting for the next connection, event or task.
	private static boolean idle(StackTraceElement[] stack) {
		return Arrays.stream(stack)
			.limit(FRAMES)
			.map(StackTraceElement::toString)
			.anyMatch((frame) -> IDLE.stream().anyMatch(frame::contains));
	}

}
