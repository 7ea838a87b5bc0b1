package io.grapevine.localstack;

import java.nio.file.Path;

/**
 * The Java installation and user of the current JVM, which the child processes reuse.
 */
final class Jvm {

	private Jvm() {
	}

	static Path home() {
		return Path.of(System.getProperty("java.home"));
	}

	static Path java() {
		return home().resolve("bin").resolve("java");
	}

	static boolean isRoot() {
		return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
	}

}
