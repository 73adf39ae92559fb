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
# Every JSON body of the captured streams comes out as standard JSON (bodyJson), none as an error.
json_bodies=0
for stream in "$vectors"/streams/*.bin; do
    out=$("$dump" "$stream" 2>/dev/null || true)
    kinds=$(echo "$out" | grep -c '"bodyKind":"\(JSON\|ROUTE\)"' || true)
    parsed=$(echo "$out" | grep '"bodyKind":"\(JSON\|ROUTE\)"' | grep -c '"bodyJson":[{[]' || true)
    [ "$kinds" = "$parsed" ] || { echo "FAIL $stream: $parsed of $kinds JSON bodies parsed"; failures=$((failures + 1)); }
    json_bodies=$((json_bodies + kinds))
done
[ "$json_bodies" -ge 20 ] || { echo "FAIL only $json_bodies JSON bodies in the streams"; failures=$((failures + 1)); }
expect_in live498_s00_c2s '"bodyKind":"JSON","bodyJson":{"filterServerList":[],"topicConfigSerializeWrapper":'
expect_in live498_s01_s2c '"bodyKind":"ROUTE","route":{"brokerDatas"'
# --encode inverts the dump: the same bytes back, and dumping them prints the same lines.
tmp=/tmp/rmqdump.$$
for stream in "$vectors"/streams/*.bin; do
    "$dump" "$stream" > "$tmp.d1" 2>/dev/null || true
    if ! "$dump" --encode -o "$tmp.bin" "$tmp.d1"; then
        echo "FAIL --encode of $stream"; failures=$((failures + 1)); continue
    fi
    cmp -s "$tmp.bin" "$stream" || { echo "FAIL dump → encode of $stream differs from the stream"; failures=$((failures + 1)); }
    "$dump" "$tmp.bin" > "$tmp.d2" 2>/dev/null || true
    cmp -s "$tmp.d1" "$tmp.d2" || { echo "FAIL dump → encode → dump of $stream differs"; failures=$((failures + 1)); }
done
# the vectors' own frames/*.json shape encodes to the .bin
for name in enc_remark_empty_json live498_s04_c2s_005 enc_hdr_send_v2_rmq; do
    [ -f "$vectors/frames/$name.json" ] || continue
    "$dump" --encode -o "$tmp.bin" "$vectors/frames/$name.json" && cmp -s "$tmp.bin" "$vectors/frames/$name.bin" ||
        { echo "FAIL --encode of frames/$name.json"; failures=$((failures + 1)); }
done
# --encode refuses what it cannot build, with the object's position
printf '{"code":1,"opaque":"x"}\n' | "$dump" --encode -o "$tmp.bin" - 2> "$tmp.err" && { echo "FAIL bad object encoded"; failures=$((failures + 1)); }
grep -q 'object 1 (offset 0)' "$tmp.err" || { echo "FAIL --encode error without position"; failures=$((failures + 1)); }
# --hex reads the same stream as hex text (od's layout: spaces and newlines)
od -An -tx1 -v "$vectors/streams/live498_s04_c2s.bin" > "$tmp.hex"
"$dump" --hex "$tmp.hex" > "$tmp.d2" 2>/dev/null || true
"$dump" "$vectors/streams/live498_s04_c2s.bin" > "$tmp.d1" 2>/dev/null || true
cmp -s "$tmp.d1" "$tmp.d2" || { echo "FAIL --hex differs from the binary input"; failures=$((failures + 1)); }
printf '0x0a 0g' > "$tmp.hex"
rc=0
"$dump" --hex "$tmp.hex" > /dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] || { echo "FAIL bad hex not a usage error ($rc)"; failures=$((failures + 1)); }
# --text: one line per frame
lines=$("$dump" --text "$vectors/streams/live498_s04_c2s.bin" | wc -l)
[ "$lines" = 9 ] || { echo "FAIL --text printed $lines lines for 9 frames"; failures=$((failures + 1)); }
rm -f "$tmp" "$tmp.d1" "$tmp.d2" "$tmp.bin" "$tmp.hex" "$tmp.err"
[ "$failures" = 0 ] && echo "rmqdump: all streams dumped as expected"
exit "$failures"
