"""Benchmark: the word alignment (alignment.word_matching) at film length — seconds and peak memory.

On synthetic script/heard pairs (tests/support/script_pairs.py: film_like's lines coming back again and again,
10 % of the heard words substituted or dropped, a 40-line scene cut) of 10, 40 and 150 minutes of dialogue
(170 words a minute): seconds for `match_words` (best of three, without tracing), its peak memory
(tracemalloc, a separate run), and how many matched heard words lie in their own line occurrence.

    .venv/bin/python bench/word_matching.py [--minutes 10 40 150] [--seed 0]
"""

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from cinescribe.alignment.word_matching import match_words  # noqa: E402
from support.script_pairs import WORDS_PER_MINUTE, script_pair  # noqa: E402


def measure(minutes, seed):
    known, heard, known_line, heard_line = script_pair(round(minutes * WORDS_PER_MINUTE), seed)
    seconds = []
    for _ in range(3):
        start = time.perf_counter()
        pairs = match_words(known, heard)
        seconds.append(time.perf_counter() - start)
    tracemalloc.start()
    match_words(known, heard)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    said = [(i, j) for i, j in pairs if heard_line[j] is not None]
    own = sum(known_line[i] == heard_line[j] for i, j in said)
    return len(known), len(heard), min(seconds), peak / 1e6, own, len(said)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, nargs="+", default=[10, 40, 150])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"{'minutes':>7} {'known':>7} {'heard':>7} {'seconds':>8} {'peak MB':>8}  matched words on their own line")
    for minutes in args.minutes:
        n, m, seconds, peak, own, said = measure(minutes, args.seed)
        print(f"{minutes:>7g} {n:>7} {m:>7} {seconds:>8.3f} {peak:>8.1f}  {own} of {said} ({100 * own / said:.2f} %)")


if __name__ == "__main__":
    main()
