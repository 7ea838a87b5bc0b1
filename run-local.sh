#!/usr/bin/env bash
# Starts the whole platform on this machine: real Kafka and Elasticsearch, the three
# services, a local mailbox and the demo source. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
if [[ "${GRAPEVINE_SKIP_BUILD:-}" != "true" ]]; then
	echo "Building Grapevine (set GRAPEVINE_SKIP_BUILD=true to skip)..."
	./mvnw -q -B -DskipTests install
fi
exec java -Xmx256m -cp "platform/target/classes:$(cat platform/target/launcher.classpath)" \
	io.grapevine.platform.LocalPlatform "$@"
