#!/usr/bin/env python3
"""Seeds that vectors/ does not hold as files: zlib bodies (for `inflate`), the uniq
ids listed inside msgid/*.json (for `msgid`) and key/value inputs for `typed_headers`.
Run from the project root; writes fuzz/corpus/NAME/seed_*. Deterministic."""
import json, os, zlib, glob, base64

def write(name, idx, data):
    d = os.path.join('fuzz', 'corpus', name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, 'seed_%03d' % idx), 'wb') as f:
        f.write(data)

bodies = [b'', b'a', b'hello rocketmq' * 40, bytes(range(256)) * 20, b'\x00' * 5000]
i = 0
for level in (1, 5, 9):
    for limit_byte, body in enumerate(bodies):
        write('inflate', i, bytes([limit_byte % 5 if limit_byte else 4]) + zlib.compress(body, level))
        i += 1
# bodies the Java producer compressed, from the send vectors
for path in sorted(glob.glob('vectors/frames/*.json')):
    with open(path) as f:
        case = json.load(f)
    msg = case.get('message') or {}
    if msg.get('compressed') and case.get('body_b64'):
        write('inflate', i, b'\x04' + base64.b64decode(case['body_b64']))
        i += 1

i = 0
for path in sorted(glob.glob('vectors/msgid/*.json')):
    with open(path) as f:
        case = json.load(f)
    found = []
    def walk(v):
        if isinstance(v, dict):
            for k, x in v.items():
                if k in ('id', 'uniqId', 'msgId') and isinstance(x, str):
                    found.append(x)
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
    walk(case)
    for ident in found:
        write('msgid', i, ident.encode())
        i += 1
    if len(found) > 1:
        write('msgid', i, ','.join(found[:4]).encode())
        i += 1

pairs = [
    (0, [('a', 'PG'), ('b', 'TopicTest'), ('c', 'TBW102'), ('d', '4'), ('e', '-1'), ('f', '0'),
         ('g', '1700000000000'), ('h', '0'), ('i', 'TAGS\x01A\x02KEYS\x01k1 k2'), ('j', '0'),
         ('k', 'false'), ('l', '16'), ('m', 'TRUE'), ('n', 'broker-a')]),
    (1, [('producerGroup', 'PG'), ('topic', 'T'), ('queueId', '2147483647'), ('sysFlag', '-2147483648'),
         ('bornTimestamp', '9223372036854775807'), ('unitMode', 'true'), ('bname', 'b')]),
    (5, [('msgId', '7F00000100002A9F0000000000000000'), ('queueId', '3'), ('queueOffset', '+12'),
         ('transactionId', 'x'), ('batchUniqId', 'u')]),
    (6, [('topic', 'T'), ('acceptStandardJsonOnly', 'true')]),
    (7, [('producerGroup', 'PG'), ('tranStateTableOffset', '1'), ('commitLogOffset', '2'),
         ('commitOrRollback', '8'), ('fromTransactionCheck', 'false'), ('msgId', 'm')]),
    (5 | 0x80, [('msgId', 'A,B'), ('queueId', '0'), ('queueOffset', '-0')]),
]
for i, (code, kv) in enumerate(pairs):
    data = bytes([code]) + b'\x00'.join(k.encode() + b'\x00' + v.encode() for k, v in kv)
    write('typed_headers', i, data)
