#!/usr/bin/env bash
# `make run`: create the demo database when there is none, then serve the
# API and the web console on http://$LISTEN (127.0.0.1:8080) and print a
# login. A busy port is named before anything is built or written.
set -eu
cd "$(dirname "$0")/.."
db="${1:-huzhu.db}"
bin="${HUZHU_BIN:-build/huzhu}"
listen="${LISTEN:-127.0.0.1:8080}"
host="${listen%:*}"
port="${listen##*:}"
case "$port" in
  ''|*[!0-9]*) echo "make run: LISTEN=$listen 应为 地址:端口 (expected HOST:PORT, e.g. 127.0.0.1:8080)" >&2; exit 1 ;;
esac
probe="$host"
[ "$probe" = 0.0.0.0 ] && probe=127.0.0.1
if (exec 3<>"/dev/tcp/$probe/$port") 2>/dev/null; then
  echo "make run: 端口 $port 已被占用 (port $port is in use at $probe)." >&2
  echo "          停止占用它的程序, 或换一个端口: make run PORT=$((port + 1))" >&2
  exit 3
fi
if [ ! -f "$db" ]; then
  echo "首次运行: 生成演示数据 (first run: building the demo data set) ..."
  "$bin" --db "sqlite:$db" demo
fi
shown="$host"
[ "$shown" = 0.0.0.0 ] && shown=127.0.0.1
cat <<MSG

  huzhu 职工互助保障系统
  管理后台 (console):  http://$shown:$port/
  API:                 http://$shown:$port/api/v1/openapi.json
  演示登录 (login):    admin / huzhu-demo-2026
                       (staff, reviewer, finance, cadre, unit, member: 同一密码)
  重置演示数据 (reset): 停止后删除 $db, 再 make run
  按 Ctrl-C 停止 (stop)

MSG
exec "$bin" --db "sqlite:$db" serve --listen "$listen"
