# Throw-away message brokers for samples and benchmarks, sourced by them; each listens on 127.0.0.1 at a free
# port and is stopped by its PID.
#   start_kafka DIR     a single-node KRaft Kafka (broker and controller in one JVM) run from Kafka's Maven jars,
#                       the ones the project's tests use (mvn resolves them; nothing else is downloaded): its
#                       storage formatted in DIR; sets kafka_bootstrap, kafka_pid and kafka_cp (the classpath,
#                       which also holds Kafka's own tools)
#   start_rabbitmq DIR  Debian's rabbitmq-server run as this user with its node's data, logs and cookie in DIR and
#                       no plugins; sets rabbitmq_uri and rabbitmq_pid
#   stop_brokers        stops what was started (rabbitmqctl stop, then the PIDs)
_free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
_wait_port() { # PORT PID LOG SECONDS
  for _ in $(seq 1 $(( $4 * 10 ))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    kill -0 "$2" 2>/dev/null || break
    sleep 0.1
  done
  echo "the broker did not start; see $3" >&2
  return 1
}
start_kafka() {
  local dir="$1" root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  mvn -q -B -f "$root/pom.xml" dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$dir/kafka.cp" > "$dir/mvn.log" 2>&1 || { cat "$dir/mvn.log" >&2; return 1; }
  kafka_cp="$(cat "$dir/kafka.cp")"
  local port controller
  port="$(_free_port)"; controller="$(_free_port)"
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/kafka-logs
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  local cluster
  cluster="$(python3 -c 'import base64,uuid; print(base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("="))')"
  java -cp "$kafka_cp" kafka.tools.StorageTool format -t "$cluster" -c "$dir/server.properties" \
    > "$dir/kafka.log" 2>&1 || { cat "$dir/kafka.log" >&2; return 1; }
  java -Xms256m -Xmx512m -cp "$kafka_cp" kafka.Kafka "$dir/server.properties" >> "$dir/kafka.log" 2>&1 &
  kafka_pid=$!
  kafka_bootstrap="127.0.0.1:$port"
  _wait_port "$port" "$kafka_pid" "$dir/kafka.log" 60
}
start_rabbitmq() {
  local dir="$1" port
  if [ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ]; then
    echo "RabbitMQ is not installed; apt-get install rabbitmq-server" >&2
    return 2
  fi
  port="$(_free_port)"
  mkdir -p "$dir/rabbitmq"
  echo "[]." > "$dir/rabbitmq/enabled_plugins"
  echo "listeners.tcp.default = 127.0.0.1:$port" > "$dir/rabbitmq/rabbitmq.conf"
  _rabbit_env=(HOME="$dir/rabbitmq" RABBITMQ_NODENAME="perf$$x$port@localhost" RABBITMQ_NODE_PORT="$port"
    RABBITMQ_DIST_PORT="$(_free_port)" RABBITMQ_MNESIA_BASE="$dir/rabbitmq/mnesia"
    RABBITMQ_LOG_BASE="$dir/rabbitmq/log" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/rabbitmq/enabled_plugins"
    RABBITMQ_CONFIG_FILE="$dir/rabbitmq/rabbitmq" RABBITMQ_PID_FILE="$dir/rabbitmq/pid")
  env "${_rabbit_env[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server > "$dir/rabbitmq/server.out" 2>&1 &
  rabbitmq_pid=$!
  rabbitmq_uri="amqp://guest:guest@127.0.0.1:$port"
  _wait_port "$port" "$rabbitmq_pid" "$dir/rabbitmq/server.out" 90
}
stop_brokers() {
  if [ -n "${rabbitmq_pid:-}" ]; then
    env "${_rabbit_env[@]}" /usr/lib/rabbitmq/bin/rabbitmqctl -n "$(printf '%s\n' "${_rabbit_env[@]}" \
      | sed -n 's/^RABBITMQ_NODENAME=//p')" stop > /dev/null 2>&1 || kill "$rabbitmq_pid" 2>/dev/null || true
    wait "$rabbitmq_pid" 2>/dev/null || true
    rabbitmq_pid=
  fi
  if [ -n "${kafka_pid:-}" ]; then
    kill "$kafka_pid" 2>/dev/null || true
    wait "$kafka_pid" 2>/dev/null || true
    kafka_pid=
  fi
}
