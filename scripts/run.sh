#!/usr/bin/env bash
# `make run`: create the database when there is none, then serve.
set -eu
cd "$(dirname "$0")/.."
db="${1:-huzhu.db}"
bin=build/huzhu
if [ ! -f "$db" ]; then
  "$bin" --db "sqlite:$db" init
fi
if "$bin" --help | grep -q '^  serve '; then
  exec "$bin" --db "sqlite:$db" serve --listen 127.0.0.1:8080
fi
echo "数据库就绪: $db （HTTP 服务尚未实现 — the server arrives with the HTTP issue）"
