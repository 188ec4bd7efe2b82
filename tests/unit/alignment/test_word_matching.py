"""The word alignment behind align.text and align.subtitles: exact, and a 2.5-hour film's words in little memory."""

import collections
import random
import tracemalloc

import numpy as np
import pytest

from cinescribe.alignment.word_matching import match_words
from support.script_pairs import WORDS_PER_MINUTE, script_pair


def _full_table(known, heard):
    """The longest common subsequence from the whole table in memory, walked back the same way (the
    alignment as it was computed before, feasible only up to ~40 minutes of dialogue)."""
    vocabulary = {}
    a = np.array([vocabulary.setdefault(t, len(vocabulary)) if t else -1 for t in known], dtype=np.int64)
    b = np.array([vocabulary.setdefault(t, len(vocabulary)) if t else -2 for t in heard], dtype=np.int64)
    n, m = len(a), len(b)
    table = np.zeros((n + 1, m + 1), dtype=np.uint32)
    for i in range(1, n + 1):
        table[i, 1:] = np.maximum(table[i - 1, 1:], table[i - 1, :-1] + (b == a[i - 1]))
        np.maximum.accumulate(table[i], out=table[i])
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


@pytest.mark.parametrize("seed", range(8))
def test_the_pairs_are_those_of_the_full_table(seed):
    """Where two alignments are equally long, the same one is chosen as by the whole table (few words that
    repeat a lot, "" that never matches, either side up to a few hundred words or empty)."""
    rng = random.Random(seed)
    vocabulary = [f"w{k}" for k in range(rng.randint(1, 25))] + [""]
    for _ in range(6):
        known = [rng.choice(vocabulary) for _ in range(rng.randint(0, 300))]
        heard = [rng.choice(vocabulary) for _ in range(rng.randint(0, 300))]
        assert match_words(known, heard) == _full_table(known, heard)


@pytest.mark.parametrize("seed", [0, 1])
def test_a_long_film_matches_every_line_to_its_own_occurrence(seed):
    """2.5 hours of dialogue (25,000 words each side), every line coming back ~30 times, 10 % of the heard
    words substituted or dropped and a scene of 40 lines cut: each heard line is matched to its own occurrence
    (a few words where a dropped one leaves two equal choices aside), in bounded memory."""
    known, heard, known_line, heard_line = script_pair(150 * WORDS_PER_MINUTE, seed)
    tracemalloc.start()
    try:
        pairs = match_words(known, heard)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    print(f"{len(known)} x {len(heard)} words: peak {peak / 1e6:.1f} MB")
    assert peak < 100e6
    own, elsewhere = collections.Counter(), collections.Counter()
    for i, j in pairs:
        if heard_line[j] is not None:
            (own if known_line[i] == heard_line[j] else elsewhere)[heard_line[j]] += 1
    assert all(own[k] > elsewhere[k] for k in set(heard_line) - {None})
    assert sum(elsewhere.values()) <= 0.001 * sum(own.values())
    assert sum(own.values()) >= 0.99 * sum(k is not None for k in heard_line)
