#!/usr/bin/env python3
"""Structure-aware mutants of JSON headers for the Java differential (fuzz/diff --mutants).

Coverage-guided fuzzers rarely line up what decides fastjson's reading of a header: which
member stands where its quick scans look, a field given twice, a key named loosely, a value
of another form. This mutator starts from the JSON frames in the seed directories, rebuilds
each header from its members and applies one to three of those changes, writing header bytes
(jview's `json` mode frames them). Deterministic for a given --seed.

    fuzz/mutate_headers.py [--count N] [--seed S] OUT_DIR SEED_DIR...
"""
import argparse
import json
import os
import random
import struct

KNOWN = ["code", "extFields", "flag", "language", "opaque", "remark", "serializeTypeCurrentRPC", "version", "body"]
VALUES = ['0', '1', '-0', '007', '"12"', '" 7"', '4294967297', '19088743545', '-2147483648', '2147483648',
          '1.5', '1e2', 'null', 'true', '"JAVA"', '"java"', '"CPP"', '"COBOL"', '""', '"a\\"b"', '"a\\u0041"',
          '{}', '{"k":"v"}', '[]', '[1]', '"ROCKETMQ"', '3', '479']
SPACES = [' ', '\t', '\n', '\r', '\f', '\b', '  ', '\x1c', '/**/']


def headers_of(seed_dirs):
    """JSON headers of the whole frames found in the seed directories (others skipped)."""
    out = []
    for d in seed_dirs:
        for name in sorted(os.listdir(d)):
            p = os.path.join(d, name)
            if not os.path.isfile(p) or name.endswith('.json'):
                continue
            b = open(p, 'rb').read()
            if len(b) < 8 or b[4] != 0:
                continue
            hl = struct.unpack('>I', b'\0' + b[5:8])[0]
            try:
                obj = json.loads(b[8:8 + hl].decode('utf-8'))
            except (ValueError, UnicodeDecodeError):
                continue
            if isinstance(obj, dict) and obj:
                out.append([(k, json.dumps(v, separators=(',', ':'), ensure_ascii=False)) for k, v in obj.items()])
    return out


def loosen(key, rnd):
    chars = list(key)
    op = rnd.randrange(3)
    if op == 0:
        return key.upper()
    if op == 1:
        i = rnd.randrange(len(chars) + 1)
        chars.insert(i, rnd.choice('_-'))
        return ''.join(chars)
    return key[:1].upper() + key[1:]


def mutate(members, rnd):
    """members: [key, sep_before, value_text, sep_after_value, key_quoting] as text pieces."""
    m = [[k, '', v, '', '"'] for k, v in members]
    for _ in range(rnd.randint(1, 3)):
        op = rnd.randrange(9)
        if op == 0 and m:      # a field again, elsewhere, maybe with another value
            src = rnd.choice(m)
            dup = [src[0], '', rnd.choice([src[2]] + VALUES), '', '"']
            m.insert(rnd.randrange(len(m) + 1), dup)
        elif op == 1 and len(m) > 1:
            i, j = rnd.randrange(len(m)), rnd.randrange(len(m))
            m[i], m[j] = m[j], m[i]
        elif op == 2 and m:    # whitespace around a member's parts
            x = rnd.choice(m)
            where = rnd.randrange(3)
            if where == 0:
                x[1] = rnd.choice(SPACES) + x[1]
            elif where == 1:
                x[2] = rnd.choice(SPACES) + x[2]
            else:
                x[3] = rnd.choice(SPACES) + x[3]
        elif op == 3 and m:    # a key named loosely
            x = rnd.choice(m)
            x[0] = loosen(x[0], rnd)
        elif op == 4:          # an unknown (or known) key with any value
            key = rnd.choice(['x', 'opaqueX', 'Code', 'body', rnd.choice(KNOWN)])
            m.insert(rnd.randrange(len(m) + 1), [key, '', rnd.choice(VALUES), '', '"'])
        elif op == 5 and m:
            rnd.choice(m)[2] = rnd.choice(VALUES)
        elif op == 6 and m:
            del m[rnd.randrange(len(m))]
        elif op == 7 and m:    # a key in single quotes or unquoted
            rnd.choice(m)[4] = rnd.choice(["'", ''])
        elif op == 8 and m:    # an int given as a string
            x = rnd.choice(m)
            if x[2].lstrip('-').isdigit():
                x[2] = '"' + x[2] + '"'
    def key(x):
        return json.dumps(x[0], ensure_ascii=False) if x[4] == '"' else x[4] + x[0] + x[4]
    text = '{' + ','.join(x[1] + key(x) + ':' + x[2] + x[3] for x in m) + '}'
    if rnd.randrange(12) == 0:  # cut anywhere, inside strings too
        text = text[:rnd.randrange(1, len(text) + 1)]
    return text.encode('utf-8')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--count', type=int, default=20000)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('out')
    ap.add_argument('seeds', nargs='+')
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    headers = headers_of(a.seeds)
    if not headers:
        raise SystemExit('mutate_headers: no JSON frames in the seed directories')
    os.makedirs(a.out, exist_ok=True)
    seen = set()
    tries = 0
    while len(seen) < a.count and tries < a.count * 20:
        tries += 1
        b = mutate(rnd.choice(headers), rnd)
        if b in seen:
            continue
        seen.add(b)
        with open(os.path.join(a.out, 'm%06d' % len(seen)), 'wb') as f:
            f.write(b)
    print('%d mutants from %d headers' % (len(seen), len(headers)))


if __name__ == '__main__':
    main()
