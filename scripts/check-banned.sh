#!/usr/bin/env bash
# STYLE.md: unsafe C functions are banned; money never touches float/double.
set -eu
cd "$(dirname "$0")/.."
fail=0
if grep -rnE '\b(sprintf|strcpy|strcat|strtok|atoi|gets)\s*\(' src; then
  echo "banned function in src/ (STYLE.md)" >&2; fail=1
fi
if grep -rnE '\b(float|double)\b' src/core src/app; then
  echo "float/double in src/core or src/app: money is int64 fen" >&2; fail=1
fi
if grep -rnE '"[[:space:]]*(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM)\b' src | grep -v '^src/store/'; then
  echo "SQL outside src/store/" >&2; fail=1
fi
exit $fail
