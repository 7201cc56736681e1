#!/usr/bin/env bash
# The house rule of spec/STYLE.md, checked on every `make test`: includes
# point down only, and no two files of one layer include each other.
#
#   core  -> core
#   store -> store core
#   io    -> io core
#   app   -> app store io core
#   http  -> http app io core          (never store: go through a use case)
#   cli   -> cli http app io core      (never store; cli starts the server)
#
# A file's "unit" is its stem: foo.c and foo.h are one unit. Two units of
# one layer must not include each other (in either file), so the arrows
# inside a layer point one way too. Files directly under src/ (the module
# list) include nothing and may be included from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."

allowed() { # layer -> allowed target layers
    case "$1" in
    core) echo "core" ;;
    store) echo "store core" ;;
    io) echo "io core" ;;
    app) echo "app store io core" ;;
    http) echo "http app io core" ;;
    cli) echo "cli http app io core" ;;
    *) echo "" ;;
    esac
}

fail=0
edges=$(mktemp)
trap 'rm -f "$edges"' EXIT

for f in src/*/*.c src/*/*.h; do
    layer=${f#src/}
    layer=${layer%%/*}
    unit=${f#src/}
    unit=${unit%.*}
    ok=" $(allowed "$layer") "
    while IFS= read -r inc; do
        [ -n "$inc" ] || continue
        case "$inc" in
        */*) ;;
        *) continue ;; # a file directly under src/ (the module list)
        esac
        target=${inc%%/*}
        if [[ "$ok" != *" $target "* ]]; then
            echo "check-layers: $f includes \"$inc\": $layer may include only:$ok" >&2
            fail=1
        fi
        tunit=${inc%.*}
        if [ "$target" = "$layer" ] && [ "$tunit" != "$unit" ]; then echo "$unit $tunit" >>"$edges"; fi
    done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f")
done

# mutual includes between two units of one layer
while read -r a b; do
    if grep -qx "$b $a" "$edges"; then
        if [[ "$a" < "$b" ]]; then
            echo "check-layers: $a and $b include each other; make the arrow point one way" >&2
        fi
        fail=1
    fi
done < <(sort -u "$edges")

if [ "$fail" -ne 0 ]; then
    echo "check-layers: FAILED (see spec/STYLE.md, The house)" >&2
    exit 1
fi
echo "check-layers: ok ($(sort -u "$edges" | wc -l) same-layer includes, all one-way)"
