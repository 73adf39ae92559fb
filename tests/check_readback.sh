#!/bin/sh
# tools/encode_matrix must write, for every case, exactly the bytes Java's own writer made of
# the same values (vectors/readback/RELEASE/, written by tools/readback --vectors after Java
# read each of our outputs as asked). Java is not needed here.
set -eu
matrix=$1
vectors=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for r in 4.9.8 5.3.3; do
    mkdir -p "$tmp/$r"
    "$matrix" "$tmp/$r" "$r"
    ours=$(cd "$tmp/$r" && ls ./*.bin | sort)
    java=$(cd "$vectors/readback/$r" && ls ./*.bin | sort)
    if [ "$ours" != "$java" ]; then
        echo "readback $r: the cases differ from vectors/readback/$r:" >&2
        printf '%s\n' "$ours" >"$tmp/ours.txt"
        printf '%s\n' "$java" >"$tmp/java.txt"
        diff "$tmp/ours.txt" "$tmp/java.txt" >&2 || true
        fail=1
    fi
    n=0
    for f in "$vectors/readback/$r"/*.bin; do
        name=$(basename "$f")
        n=$((n + 1))
        [ -f "$tmp/$r/$name" ] || continue
        if ! cmp -s "$f" "$tmp/$r/$name"; then
            echo "readback $r: $name is not what Java's writer made" >&2
            cmp "$f" "$tmp/$r/$name" >&2 || true
            fail=1
        fi
    done
    echo "readback $r: $n cases compared"
done
exit $fail
