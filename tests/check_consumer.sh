#!/bin/sh
# The two ways README says to consume rmqwire, done as a new user would:
#  1. a meson parent project with rmqwire under subprojects/: it gets the library
#     only (no tools, tests, examples or fuzz targets, nothing but the library installed);
#  2. `meson install` of rmqwire and pkg-config: every public header installed, each one
#     compiles on its own, and a program links with `pkg-config --cflags --libs rmqwire`.
set -eu
cc=$1
root=$2
build=$3
# the installed library of a sanitizer build needs its runtime in the program too
sanitize=${4:-none}
san_flags=
[ "$sanitize" = none ] || san_flags="-fsanitize=$sanitize"
# meson points LD_LIBRARY_PATH at this build's library; the programs here must find their own
unset LD_LIBRARY_PATH
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== subproject"
mkdir -p "$work/parent/subprojects"
cp "$root/tests/consumer/meson.build" "$root/tests/consumer/consumer.c" "$work/parent/"
ln -s "$root" "$work/parent/subprojects/rmqwire"
CC=$cc meson setup "$work/parent/build" "$work/parent" --force-fallback-for=rmqwire >"$work/setup.log" 2>&1 ||
    { cat "$work/setup.log"; exit 1; }
meson compile -C "$work/parent/build" >"$work/compile.log" 2>&1 || { cat "$work/compile.log"; exit 1; }
"$work/parent/build/consumer"
targets=$(meson introspect --targets "$work/parent/build" | python3 -c '
import json, sys
print(" ".join(sorted(t["name"] for t in json.load(sys.stdin))))')
for unwanted in rmqdump rmqbench golden test_frame_decode fuzz-frame producer decode_and_reply; do
    case " $targets " in *" $unwanted "*) echo "subproject build has $unwanted: $targets"; exit 1 ;; esac
done
DESTDIR="$work/parent-install" meson install -C "$work/parent/build" >"$work/install.log" 2>&1 ||
    { cat "$work/install.log"; exit 1; }
if find "$work/parent-install" -name 'rmqdump*' -o -name 'rmqbench*' | grep -q .; then
    echo "the parent's install has rmqwire's tools"; exit 1
fi

echo "== pkg-config"
stage="$work/stage"
DESTDIR="$stage" meson install -C "$build" --no-rebuild >"$work/install2.log" 2>&1 ||
    { cat "$work/install2.log"; exit 1; }
pcdir=$(dirname "$(find "$stage" -name rmqwire.pc | head -n 1)")
[ -n "$pcdir" ] || { echo "no rmqwire.pc installed"; exit 1; }
export PKG_CONFIG_PATH="$pcdir" PKG_CONFIG_SYSROOT_DIR="$stage"
# pkgconf puts the sysroot in front of variables too
incdir=$(pkg-config --variable=includedir rmqwire)
for h in "$root"/include/rmqwire/*.h; do
    name=$(basename "$h")
    [ -f "$incdir/rmqwire/$name" ] || { echo "rmqwire/$name not installed"; exit 1; }
    printf '#include <rmqwire/%s>\nint main(void) { return 0; }\n' "$name" >"$work/one.c"
    $cc -std=c11 -Wall -Wextra -Werror -pedantic $(pkg-config --cflags rmqwire) -c "$work/one.c" -o "$work/one.o" ||
        { echo "rmqwire/$name does not compile on its own"; exit 1; }
done
[ -f "$incdir/rmqwire/version.h" ] || { echo "generated version.h not installed"; exit 1; }
$cc $san_flags -std=c11 -Wall -Wextra -Werror "$root/tests/consumer/consumer.c" $(pkg-config --cflags --libs rmqwire) \
    -o "$work/consumer-pc"
libdir=$(pkg-config --variable=libdir rmqwire)
LD_LIBRARY_PATH="$libdir" "$work/consumer-pc"
soname=$(readelf -d "$libdir/librmqwire.so" | sed -n 's/.*SONAME.*\[\(.*\)\].*/\1/p')
echo "soname $soname"
case "$soname" in librmqwire.so.0.*) ;; *) echo "unexpected soname"; exit 1 ;; esac
