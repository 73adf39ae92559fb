#!/bin/sh
# tshark with the rocketmq plugin over one capture, printed as JSON (rocketmq and tcp
# layers), TCP reassembled in and out of order.
#   run_tshark.sh PLUGIN_SO WIRESHARK_RELEASE CAPTURE [extra tshark args]
# tshark ignores WIRESHARK_PLUGIN_DIR for root, so as root it runs as nobody, on
# copies it can read.
set -eu
plugin=$1
release=$2
capture=$3
shift 3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/plugins/$release/epan"
cp "$plugin" "$dir/plugins/$release/epan/rocketmq.so"
cp "$capture" "$dir/capture"
chmod -R a+rX "$dir"
run=
[ "$(id -u)" = 0 ] && run="setpriv --reuid=65534 --regid=65534 --clear-groups"
cd "$dir"
$run env WIRESHARK_PLUGIN_DIR="$dir/plugins" HOME="$dir" tshark -r "$dir/capture" \
    -o tcp.reassemble_out_of_order:TRUE -Y rocketmq -T json --no-duplicate-keys -J "rocketmq tcp" "$@"
