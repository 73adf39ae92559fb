#!/bin/sh
# .ci/run must run exactly the README's test command (the second sh block).
set -eu
root="$1"
cmd=$(awk '/^```sh$/{n++; next} /^```$/{next} n==2 && NF {print; exit}' "$root/README.md")
[ -n "$cmd" ] || { echo "no test command in README.md"; exit 1; }
grep -qxF "$cmd" "$root/.ci/run" || { echo ".ci/run does not contain the README test command:"; echo "$cmd"; exit 1; }
echo ".ci/run runs the README test command"
