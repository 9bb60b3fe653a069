#!/usr/bin/env python3
"""Derive data/sv_wordfreq.txt from wordfreq's large_sv.msgpack.gz (CC BY-SA 4.0).

usage: pip download wordfreq --no-deps; unzip the wheel; pip install msgpack;
       python3 data/make_sv_wordfreq.py wordfreq/data/large_sv.msgpack.gz > data/sv_wordfreq.txt

The source is a list of buckets: bucket i holds the words whose frequency is 10^(-i/100).
Output: one line per Zipf band of 0.1 (Zipf = 9 + log10 frequency), "ZIPF10 word word ...",
most frequent band first, words of letters only (å ä ö é kept), the top LIMIT words.
"""
import gzip, sys
import msgpack

LIMIT = 40000
buckets = msgpack.unpackb(gzip.open(sys.argv[1]).read(), raw=False)[1:]
bands = {}
n = 0
for i, words in enumerate(buckets):
    zipf10 = 90 - i // 10
    for w in words:
        if n >= LIMIT:
            break
        if len(w) < 2 or not w.isalpha():
            continue
        bands.setdefault(zipf10, []).append(w)
        n += 1
print("# Swedish word frequencies (Zipf x 10, words), derived from wordfreq 3.1.1 large_sv;")
print("# CC BY-SA 4.0, see data/LICENSE-wordfreq.md")
for z in sorted(bands, reverse=True):
    print(z, " ".join(bands[z]))
