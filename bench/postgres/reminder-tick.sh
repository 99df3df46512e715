#!/usr/bin/env bash
# The reminder tick on PostgreSQL (issue #27): a throwaway cluster on this machine (durable defaults), a new database,
# then `reminder-tick-pg` (1,000 workspaces with one open mediation case each, no plan tasks): each source's
# collection time and the whole tick. Needs Debian's postgresql.
#   bench/postgres/reminder-tick.sh [workspaces, default 1000] [ticks, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
workspaces=${1:-1000}
ticks=${2:-10}
work=$(mktemp -d /tmp/pgtick.XXXXXX)
chown postgres "$work" 2>/dev/null || true
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=$((56000 + RANDOM % 4000))
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { as_pg "$bin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true; }
trap cleanup EXIT

as_pg "$bin/initdb" -D "$work/pg" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-p $port -k $work -c listen_addresses=127.0.0.1" start >/dev/null
psql -h 127.0.0.1 -p "$port" -U postgres -qc "create database chatbot"
dotnet run -c Release --project bench/ChatBot.Benchmarks -- reminder-tick-pg \
  --connection "Host=127.0.0.1;Port=$port;Username=postgres;Database=chatbot" --workspaces "$workspaces" --ticks "$ticks"
