#!/usr/bin/env bash
# Turns/s and latency of the Release bot at 16 connections (wrk, bench/wrk/unknown-command.lua), in one run:
#   1. LiteDB (the embedded default), one process;
#   2. PostgreSQL, one instance;
#   3. PostgreSQL, two instances behind nginx (round robin).
# PostgreSQL is a throwaway cluster on this machine with its durable defaults (fsync, synchronous_commit on), so each
# turn's state is on disk when it is answered, as LiteDB's is. Needs Debian's postgresql, nginx and wrk.
#   bench/postgres/run.sh [seconds per measured run, default 20]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-20}
work=$(mktemp -d /tmp/pgbench.XXXXXX)
chown postgres "$work" 2>/dev/null || true
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  nginx -s stop -c "$work/nginx.conf" 2>/dev/null || true
  as_pg "$bin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

dotnet build -c Release bot -v q -nologo | grep -E "error|Warn" || true
as_pg "$bin/initdb" -D "$work/pg" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-p 55432 -k $work -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
psql -h 127.0.0.1 -p 55432 -U postgres -qc "create database chatbot"
pg="Host=127.0.0.1;Port=55432;Username=postgres;Database=chatbot;Maximum Pool Size=64"

start_bot() { # port, then settings as NAME=VALUE
  local port=$1; shift
  (cd bot && env Urls=http://127.0.0.1:$port Logging__LogLevel__Default=Warning Reminders__Enabled=false "$@" \
     dotnet bin/Release/net10.0/ChatBot.Bot.dll >"$work/bot-$port.log" 2>&1) &
  pids+=($!)
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return 0; sleep 0.1; done
  echo "bot on $port did not start"; cat "$work/bot-$port.log"; exit 1
}
measure() { # label, url
  echo "== $1 (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t2 -c16 -d10s -s bench/wrk/unknown-command.lua "$2" >/dev/null
  wrk -t2 -c16 -d"${secs}s" --latency -s bench/wrk/unknown-command.lua "$2" | grep -E "Requests/sec|^p(50|90|99) |requests [0-9]+"
}

start_bot 5101 Bot__DatabasePath="$work/lite/chatbot.db"
measure "LiteDB, one process" http://127.0.0.1:5101/api/messages
kill "${pids[0]}"; pids=()

start_bot 5102 Bot__Storage=postgres ConnectionStrings__Postgres="$pg"
measure "PostgreSQL, one instance" http://127.0.0.1:5102/api/messages

start_bot 5103 Bot__Storage=postgres ConnectionStrings__Postgres="$pg"
cat >"$work/nginx.conf" <<NGINX
pid $work/nginx.pid;
error_log $work/nginx.err;
events { worker_connections 1024; }
http {
  access_log off;
  upstream bots { server 127.0.0.1:5102; server 127.0.0.1:5103; keepalive 32; }
  server { listen 127.0.0.1:5100; location / { proxy_pass http://bots; proxy_http_version 1.1; proxy_set_header Connection ""; } }
}
NGINX
nginx -c "$work/nginx.conf"
measure "PostgreSQL, two instances behind nginx" http://127.0.0.1:5100/api/messages
