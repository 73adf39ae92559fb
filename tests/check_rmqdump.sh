#!/bin/sh
# rmqdump prints one JSON line per frame of a captured stream, each frame of the
# stream's list in order (code, opaque and length as in the frames/ vector), and
# reports truncated input with its offset and a non-zero exit status.
set -eu
dump="$1"
vectors="$2"
failures=0
for listing in "$vectors"/streams/*.json; do
    stream="${listing%.json}.bin"
    names=$(tr -d '\n' < "$listing" | sed 's/.*"frames" *: *\[\([^]]*\)\].*/\1/' | grep -o '"[^"]*"' | tr -d '"')
    expected=$(echo "$names" | grep -c . || true)
    out=$("$dump" "$stream")
    got=$(echo "$out" | grep -c '"code"' || true)
    if [ "$got" != "$expected" ]; then
        echo "FAIL $stream: $got frames printed, $expected listed"
        failures=$((failures + 1))
        continue
    fi
    i=0
    for name in $names; do
        i=$((i + 1))
        line=$(echo "$out" | sed -n "${i}p")
        code=$(grep -o '"code": *-\{0,1\}[0-9]*' "$vectors/frames/$name.json" | head -1 | tr -dc '0-9-')
        opaque=$(grep -o '"opaque": *-\{0,1\}[0-9]*' "$vectors/frames/$name.json" | head -1 | tr -dc '0-9-')
        size=$(wc -c < "$vectors/frames/$name.bin" | tr -d ' ')
        case "$line" in
            *"\"length\":$size,"*"\"code\":$code,"*"\"opaque\":$opaque,"*) ;;
            *) echo "FAIL $stream frame $i ($name): $line"; failures=$((failures + 1)) ;;
        esac
    done
done
# A truncated stream: the complete frame is printed, the rest reported with its offset.
if "$dump" "$vectors/invalid/two_frames_second_truncated.bin" > /tmp/rmqdump.$$ 2>&1; then
    echo "FAIL truncated stream exited 0"; failures=$((failures + 1))
fi
grep -q '"offset":137,"error":"RMQ_INCOMPLETE"' /tmp/rmqdump.$$ || { echo "FAIL truncated stream not reported"; cat /tmp/rmqdump.$$; failures=$((failures + 1)); }
# A framing error: reported with the stream offset.
"$dump" "$vectors/invalid/total_length_too_big.bin" > /tmp/rmqdump.$$ 2>&1 || true
grep -q '"error":"RMQ_ERR_FRAME_TOO_LONG"' /tmp/rmqdump.$$ || { echo "FAIL oversized frame not reported"; failures=$((failures + 1)); }
# A decode error inside a well-framed stream does not stop the dump.
"$dump" "$vectors/invalid/json_garbage.bin" > /tmp/rmqdump.$$ 2>&1 || true
grep -q '"error":"RMQ_ERR_JSON_SYNTAX"' /tmp/rmqdump.$$ || { echo "FAIL decode error not reported"; cat /tmp/rmqdump.$$; failures=$((failures + 1)); }
"$dump" --help | grep -q 'usage: rmqdump' || { echo "FAIL --help"; failures=$((failures + 1)); }
# Message layer views: typed headers, properties, flags, inflated bodies, pulled messages, routes.
expect_in() {
    "$dump" "$vectors/streams/$1.bin" | grep -qF "$2" || { echo "FAIL $1: no $2"; failures=$((failures + 1)); }
}
expect_in live498_s04_c2s '"class":"SendMessageRequestHeaderV2"'
expect_in live498_s04_c2s '"sysFlagNames":["COMPRESSED"],"transaction":"TRANSACTION_NOT_TYPE","compression":"ZLIB"'
expect_in live498_s04_c2s '"inflatedLength":6006'
expect_in live498_s04_c2s '"properties":{"KEYS":"big-key"'
expect_in live498_s08_s2c '"messages":[{"topic":"JavaRefTopic"'
expect_in live498_s08_s2c '"class":"PullMessageResponseHeader"'
expect_in live498_s01_s2c '"route":{"brokerDatas":[{"brokerAddrs":{"0":"127.0.0.1:10911"}'
rm -f /tmp/rmqdump.$$
[ "$failures" = 0 ] && echo "rmqdump: all streams dumped as expected"
exit "$failures"
