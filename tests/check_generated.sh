#!/bin/sh
# The committed outputs of tools/gen_names.py must be what it generates now.
set -eu
python3=$1
root=$2
cd "$root"
"$python3" tools/gen_names.py | diff -u lib/names_table.c - >&2
"$python3" tools/gen_names.py --codes-header | diff -u include/rmqwire/codes.h - >&2
echo "generated files are current"
