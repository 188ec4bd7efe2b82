"""A film's script and what Whisper heard of it, as word tokens with the line occurrence each word comes from.

The script is film_like's dialogue lines drawn again and again (every line comes back many times, as the
hardest case for an aligner: only the order tells two occurrences apart); the heard side loses a block of lines
(a cut scene, none of whose lines is one of the two lines around it: then which occurrence was cut could not
be told from the words alone) and has a share of its words substituted (by another word of the script or a misheard one) or
dropped.
"""

import random

from cinescribe.alignment.word_matching import tokens
from support.film_like import DIALOGUE

WORDS_PER_MINUTE = 170  # dialogue of a talkative film: 2.5 hours is ~25,000 words


def script_pair(n_words, seed=0, noise=0.1, cut_lines=40):
    """(known, heard, known_line, heard_line): token lists, and for each token the index of the line
    occurrence it comes from (None for a heard word substituted by another)."""
    rng = random.Random(seed)
    lines = [tokens(line.split()) for line in DIALOGUE]
    vocabulary = sorted({t for line in lines for t in line})
    known, known_line, heard, heard_line, order = [], [], [], [], []
    while len(known) < n_words:
        k = len(order)
        order.append(rng.choice([i for i in range(len(lines)) if not order or i != order[-1]]))
        known += lines[order[-1]]
        known_line += [k] * len(lines[order[-1]])
    cut = _cut(order, min(cut_lines, len(order) // 4), rng)
    for t, k in zip(known, known_line):
        if k in cut:
            continue
        roll = rng.random()
        if roll < noise / 2:
            continue  # dropped
        if roll < noise:
            heard.append(rng.choice(vocabulary) if rng.random() < 0.5 else t + "s")  # substituted
            heard_line.append(None)
        else:
            heard.append(t)
            heard_line.append(k)
    return known, heard, known_line, heard_line


def _cut(order, size, rng):
    """Line occurrences start..start+size, in the first half, without the line before or after them."""
    while True:
        start = rng.randrange(max(1, len(order) // 4), max(2, len(order) // 2))
        block = order[start:start + size]
        if order[start - 1] not in block and (start + size >= len(order) or order[start + size] not in block):
            return set(range(start, start + size))
