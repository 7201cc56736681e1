#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on loopback for the tests and benchmarks.
#   pg.sh start DIR   -> initdb + start in DIR, prints the port
#   pg.sh stop DIR    -> stop and remove DIR
#   HZ_PG_OPTS: more server options ("-c name=value ...", bench/pg_servers.sh)
set -eu
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "postgresql is not installed" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-}" in
start)
  dir=$2
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C --no-sync >/dev/null
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o \
    "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300 ${HZ_PG_OPTS:-}" \
    start >/dev/null
  echo "$port"
  ;;
stop)
  dir=$2
  as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*) echo "usage: pg.sh start|stop DIR" >&2; exit 1 ;;
esac
