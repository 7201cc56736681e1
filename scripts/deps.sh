#!/usr/bin/env bash
# Installs the Debian 12 packages huzhu needs, only those missing, quietly.
# Safe to run again; called first by `make run`, `make test` and `make bench`.
set -eu
want="$*"
[ -n "$want" ] || want=build
pkgs="build-essential cmake pkg-config sqlite3 libsqlite3-dev libpq-dev libmicrohttpd-dev
      libjansson-dev libcsv-dev libsodium-dev libzip-dev libexpat1-dev libxlsxwriter-dev
      libcairo2-dev libpango1.0-dev fonts-noto-cjk libcmocka-dev libcurl4-openssl-dev"
command -v npm >/dev/null 2>&1 || pkgs="$pkgs nodejs npm"
for w in $want; do
  case "$w" in
    test)  pkgs="$pkgs postgresql python3 chromium fonts-noto-cjk poppler-utils" ;;
    bench) pkgs="$pkgs postgresql wrk nginx-light" ;;
  esac
done
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "huzhu: installing:$missing" >&2
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
