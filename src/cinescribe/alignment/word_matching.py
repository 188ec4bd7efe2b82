"""Which words of a known text are words Whisper heard: the two word sequences aligned in order.

The alignment is a longest common subsequence of the two token sequences (equal words, in order), solved
exactly at any length. Exact matters: a greedy matcher (difflib's longest block first) takes the first long
run it finds, and on a film whose lines come back (a recap, a repeated phrase, a scene played twice) that can
be the wrong occurrence, which then fences in every match after it.

The table (known words down, heard words across) is never held whole. A row is the bits of one Python
integer, bit j set where the row does not rise at heard word j, and the next row follows from it in five
integer operations on m bits (Hyyrö's bit-parallel LCS), with one m-bit mask per word both sides have. Only
every √n-th row is kept; the walk back from the end recomputes one stretch of rows at a time. So two
25,000-word sequences (a 2.5-hour film) take ~6 MB and well under a second, where the whole table would take
1.2 GB, and the pairs are the ones the whole table gives: where two alignments are equally long the walk
takes the same steps (a match where the words are equal, else up the known side while that loses nothing).
"""

import math
import re

from cinescribe.text.words import normalize

APOSTROPHES = re.compile(r"[’‘ʼ`]")


def token(word):
    """A word as compared: lower case, no punctuation, one kind of apostrophe ("" for a bare dash or ♪)."""
    return normalize(APOSTROPHES.sub("'", word)).replace(" ", "").strip("'")


def tokens(words):
    return [token(w) for w in words]


def match_words(known, heard):
    """[(i, j)]: known[i] is heard[j], increasing in both (tokens as `token` makes them; "" never matches)."""
    n, m = len(known), len(heard)
    if not n or not m:
        return []
    masks = _match_masks(known, heard)
    rows = [masks.get(t, 0) for t in known]  # row i's match mask: where heard has known[i]'s word
    stride = max(1, math.isqrt(n))
    ones = (1 << m) - 1
    saved = _rows(rows, 0, n, ones, ones, keep=stride)
    pairs, i, j = [], n, m
    while i and j:
        top = (i - 1) // stride * stride
        block = _rows(rows, top, i, saved[top // stride], ones)  # rows top..i, each kept
        while i > top and j:
            here, above = block[i - top], block[i - 1 - top]
            if known[i - 1] and known[i - 1] == heard[j - 1]:  # equal words: the table always rises along the diagonal there
                pairs.append((i - 1, j - 1))
                i, j = i - 1, j - 1
            elif _value(above, j) >= _value(here, j - 1):
                i -= 1
            else:
                j -= 1
    return pairs[::-1]


def _match_masks(known, heard):
    """{word: the integer with bit j set where heard[j] is that word}, for the words both sides have."""
    wanted = {t for t in known if t}
    positions = {}
    for j, t in enumerate(heard):
        if t in wanted:
            positions.setdefault(t, []).append(j)
    masks = {}
    for t, js in positions.items():
        bits = bytearray(len(heard) // 8 + 1)
        for j in js:
            bits[j >> 3] |= 1 << (j & 7)
        masks[t] = int.from_bytes(bits, "little")
    return masks


def _rows(rows, start, stop, first, ones, keep=1):
    """Bit rows start..stop of the table from row `start` (`first`), every `keep`-th one kept (counted from
    row 0). Bit j set: the row does not rise at heard word j; `ones` (all m bits) is row 0."""
    v, kept = first, [first]
    for i in range(start, stop):
        u = v & rows[i]
        v = ((v + u) | (v - u)) & ones
        if (i + 1) % keep == 0:
            kept.append(v)
    return kept


def _value(row, j):
    """The table's value at heard word j: the first j heard words less those where the row does not rise."""
    return j - (row & ((1 << j) - 1)).bit_count()
