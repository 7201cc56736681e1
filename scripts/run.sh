#!/usr/bin/env bash
# `make run`: create the demo database when there is none, then serve the
# API and the web console on http://127.0.0.1:8080 and print a login.
set -eu
cd "$(dirname "$0")/.."
db="${1:-huzhu.db}"
bin=build/huzhu
if [ ! -f "$db" ]; then
  echo "首次运行: 生成演示数据 (first run: building the demo data set) ..."
  "$bin" --db "sqlite:$db" demo
fi
cat <<MSG

  huzhu 职工互助保障系统
  管理后台 (console):  http://127.0.0.1:8080/
  API:                 http://127.0.0.1:8080/api/v1/openapi.json
  演示登录 (login):    admin / huzhu-demo-2026
                       (staff, reviewer, finance, cadre, unit, member: 同一密码)
  按 Ctrl-C 停止 (stop)

MSG
exec "$bin" --db "sqlite:$db" serve --listen 127.0.0.1:8080
