#!/usr/bin/env bash
# The kafka-init service of docker/compose.yaml: creates the job's topics (names: the defaults of
# docs/configuration.md, as set in docker/job.yaml) and the replay's prefixed outputs
# (docs/operations.md). Existing topics are left as they are, so it is safe to run again.
# The same set as `bin/frictionflow topics` creates; session-context is compacted.
set -euo pipefail

BOOTSTRAP="${BOOTSTRAP:-kafka:9092}"
PARTITIONS="${PARTITIONS:-4}"
TOPICS=/opt/kafka/bin/kafka-topics.sh

create() { # name [topic config...]
  local name="$1" cfg=() c
  shift
  for c in "$@"; do
    cfg+=(--config "$c")
  done
  "$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$name" \
    --partitions "$PARTITIONS" --replication-factor 1 "${cfg[@]}"
}

create events
for prefix in "" "replay-"; do
  create "${prefix}signals"
  create "${prefix}signals-fast"
  create "${prefix}events-failed"
  create "${prefix}events-late"
  create "${prefix}signals-undelivered"
  create "${prefix}session-context" cleanup.policy=compact
done

"$TOPICS" --bootstrap-server "$BOOTSTRAP" --describe --topic session-context
"$TOPICS" --bootstrap-server "$BOOTSTRAP" --list
