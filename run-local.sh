#!/usr/bin/env bash
# Builds ictrank (tests skipped) and starts the whole system on embedded defaults:
# Kafka (KRaft), a file-backed MongoDB wire server, GreenMail and the three services.
# Arguments go to the launcher: --demo, --data-dir=..., --campaign=..., --dashboard-port=..., --name=value.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q -B -ntp -DskipTests install
exec java -Xmx1g -jar deploy/local/target/ictrank-local-exec.jar "$@"
