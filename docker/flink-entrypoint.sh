#!/usr/bin/env bash
# Entrypoint of the frictionflow job image: writes conf/config.yaml from the project's
# flink-conf/config.yaml, then hands over to the official Flink entrypoint, which applies
# FLINK_PROPERTIES (jobmanager.rpc.address, checkpoint directories, ...) to that file and starts
# the JobManager, the TaskManager, or any other command (the job submitter's script).
#
# Why a copy and not a read-only mount over conf/config.yaml: the official entrypoint rewrites
# conf/config.yaml in place on every start (it always sets jobmanager.rpc.address and the blob
# port, then FLINK_PROPERTIES). On a read-only file that write fails, the JobManager keeps
# jobmanager.rpc.address: localhost and the TaskManager never finds it.
#
# The project's config.yaml has no env.java.* block; the Flink distribution's config.yaml carries
# the Java 17 --add-opens/--add-exports flags there. The Dockerfile saved that block in
# conf/java17-env.yaml; it is appended so that the JVMs keep those flags.
set -euo pipefail

FLINK_HOME="${FLINK_HOME:-/opt/flink}"
PROJECT_CONF="${FRICTIONFLOW_FLINK_CONF:-$FLINK_HOME/conf-project/config.yaml}"
JAVA_ENV="$FLINK_HOME/conf/java17-env.yaml"

if [[ -f "$PROJECT_CONF" ]]; then
  {
    cat "$PROJECT_CONF"
    echo
    echo "# Appended by flink-entrypoint.sh: the distribution's JVM options (Java 17 module flags)."
    cat "$JAVA_ENV"
  } >"$FLINK_HOME/conf/config.yaml.new"
  mv "$FLINK_HOME/conf/config.yaml.new" "$FLINK_HOME/conf/config.yaml"
else
  echo "flink-entrypoint: $PROJECT_CONF not found; keeping the image's conf/config.yaml" >&2
fi

exec /docker-entrypoint.sh "$@"
