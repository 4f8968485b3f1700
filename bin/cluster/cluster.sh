#!/usr/bin/env bash
# A real local stack without Docker: a standalone Flink 2.2.1 session cluster (one JobManager, one
# TaskManager) and a single-node Kafka 4.2.0 broker (KRaft), all on 127.0.0.1, from Maven Central
# jars, configured by flink-conf/config.yaml. Called as: bin/frictionflow cluster start|stop|status
# bin/frictionflow cluster produce|consume (Kafka's console tools against this broker) and
# bin/frictionflow flink ARGS (the Flink CLI against this cluster).
#
# Environment (all optional):
#   FRICTIONFLOW_CLUSTER_DIR    where jars, config, data, logs and pids live (default: .cluster/)
#   FRICTIONFLOW_REST_PORT      Flink REST and web UI port (default: 8081)
#   FRICTIONFLOW_RPC_PORT       JobManager RPC port (default: 6123)
#   FRICTIONFLOW_KAFKA_PORT     Kafka listener port (default: 9092)
#   FRICTIONFLOW_CONTROLLER_PORT Kafka controller port (default: 9093)
#   FRICTIONFLOW_TM_MEMORY      taskmanager.memory.process.size (default: config.yaml's)
#   FRICTIONFLOW_TM_SLOTS       taskmanager.numberOfTaskSlots (default: config.yaml's)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="${FRICTIONFLOW_CLUSTER_DIR:-$ROOT/.cluster}"
# The ports a running stack was started with, so that status, produce, consume and flink find it
# without the same variables; a variable set now still wins.
if [[ -f "$DIR/ports.env" ]]; then
  # shellcheck source=/dev/null
  source "$DIR/ports.env"
fi
REST_PORT="${FRICTIONFLOW_REST_PORT:-8081}"
RPC_PORT="${FRICTIONFLOW_RPC_PORT:-6123}"
KAFKA_PORT="${FRICTIONFLOW_KAFKA_PORT:-9092}"
CONTROLLER_PORT="${FRICTIONFLOW_CONTROLLER_PORT:-9093}"
HOST=127.0.0.1
FLINK_LIB="$DIR/flink/lib"
KAFKA_LIB="$DIR/kafka/lib"
CONF="$DIR/flink/conf"
LOGS="$DIR/log"
START_TIMEOUT="${FRICTIONFLOW_START_TIMEOUT:-90}"

# Flink's Java 17 module flags (a Flink distribution sets them in env.java.default-opts.all).
JAVA17_OPTS=(
  --add-exports=java.base/sun.net.util=ALL-UNNAMED
  --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)

say() { echo "cluster: $*" >&2; }
die() {
  say "$*"
  exit 1
}

# Copies the dependencies of a jar-set pom into a lib directory, again whenever the pom changes
# (a version bump): the marker holds the pom's checksum.
resolve() { # pom lib
  local sum
  sum="$(sha256sum "$1" | cut -d' ' -f1)"
  [[ -f "$2/.complete" && "$(cat "$2/.complete")" == "$sum" ]] && return 0
  say "fetching $(basename "$1" .pom.xml) jars from Maven Central into $2"
  rm -rf "$2"
  mkdir -p "$2"
  local args=(-B -q -f "$1" dependency:copy-dependencies -DoutputDirectory="$2")
  # Offline first (a warm local repository), then online.
  mvn -o "${args[@]}" >/dev/null 2>&1 || mvn "${args[@]}" >&2 || die "could not fetch the jars of $1"
  echo "$sum" >"$2/.complete"
}

# Running, and not a zombie: a process killed with -9 can stay a zombie until its parent reaps it.
pid_alive() {
  local pid
  [[ -f "$DIR/$1.pid" ]] || return 1
  pid="$(cat "$DIR/$1.pid")"
  kill -0 "$pid" 2>/dev/null && [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]]
}
port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

