#!/usr/bin/env python3
"""Byte-level mutants of seed files for the Java differential (fuzz/diff --mutants).

Properties strings and batch bodies are short and their decoders fast, so coverage-guided
queues stay small (a few hundred entries); a differential needs many distinct inputs around
the separators and length fields instead. Havoc-style changes (bit flips, bytes set to
interesting values, inserted or deleted runs, splices of two seeds, the format's own tokens)
applied one to four at a time. Deterministic for a given --seed.

    fuzz/mutate_bytes.py [--count N] [--seed S] [--token HEX]... OUT_DIR SEED_DIR...
"""
import argparse
import os
import random

INTERESTING = [0x00, 0x01, 0x02, 0x7F, 0x80, 0xFF, 0x20, 0x3A, 0x3D, 0xC3, 0xE4]


def seeds_of(dirs):
    out = []
    for d in dirs:
        for name in sorted(os.listdir(d)):
            p = os.path.join(d, name)
            if os.path.isfile(p) and not name.endswith('.json'):
                b = open(p, 'rb').read()
                if 0 < len(b) <= 65536:
                    out.append(b)
    return out


def mutate(b, seeds, tokens, rnd):
    b = bytearray(b)
    for _ in range(rnd.randint(1, 4)):
        op = rnd.randrange(7)
        if op == 0 and b:
            i = rnd.randrange(len(b))
            b[i] ^= 1 << rnd.randrange(8)
        elif op == 1 and b:
            b[rnd.randrange(len(b))] = rnd.choice(INTERESTING)
        elif op == 2 and b:
            i = rnd.randrange(len(b))
            del b[i:i + rnd.randint(1, 8)]
        elif op == 3:
            i = rnd.randrange(len(b) + 1)
            b[i:i] = bytes(rnd.choice(INTERESTING) for _ in range(rnd.randint(1, 4)))
        elif op == 4 and tokens:
            i = rnd.randrange(len(b) + 1)
            b[i:i] = rnd.choice(tokens)
        elif op == 5:
            other = rnd.choice(seeds)
            i, j = rnd.randrange(len(b) + 1), rnd.randrange(len(other) + 1)
            b = b[:i] + other[j:]
        elif op == 6 and len(b) > 1:
            i = rnd.randrange(len(b))
            j = rnd.randrange(len(b))
            b[i:i] = b[min(i, j):max(i, j)][:16]
    return bytes(b)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--count', type=int, default=2000)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--token', action='append', default=[], help='hex bytes inserted as a unit')
    ap.add_argument('out')
    ap.add_argument('seeds', nargs='+')
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    seeds = seeds_of(a.seeds)
    if not seeds:
        raise SystemExit('mutate_bytes: no seed files')
    tokens = [bytes.fromhex(t) for t in a.token]
    os.makedirs(a.out, exist_ok=True)
    seen = set(seeds)
    made = 0
    tries = 0
    while made < a.count and tries < a.count * 20:
        tries += 1
        m = mutate(rnd.choice(seeds), seeds, tokens, rnd)
        if m in seen:
            continue
        seen.add(m)
        made += 1
        with open(os.path.join(a.out, 'm%06d' % made), 'wb') as f:
            f.write(m)
    print('%d mutants from %d seeds' % (made, len(seeds)))


if __name__ == '__main__':
    main()
