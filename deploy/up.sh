#!/usr/bin/env bash
# Start K Streamlit replicas of the Atlas on loopback plus nginx in front of them (sticky by cookie).
#
#   deploy/up.sh [--replicas K] [--port P] [--address A] [--base-port B] [--run-dir DIR] [--log-dir DIR]
#                [--light DIR]
#
#   --replicas K   Streamlit processes (default 2; about one per CPU core)
#   --port P       nginx listens on A:P (default 8080)
#   --address A    nginx's address (default 127.0.0.1: this machine only; 0.0.0.0: every network it is on,
#                  e.g. for a class on the school network; the replicas always stay on 127.0.0.1)
#   --base-port B  replica i listens on 127.0.0.1:B+i (default P+1)
#   --run-dir DIR  PID files, rendered nginx.conf, temp and cache dirs (default deploy/run)
#   --log-dir DIR  the replicas' and nginx's logs, outside the checkout (default
#                  ${XDG_STATE_HOME:-~/.local/state}/ai-summit-atlas/logs), each rotated at 10 MB, 3 kept
#                  (deploy/rotate.py): no visitor can fill the disk or the checkout with log lines
#   --light DIR    serve this already built light edition at /light/ (default: build it into RUN_DIR/light
#                  with `python -m components.export light`, from the same data as the replicas)
#
# Waits until every replica's /_stcore/health and nginx answer, then prints the URL and exits,
# leaving the processes running. Stop them with deploy/down.sh [--run-dir DIR].
# On any failure it stops whatever it started. Installs nginx with apt-get if /usr/sbin/nginx
# is missing (Debian's package).
set -euo pipefail

DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
APP_DIR="$(dirname "$DEPLOY_DIR")"
REPLICAS=2
PORT=8080
ADDRESS=127.0.0.1
BASE_PORT=""
RUN_DIR="$DEPLOY_DIR/run"
LOG_DIR="${XDG_STATE_HOME:-$HOME/.local/state}/ai-summit-atlas/logs"
LIGHT_DIR=""
STREAMLIT="${STREAMLIT:-$APP_DIR/.venv/bin/streamlit}"
NGINX="${NGINX:-/usr/sbin/nginx}"
START_TIMEOUT="${START_TIMEOUT:-90}"

usage() { sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --replicas) REPLICAS="$2"; shift 2 ;;
        --port) PORT="$2"; shift 2 ;;
        --address) ADDRESS="$2"; shift 2 ;;
        --base-port) BASE_PORT="$2"; shift 2 ;;
        --run-dir) RUN_DIR="$2"; shift 2 ;;
        --log-dir) LOG_DIR="$2"; shift 2 ;;
        --light) LIGHT_DIR="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "up.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
done
[[ "$REPLICAS" =~ ^[1-9][0-9]*$ ]] || { echo "up.sh: --replicas must be >= 1" >&2; exit 2; }
[[ "$PORT" =~ ^[0-9]+$ ]] || { echo "up.sh: bad --port" >&2; exit 2; }
[[ "$ADDRESS" =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ ]] || { echo "up.sh: --address must be an IPv4 address" >&2; exit 2; }
# where up.sh itself checks nginx's health: a wildcard address answers on loopback
CHECK_HOST="$ADDRESS"; [[ "$ADDRESS" == 0.0.0.0 ]] && CHECK_HOST=127.0.0.1
BASE_PORT="${BASE_PORT:-$((PORT + 1))}"
mkdir -p "$RUN_DIR"
RUN_DIR="$(cd "$RUN_DIR" && pwd)"