wait_for() { # what command...
  local what="$1" deadline=$((SECONDS + START_TIMEOUT))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || die "$what did not come up within ${START_TIMEOUT}s; see $LOGS"
    sleep 0.5
  done
}

rest_up() { curl -fsS "http://$HOST:$REST_PORT/overview" >/dev/null 2>&1; }
# Whether the TaskManager started last has registered: the JobManager can still count one that
# was killed until its heartbeat times out, so look for this one's resource id.
tm_registered() {
  curl -fsS "http://$HOST:$REST_PORT/taskmanagers" 2>/dev/null | grep -q "\"id\":\"$(cat "$DIR/taskmanager.id")\""
}

# The cluster's config.yaml: the project's flink-conf/config.yaml, plus loopback addresses, ports
# and this stack's checkpoint and savepoint directories.
write_flink_conf() {
  mkdir -p "$CONF" "$DIR/checkpoints" "$DIR/savepoints"
  grep -v -E '^\s*(dir|savepoint-dir):' "$ROOT/flink-conf/config.yaml" >"$CONF/config.yaml"
  cat >>"$CONF/config.yaml" <<EOF

# Added by bin/frictionflow cluster: loopback only, this stack's ports and directories.
rest.address: $HOST
rest.bind-address: $HOST
rest.port: $REST_PORT
jobmanager.bind-host: $HOST
jobmanager.rpc.port: $RPC_PORT
taskmanager.bind-host: $HOST
taskmanager.host: $HOST
execution.checkpointing.dir: file://$DIR/checkpoints
execution.checkpointing.savepoint-dir: file://$DIR/savepoints
EOF
  if [[ -n "${FRICTIONFLOW_TM_MEMORY:-}" ]]; then
    sed -i -E "/^taskmanager:/,/^[a-z]/ s/^(      size:).*/\1 $FRICTIONFLOW_TM_MEMORY/" "$CONF/config.yaml"
  fi
  if [[ -n "${FRICTIONFLOW_TM_SLOTS:-}" ]]; then
    sed -i -E "s/^(  numberOfTaskSlots:).*/\1 $FRICTIONFLOW_TM_SLOTS/" "$CONF/config.yaml"
  fi
  cp "$ROOT/bin/cluster/log4j-cluster.properties" "$CONF/log4j.properties"
  cp "$ROOT/bin/log4j2-cli.properties" "$CONF/log4j-cli.properties"
  # The Flink CLI warns, with a stack trace, that it has no YARN support, and that there is no
  # plugins directory: neither applies to this stack.
  cat >>"$CONF/log4j-cli.properties" <<EOF
logger.cli.name = org.apache.flink.client.cli.CliFrontend
logger.cli.level = ERROR
logger.plugins.name = org.apache.flink.core.plugin
logger.plugins.level = ERROR
EOF
}

