package io.grapevine.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Elasticsearch distribution unpacked from the zip in the local Maven repository into
 * a cache folder, once per version.
 */
final class ElasticsearchDistribution {

	private static final Logger logger = LoggerFactory.getLogger(ElasticsearchDistribution.class);

	private static final String ZIP_RESOURCE = "elasticsearch-distribution.path";

	static final String COMPLETE_MARKER = ".grapevine-unpacked";

	private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

	private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

	private ElasticsearchDistribution() {
	}

	/**
	 * Return the home of the unpacked distribution, unpacking it first when the cache
	 * does not hold a complete copy.
	 */
	static Path home() {
		Path zip = zip();
		return unpacked(zip, cacheDirectory());
	}

	static Path zip() {
		String path = KafkaBroker.resource(ZIP_RESOURCE).trim();
		if (path.isEmpty() || !Files.isRegularFile(Path.of(path))) {
			throw new LocalStackException("The Elasticsearch distribution '" + path
					+ "' is not in the local Maven repository: build local-stack again with './mvnw -pl local-stack install'");
		}
		return Path.of(path);
	}

	/**
	 * Return the cache folder: readable by the unprivileged user Elasticsearch runs as
	 * when this JVM is root ({@code /root/.cache} is not), the user's cache otherwise.
	 */
	static Path cacheDirectory() {
		if (Jvm.isRoot()) {
			return Path.of(System.getProperty("java.io.tmpdir"));
		}
		String xdgCache = System.getenv("XDG_CACHE_HOME");
		if (xdgCache != null && !xdgCache.isBlank()) {
			return Path.of(xdgCache, "grapevine");
		}
		// $HOME first: Java's user.home comes from the password database, which for
		// service
		// accounts often names a folder that does not exist.
		String home = System.getenv("HOME");
		Path userHome = Path.of((home != null && !home.isBlank()) ? home : System.getProperty("user.home"));
		return userHome.resolve(".cache").resolve("grapevine");
	}

	/**
	 * Return the distribution unpacked under {@code cacheDirectory}, named like the zip's
	 * top folder (prefixed with {@code grapevine-} in a shared temporary folder).
	 */
	static Path unpacked(Path zip, Path cacheDirectory) {
		String name = zip.getFileName().toString().replaceFirst("\\.zip$", "");
		Path home = cacheDirectory.resolve(Jvm.isRoot() ? "grapevine-" + name : name);
		if (Files.isRegularFile(home.resolve(COMPLETE_MARKER), LinkOption.NOFOLLOW_LINKS)) {
			requireTrusted(home);
			return home;
		}
		try {
			Files.createDirectories(cacheDirectory);
			if (Files.exists(home, LinkOption.NOFOLLOW_LINKS)) {
				requireTrusted(home);
				logger.info("Removing the incomplete Elasticsearch distribution in {}", home);
				deleteRecursively(home);
			}
			logger.info("Unpacking {} into {}", zip, home);
			Path staging = Files.createTempDirectory(cacheDirectory, "." + name + "-");
			Files.setPosixFilePermissions(staging, EXECUTABLE);
			unzip(zip, staging);
			Files.writeString(staging.resolve(COMPLETE_MARKER), zip + "\n");
			try {
				Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (FileAlreadyExistsException | AtomicMoveNotSupportedException ex) {
				// Another JVM unpacked it at the same time: use that copy.
				deleteRecursively(staging);
			}
			catch (IOException ex) {
				if (!Files.isRegularFile(home.resolve(COMPLETE_MARKER))) {
					throw ex;
				}
				deleteRecursively(staging);
			}
			return home;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not unpack " + zip + " into " + home, ex);
		}
	}

	/**
	 * Unpack the zip's single top folder into {@code target}: folders and {@code bin/}
	 * scripts executable, other files readable, by everyone.
	 */
	static void unzip(Path zip, Path target) throws IOException {
		try (ZipFile zipFile = new ZipFile(zip.toFile())) {
			Enumeration<? extends ZipEntry> entries = zipFile.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				String relative = withoutTopFolder(entry.getName());
				if (relative.isEmpty()) {
					continue;
				}
				Path destination = target.resolve(relative).normalize();
				if (!destination.startsWith(target)) {
					throw new IOException("Zip entry " + entry.getName() + " points outside " + target);
				}
				if (entry.isDirectory()) {
					Files.createDirectories(destination);
					Files.setPosixFilePermissions(destination, EXECUTABLE);
					continue;
				}
				Files.createDirectories(destination.getParent());
				try (InputStream input = zipFile.getInputStream(entry)) {
					Files.copy(input, destination, StandardCopyOption.REPLACE_EXISTING);
				}
				Files.setPosixFilePermissions(destination, relative.startsWith("bin/") ? EXECUTABLE : READABLE);
			}
		}
		try (Stream<Path> paths = Files.walk(target)) {
			for (Path path : paths.filter(Files::isDirectory).toList()) {
				Files.setPosixFilePermissions(path, EXECUTABLE);
			}
		}
	}

	private static String withoutTopFolder(String name) {
		int slash = name.indexOf('/');
		return (slash < 0) ? "" : name.substring(slash + 1);
	}

	/**
	 * As root the cache sits in a shared temporary folder: refuse a copy someone else
	 * could have planted there.
	 */
	private static void requireTrusted(Path home) {
		if (!Jvm.isRoot()) {
			return;
		}
		try {
			if (Files.isSymbolicLink(home) || !Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)
					|| ((Integer) Files.getAttribute(home, "unix:uid", LinkOption.NOFOLLOW_LINKS)) != 0) {
				throw new LocalStackException(home + " is not a folder owned by root: remove it and start again");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not check the owner of " + home, ex);
		}
	}

	static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(path)) {
			for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(each);
			}
		}
	}

}