if ls "$RUN_DIR"/*.pid >/dev/null 2>&1; then
    echo "up.sh: $RUN_DIR already has PID files; run deploy/down.sh --run-dir $RUN_DIR first" >&2
    exit 1
fi

# ---- nginx (Debian package) ---------------------------------------------------------------
if [[ ! -x "$NGINX" ]]; then
    echo "up.sh: $NGINX missing, installing Debian's nginx package" >&2
    if [[ $EUID -eq 0 ]]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y nginx >&2
    else
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y nginx >&2
    fi
fi

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$PORT" $(seq "$BASE_PORT" $((BASE_PORT + REPLICAS - 1))); do
    if port_busy "$p"; then echo "up.sh: 127.0.0.1:$p is already in use" >&2; exit 1; fi
done

mkdir -p "$LOG_DIR"
LOG_DIR="$(cd "$LOG_DIR" && pwd)"
case "$LOG_DIR/" in
    "$APP_DIR"/*) echo "up.sh: --log-dir $LOG_DIR is inside the checkout; choose a folder outside it" >&2; exit 2 ;;
esac
PYTHON="${PYTHON:-$APP_DIR/.venv/bin/python}"
ROTATE=("$PYTHON" "$DEPLOY_DIR/rotate.py" --max-bytes 10000000 --keep 3)
echo "$LOG_DIR" >"$RUN_DIR/log-dir"
mkdir -p "$RUN_DIR/cache" \
         "$RUN_DIR"/tmp/{client_body,proxy,fastcgi,uwsgi,scgi}

cleanup_on_failure() {
    local rc=$?
    if [[ $rc -ne 0 ]]; then
        echo "up.sh: failed (rc=$rc), stopping what was started" >&2
        "$DEPLOY_DIR/down.sh" --run-dir "$RUN_DIR" >&2 || true
    fi
}
trap cleanup_on_failure EXIT
trap 'exit 130' INT TERM

# ---- Streamlit replicas (same flags as production) -----------------------------------------
# One cookie secret for all replicas (Streamlit otherwise draws a random one per process), so the
# _streamlit_xsrf cookie a browser got from one replica is still valid after a failover to another.
# Passed by environment, not argv, so it does not show in `ps`.
if [[ ! -s "$RUN_DIR/cookie-secret" ]]; then
    (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$RUN_DIR/cookie-secret")
fi
export STREAMLIT_SERVER_COOKIE_SECRET="$(cat "$RUN_DIR/cookie-secret")"
for ((i = 0; i < REPLICAS; i++)); do
    p=$((BASE_PORT + i))
    (
        cd "$APP_DIR"
        exec "$STREAMLIT" run app.py \
            --server.port "$p" --server.address 127.0.0.1 \
            --server.headless true --server.fileWatcherType none --server.runOnSave false \
            --browser.gatherUsageStats false
    ) > >("${ROTATE[@]}" "$LOG_DIR/replica-$i.log" >/dev/null 2>&1) 2>&1 </dev/null &
    echo $! >"$RUN_DIR/replica-$i.pid"
    echo "$p" >"$RUN_DIR/replica-$i.port"
done

# ---- the light edition (static pages at /light/) ------------------------------------------------
if [[ -z "$LIGHT_DIR" ]]; then
    LIGHT_DIR="$RUN_DIR/light"
    (cd "$APP_DIR" && "$PYTHON" -m components.export light --gzip "$LIGHT_DIR") >"$LOG_DIR/light.log" 2>&1 \
        || { echo "up.sh: the light edition did not build, see $LOG_DIR/light.log" >&2; tail -5 "$LOG_DIR/light.log" >&2; exit 1; }
fi
[[ -f "$LIGHT_DIR/index.html" ]] || { echo "up.sh: $LIGHT_DIR has no index.html (not a light edition)" >&2; exit 1; }
LIGHT_DIR="$(cd "$LIGHT_DIR" && pwd)"

# ---- render nginx.conf ------------------------------------------------------------------------
split="" cookie_map="" addr_map="" upstreams=""
share=$((100 / REPLICAS))
for ((i = 0; i < REPLICAS; i++)); do
    if ((i == REPLICAS - 1)); then split+="        *       r$i;"$'\n'
    else split+="        ${share}%     r$i;"$'\n'; fi
    cookie_map+="        r$i r$i;"$'\n'
    addr_map+="        \"~(^|\\s)127\\.0\\.0\\.1:$((BASE_PORT + i))\$\" r$i;"$'\n'
    upstreams+="    upstream atlas_r$i {"$'\n'
    upstreams+="        server 127.0.0.1:$((BASE_PORT + i)) max_fails=1 fail_timeout=5s;"$'\n'
    for ((j = 1; j < REPLICAS; j++)); do
        upstreams+="        server 127.0.0.1:$((BASE_PORT + (i + j) % REPLICAS)) backup max_fails=1 fail_timeout=5s;"$'\n'
    done
    upstreams+="        keepalive 16;"$'\n'"    }"$'\n'
done
user_line="# (not root: workers run as the invoking user)"
[[ $EUID -eq 0 ]] && user_line="user nobody nogroup;    # master started by root: workers drop privileges"

TEMPLATE="$DEPLOY_DIR/nginx.conf.template" OUT="$RUN_DIR/nginx.conf" \
SPLIT="$split" COOKIE_MAP="$cookie_map" ADDR_MAP="$addr_map" UPSTREAMS="$upstreams" \
USER_LINE="$user_line" RUN_DIR="$RUN_DIR" LISTEN="$ADDRESS:$PORT" LIGHT_DIR="$LIGHT_DIR" \
awk '
    BEGIN { split("SPLIT COOKIE_MAP ADDR_MAP UPSTREAMS", blocks, " ") }
    {
        line = $0
        done = 0
        for (k in blocks) {
            if (line ~ "^@" blocks[k] "@$") { v = ENVIRON[blocks[k]]; sub(/\n$/, "", v); print v; done = 1 }
        }
        if (done) next
        gsub(/@USER_LINE@/, ENVIRON["USER_LINE"], line)
        gsub(/@RUN_DIR@/, ENVIRON["RUN_DIR"], line)
        gsub(/@LISTEN@/, ENVIRON["LISTEN"], line)
        gsub(/@LIGHT_DIR@/, ENVIRON["LIGHT_DIR"], line)
        print line
    }' "$DEPLOY_DIR/nginx.conf.template" >"$RUN_DIR/nginx.conf"
# blocks that sit on their own indented line in the template
sed -i 's/^[[:space:]]*$//' "$RUN_DIR/nginx.conf"
if grep -v '^[[:space:]]*#' "$RUN_DIR/nginx.conf" | grep -q '@[A-Z_]*@'; then
    echo "up.sh: unrendered placeholder in $RUN_DIR/nginx.conf" >&2; exit 1
fi
if [[ $EUID -eq 0 ]]; then
    # workers run as nobody: they write tmp/ and cache/ and must be able to reach them
    chmod 755 "$RUN_DIR"
    chown -R nobody:nogroup "$RUN_DIR/tmp" "$RUN_DIR/cache"
    if ! runuser -u nobody -- test -w "$RUN_DIR/cache" -a -w "$RUN_DIR/tmp/proxy" -a -r "$LIGHT_DIR/index.html"; then
        echo "up.sh: nginx workers (user nobody) cannot reach $RUN_DIR (a parent directory is not" \
             "world-traversable); use a run dir under deploy/ or /srv" >&2
        exit 1
    fi
fi

"$NGINX" -t -q -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -e /dev/stderr \
    2>>"$LOG_DIR/nginx-error.log" \
    || { echo "up.sh: nginx -t failed, see $LOG_DIR/nginx-error.log" >&2; tail -5 "$LOG_DIR/nginx-error.log" >&2; exit 1; }
# nginx writes its access log to standard output and its errors to standard error (nginx.conf.template), each
# through the rotating copier, as the replicas do
"$NGINX" -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -e /dev/stderr \
    > >("${ROTATE[@]}" "$LOG_DIR/nginx-access.log" >/dev/null 2>&1) \
    2> >("${ROTATE[@]}" "$LOG_DIR/nginx-error.log" >/dev/null 2>&1) </dev/null &
echo $! >"$RUN_DIR/nginx-master.pid"

# ---- wait for health ---------------------------------------------------------------------------
healthy() { curl -fs --noproxy '*' -m 2 -o /dev/null "http://${2:-127.0.0.1}:$1/_stcore/health"; }
deadline=$((SECONDS + START_TIMEOUT))
for ((i = 0; i < REPLICAS; i++)); do
    p=$((BASE_PORT + i))
    until healthy "$p"; do
        if ! kill -0 "$(cat "$RUN_DIR/replica-$i.pid")" 2>/dev/null; then
            echo "up.sh: replica $i exited, see $LOG_DIR/replica-$i.log" >&2
            tail -20 "$LOG_DIR/replica-$i.log" >&2; exit 1
        fi
        ((SECONDS < deadline)) || { echo "up.sh: replica $i (port $p) not healthy after ${START_TIMEOUT}s" >&2; exit 1; }
        sleep 0.3
    done
done
until healthy "$PORT" "$CHECK_HOST"; do
    kill -0 "$(cat "$RUN_DIR/nginx-master.pid")" 2>/dev/null \
        || { echo "up.sh: nginx exited, see $LOG_DIR/nginx-error.log" >&2; tail -5 "$LOG_DIR/nginx-error.log" >&2; exit 1; }
    ((SECONDS < deadline)) || { echo "up.sh: nginx not answering after ${START_TIMEOUT}s" >&2; exit 1; }
    sleep 0.2
done

trap - EXIT
echo "Atlas: http://$CHECK_HOST:$PORT/  ($REPLICAS replica(s) on 127.0.0.1:$BASE_PORT-$((BASE_PORT + REPLICAS - 1)); run dir $RUN_DIR; logs $LOG_DIR)"
if [[ "$ADDRESS" == 0.0.0.0 ]]; then
    echo "Other computers: http://<this computer's address>:$PORT/ (its addresses: $(hostname -I 2>/dev/null || echo unknown))"
fi
