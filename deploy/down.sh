#!/usr/bin/env bash
# Stop what deploy/up.sh started (nginx, then every replica), by the PID files in the run dir.
#
#   deploy/down.sh [--run-dir DIR]      (default deploy/run)
#
# SIGTERM, then SIGKILL after 8 s. A PID is only signalled if the process still looks like the
# one up.sh started (its command line mentions nginx+run dir, or streamlit+its port).
set -uo pipefail

DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN_DIR="$DEPLOY_DIR/run"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --run-dir) RUN_DIR="$2"; shift 2 ;;
        -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "down.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
[[ -d "$RUN_DIR" ]] || { echo "down.sh: no run dir $RUN_DIR, nothing to stop"; exit 0; }
RUN_DIR="$(cd "$RUN_DIR" && pwd)"

ours() {  # ours PIDFILE -> 0 if the PID is alive and is the process up.sh started
    local pidfile="$1" pid cmd
    pid="$(cat "$pidfile" 2>/dev/null)" || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
    cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
    case "$(basename "$pidfile")" in
        nginx-master.pid) [[ "$cmd" == *nginx* && "$cmd" == *"$RUN_DIR"* ]] ;;
        replica-*.pid)
            local port; port="$(cat "${pidfile%.pid}.port" 2>/dev/null)"
            [[ "$cmd" == *streamlit* && "$cmd" == *"--server.port $port"* ]] ;;
        *) return 1 ;;
    esac
}

stop() {  # stop PIDFILE NAME
    local pidfile="$1" name="$2" pid
    [[ -f "$pidfile" ]] || return 0
    pid="$(cat "$pidfile")"
    if ours "$pidfile"; then
        kill -TERM "$pid" 2>/dev/null
        for _ in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then
            echo "down.sh: $name (pid $pid) still running after 8 s, SIGKILL" >&2
            kill -KILL "$pid" 2>/dev/null
        fi
        echo "stopped $name (pid $pid)"
    else
        echo "$name (pid $pid) not running"
    fi
    rm -f "$pidfile" "${pidfile%.pid}.port"
}

# nginx first (so no new session reaches a replica that is going away), then the replicas
stop "$RUN_DIR/nginx-master.pid" nginx
rm -f "$RUN_DIR/nginx.pid"
for f in "$RUN_DIR"/replica-*.pid; do
    [[ -e "$f" ]] || continue
    n="$(basename "$f" .pid)"
    stop "$f" "$n"
done
exit 0
