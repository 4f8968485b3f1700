#!/usr/bin/env bash
# The job-submitter service of docker/compose.yaml: waits until the JobManager's REST API answers
# with a TaskManager registered, then submits the job detached, unless a job named frictionflow is
# already running (so a second `docker compose up` does not start a second copy with the same
# consumer group and transactional ids).
#
# Environment (all optional):
#   FRICTIONFLOW_JOB_CONFIG          job options file (default: /job/job.yaml)
#   FRICTIONFLOW_SAVEPOINT           restore from this savepoint or retained checkpoint path
#   FRICTIONFLOW_ALLOW_NON_RESTORED  true: pass --allowNonRestoredState (see docs/operations.md)
#   FRICTIONFLOW_SUBMIT_TIMEOUT      seconds to wait for the cluster (default: 180)
set -euo pipefail

REST="http://jobmanager:8081"
JAR=/opt/flink/usrlib/frictionflow.jar
CONFIG="${FRICTIONFLOW_JOB_CONFIG:-/job/job.yaml}"
deadline=$((SECONDS + ${FRICTIONFLOW_SUBMIT_TIMEOUT:-180}))

say() { echo "submit: $*" >&2; }

# Outputs are captured before matching, so pipefail cannot trip on a writer killed by SIGPIPE.
overview() { wget -q -O - "$REST/overview" 2>/dev/null || true; }
until [[ "$(overview)" =~ \"taskmanagers\":[1-9] ]]; do
  if ((SECONDS >= deadline)); then
    say "no JobManager with a registered TaskManager at $REST; giving up"
    exit 1
  fi
  sleep 2
done
say "cluster up: $(overview)"

running="$(flink list -r 2>/dev/null || true)"
if grep -E -q ': frictionflow \((RUNNING|RESTARTING|CREATED|INITIALIZING)\)' <<<"$running"; then
  say "a job named frictionflow is already running; not submitting another"
  echo "$running"
  exit 0
fi

args=(run -d)
if [[ -n "${FRICTIONFLOW_SAVEPOINT:-}" ]]; then
  say "restoring from $FRICTIONFLOW_SAVEPOINT"
  args+=(-s "$FRICTIONFLOW_SAVEPOINT")
fi
if [[ "${FRICTIONFLOW_ALLOW_NON_RESTORED:-false}" == true ]]; then
  args+=(--allowNonRestoredState)
fi
say "flink ${args[*]} $JAR job --config $CONFIG"
exec flink "${args[@]}" "$JAR" job --config "$CONFIG"
