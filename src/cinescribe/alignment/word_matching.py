"""Which words of a known text are words Whisper heard: the two word sequences aligned in order.

The alignment is a longest common subsequence of the two token sequences (equal words, in order), solved
exactly: row by row in numpy (a row of the table is the running maximum of the row above and its diagonal
plus a match), which takes about a second for two 6,000-word sequences. Exact matters: a greedy matcher
(difflib's longest block first) takes the first long run it finds, and on a film whose lines come back (a
recap, a repeated phrase, a scene played twice) that can be the wrong occurrence, which then fences in every
match after it. Above `MAX_CELLS` (two sequences of ~6,300 words, about 40 minutes of dialogue each) the
table would not fit in memory, and difflib's blocks are taken instead, with its autojunk on the whole (the
most frequent words cannot start a match) and every word allowed in the stretches between two blocks.
"""

import difflib
import re

import numpy as np

from cinescribe.text.words import normalize

APOSTROPHES = re.compile(r"[’‘ʼ`]")
MAX_CELLS = 40_000_000  # 80 MB of 16-bit table


def token(word):
    """A word as compared: lower case, no punctuation, one kind of apostrophe ("" for a bare dash or ♪)."""
    return normalize(APOSTROPHES.sub("'", word)).replace(" ", "").strip("'")


def tokens(words):
    return [token(w) for w in words]


def match_words(known, heard):
    """[(i, j)]: known[i] is heard[j], increasing in both (tokens as `token` makes them; "" never matches)."""
    if len(known) * len(heard) <= MAX_CELLS:
        return _lcs(known, heard)
    return _difflib(known, heard)


def _ids(known, heard):
    vocabulary = {}
    a = np.array([vocabulary.setdefault(t, len(vocabulary)) if t else -1 for t in known], dtype=np.int64)
    b = np.array([vocabulary.setdefault(t, len(vocabulary)) if t else -2 for t in heard], dtype=np.int64)
    return a, b


def _lcs(known, heard):
    a, b = _ids(known, heard)
    n, m = len(a), len(b)
    if not n or not m:
        return []
    dtype = np.uint16 if min(n, m) < 65535 else np.uint32
    table = np.zeros((n + 1, m + 1), dtype=dtype)
    for i in range(1, n + 1):
        prev, row = table[i - 1], table[i]
        row[1:] = np.maximum(prev[1:], prev[:-1] + (b == a[i - 1]))
        np.maximum.accumulate(row, out=row)
    pairs, i, j = [], n, m
    while i and j:
        if a[i - 1] == b[j - 1] and table[i, j] == table[i - 1, j - 1] + 1:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif table[i - 1, j] >= table[i, j - 1]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def _blocks(a, b, autojunk):
    return [m for m in difflib.SequenceMatcher(None, a, b, autojunk=autojunk).get_matching_blocks() if m.size]


def _difflib(known, heard):
    a = [t or f"\0a{i}" for i, t in enumerate(known)]  # an empty token is unique: it cannot match
    b = [t or f"\0b{j}" for j, t in enumerate(heard)]
    pairs, i, j = [], 0, 0
    for block in _blocks(a, b, autojunk=True) + [difflib.Match(len(a), len(b), 0)]:
        if i < block.a and j < block.b:  # the stretch before this block, every word allowed
            pairs += [(i + m.a + k, j + m.b + k) for m in _blocks(a[i:block.a], b[j:block.b], False)
                      for k in range(m.size)]
        pairs += [(block.a + k, block.b + k) for k in range(block.size)]
        i, j = block.a + block.size, block.b + block.size
    return pairs