# BashJavaUtils derives the JVM memory flags (and, for a TaskManager, the memory settings to pass
# on) from config.yaml, as Flink's own scripts do. Prints the JVM flags, then the dynamic configs.
memory_params() { # GET_JM_RESOURCE_PARAMS|GET_TM_RESOURCE_PARAMS
  local out
  out="$(java -cp "$FLINK_LIB/*" -Dlog4j.configurationFile="$CONF/log4j-cli.properties" \
    org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$CONF" 2>&1)" || true
  grep -q '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$out" ||
    die "cannot derive the memory settings from $CONF/config.yaml: $(tail -n 5 <<<"$out")"
  sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p' <<<"$out"
}

start_kafka() {
  if pid_alive kafka; then
    say "kafka already running (pid $(cat "$DIR/kafka.pid"))"
    return
  fi
  port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is taken; set FRICTIONFLOW_KAFKA_PORT"
  local props="$DIR/kafka/server.properties"
  mkdir -p "$DIR/kafka/data"
  cat >"$props" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$DIR/kafka/data
num.partitions=4
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
EOF
  local kjava=(java -Xmx512m -Dlog.file="$LOGS/kafka.log"
    -Dlog4j2.configurationFile="$CONF/log4j.properties" -cp "$KAFKA_LIB/*")
  if [[ ! -f "$DIR/kafka/data/meta.properties" ]]; then
    local id
    id="$("${kjava[@]}" kafka.tools.StorageTool random-uuid)"
    "${kjava[@]}" kafka.tools.StorageTool format -t "$id" -c "$props" >/dev/null
  fi
  nohup "${kjava[@]}" kafka.Kafka "$props" >"$LOGS/kafka.out" 2>&1 &
  echo $! >"$DIR/kafka.pid"
  wait_for "kafka on $HOST:$KAFKA_PORT" port_open "$KAFKA_PORT"
  say "kafka      $HOST:$KAFKA_PORT (pid $(cat "$DIR/kafka.pid"))"
}

# Starts whichever of the JobManager and the TaskManager is not running, so that `start` also
# brings back a TaskManager that died (docs/operations.md, "Fail and recover").
start_flink() {
  local params jvm dyn
  if pid_alive jobmanager; then
    say "jobmanager already running (pid $(cat "$DIR/jobmanager.pid"))"
  else
    port_open "$REST_PORT" && die "port $REST_PORT is taken; set FRICTIONFLOW_REST_PORT"
    params="$(memory_params GET_JM_RESOURCE_PARAMS)"
    read -r -a jvm <<<"$(sed -n 1p <<<"$params")"
    nohup java "${jvm[@]}" "${JAVA17_OPTS[@]}" -Dlog.file="$LOGS/jobmanager.log" \
      -Dlog4j.configurationFile="$CONF/log4j.properties" -cp "$FLINK_LIB/*" \
      org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint --configDir "$CONF" \
      >"$LOGS/jobmanager.out" 2>&1 &
    echo $! >"$DIR/jobmanager.pid"
  fi
  wait_for "the JobManager's REST on port $REST_PORT" rest_up

  # The TaskManager comes after the JobManager answers.
  if pid_alive taskmanager; then
    say "taskmanager already running (pid $(cat "$DIR/taskmanager.pid"))"
  else
    params="$(memory_params GET_TM_RESOURCE_PARAMS)"
    read -r -a jvm <<<"$(sed -n 1p <<<"$params")"
    read -r -a dyn <<<"$(sed -n 2p <<<"$params")"
    echo "taskmanager-$(date +%s%N)" >"$DIR/taskmanager.id"
    nohup java "${jvm[@]}" "${JAVA17_OPTS[@]}" -Dlog.file="$LOGS/taskmanager.log" \
      -Dlog4j.configurationFile="$CONF/log4j.properties" -cp "$FLINK_LIB/*" \
      org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$CONF" "${dyn[@]}" \
      -D "taskmanager.resource-id=$(cat "$DIR/taskmanager.id")" \
      >"$LOGS/taskmanager.out" 2>&1 &
    echo $! >"$DIR/taskmanager.pid"
  fi
  wait_for "the TaskManager to register" tm_registered
  say "flink      http://$HOST:$REST_PORT (jobmanager pid $(cat "$DIR/jobmanager.pid"), taskmanager pid $(cat "$DIR/taskmanager.pid"))"
}

# Kafka's own command line tools (kafka-tools), against this stack's broker.
kafka_tool() { # class args...
  [[ -f "$KAFKA_LIB/.complete" ]] || die "no Kafka jars; run: bin/frictionflow cluster start"
  local class="$1"
  shift
  java -Xmx256m -Dlog4j2.configurationFile="$ROOT/bin/log4j2-cli.properties" -cp "$KAFKA_LIB/*" \
    "$class" --bootstrap-server "$HOST:$KAFKA_PORT" "$@"
}

stop_one() { # name
  pid_alive "$1" || {
    rm -f "$DIR/$1.pid"
    return 0
  }
  local pid deadline=$((SECONDS + 30))
  pid="$(cat "$DIR/$1.pid")"
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      kill -9 "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  rm -f "$DIR/$1.pid"
  say "stopped $1 (pid $pid)"
}

status() {
  local rc=0 name
  for name in kafka jobmanager taskmanager; do
    if pid_alive "$name"; then
      printf '%-12s running (pid %s)\n' "$name" "$(cat "$DIR/$name.pid")"
    else
      printf '%-12s stopped\n' "$name"
      rc=3
    fi
  done
  if rest_up; then
    printf '%-12s %s\n' "rest" "http://$HOST:$REST_PORT $(curl -fsS "http://$HOST:$REST_PORT/overview")"
  fi
  printf '%-12s %s\n' "kafka" "$HOST:$KAFKA_PORT"
  return $rc
}

cmd="${1:-}"
shift || true
case "$cmd" in
  start)
    resolve "$ROOT/bin/cluster/flink.pom.xml" "$FLINK_LIB"
    resolve "$ROOT/bin/cluster/kafka.pom.xml" "$KAFKA_LIB"
    mkdir -p "$LOGS"
    printf 'FRICTIONFLOW_REST_PORT=%s\nFRICTIONFLOW_RPC_PORT=%s\nFRICTIONFLOW_KAFKA_PORT=%s\nFRICTIONFLOW_CONTROLLER_PORT=%s\n' \
      "$REST_PORT" "$RPC_PORT" "$KAFKA_PORT" "$CONTROLLER_PORT" >"$DIR/ports.env"
    write_flink_conf
    start_kafka
    start_flink
    say "logs in $LOGS; stop with: bin/frictionflow cluster stop"
    ;;
  stop)
    stop_one taskmanager
    stop_one jobmanager
    stop_one kafka
    ;;
  status)
    status
    ;;
  flink)
    # The Flink command line client against this cluster: flink run, list, stop, savepoint, cancel.
    [[ -f "$CONF/config.yaml" ]] || die "no cluster config; run: bin/frictionflow cluster start"
    FLINK_CONF_DIR="$CONF" exec java "${JAVA17_OPTS[@]}" \
      -Dlog4j.configurationFile="$CONF/log4j-cli.properties" -cp "$FLINK_LIB/*" \
      org.apache.flink.client.cli.CliFrontend "$@"
    ;;
  produce)
    # JSONL events to a topic (default: events), each keyed by its session_id as the job expects;
    # a line without one gets an empty key (and ends up on events-failed if it is malformed).
    [[ $# -ge 1 ]] || die "usage: bin/frictionflow cluster produce FILE.jsonl [TOPIC]"
    [[ -r "$1" ]] || die "cannot read $1"
    sed -E 's/^(.*"session_id"[[:space:]]*:[[:space:]]*"([^"]*)".*)$/\2\t\1/; t; s/^/\t/' "$1" |
      kafka_tool org.apache.kafka.tools.ConsoleProducer --topic "${2:-events}" \
        --reader-property parse.key=true --reader-property key.separator=$'\t'
    say "sent $(wc -l <"$1") lines of $1 to ${2:-events}"
    ;;
  consume)
    # Prints a topic from the start; more arguments go to Kafka's console consumer, e.g.
    # --isolation-level read_committed, --max-messages N, --timeout-ms MS, --property print.key=true
    [[ $# -ge 1 ]] || die "usage: bin/frictionflow cluster consume TOPIC [console consumer options]"
    topic="$1"
    shift
    kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer --topic "$topic" --from-beginning "$@"
    ;;
  *)
    echo "usage: bin/frictionflow cluster start|stop|status" >&2
    echo "       bin/frictionflow cluster produce FILE.jsonl [TOPIC]   (keyed by session_id)" >&2
    echo "       bin/frictionflow cluster consume TOPIC [console consumer options]" >&2
    echo "       bin/frictionflow flink ARGS...   (the Flink CLI against the local cluster)" >&2
    exit 2
    ;;
esac
