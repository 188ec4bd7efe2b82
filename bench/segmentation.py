"""Where cues break: the old greedy fill against segmentation by dynamic programming, on real word streams.

For each transcript (transcript.json, or a subtitle JSON with its words) and each way of grouping, counts
- orphan tails: cues that open with the last 1-2 words of a sentence begun in the cue before (this also
  counts a cue of at most 2 words that ends such a sentence), the break a subtitler would never make;
  "(forced)" counts those at a break no grouping can avoid (a pause over max_gap, the edge of a song);
- two speakers without dashes: cues holding more than one speaker that are not a dash pair;
- sentence-end breaks: the share of cue breaks that fall after a sentence's last word;
- with a reference (TRANSCRIPT=reference.json, as support.film_like writes it), cues holding two of the
  reference's speakers that are not a dash pair split where the true speaker changes (diarization's misses
  included: segmentation only sees its labels, but breaks at pauses keep most turns apart);
- dangling ends: cues that end on a word opening a phrase (the, of, is, and …) with no punctuation;
and cue count, cues shown under 1 s, and duration (mean, 10th, 50th, 90th percentile) after timing, as build_cues writes them. Then
the time to segment a long stream (the film's words repeated to --long words, 25,000 ≈ a 2.5-hour film).

    PYTHONPATH=src .venv/bin/python bench/segmentation.py results/sample/transcript.json \\
        results/film/subtitles/film.en.json=/tmp/film/reference.json
"""

import argparse
import json
import time

import numpy as np

from cinescribe.subtitles import cues as cue_module
from cinescribe.subtitles.cues import CueStyle
from cinescribe.subtitles.layout import SENTENCE_ENDS, lines_for
from cinescribe.subtitles.segmentation import PHRASE_OPENERS, BreakCosts, _bare, segment
from cinescribe.subtitles.song_marks import sung
from cinescribe.subtitles.timing import time_cues
from cinescribe.text.graphemes import visible_length
from cinescribe.text.words import ends_clause, ends_sentence, text_of, words_of


def greedy(words, style):
    """The grouping cues.py used before segmentation: fill each cue until it is full (kept for comparison)."""
    groups, current = [], []
    for word in words:
        if current:
            fits = lines_for(current + [word], style.max_line_chars, style.max_lines) is not None
            too_long = word["end"] - current[0]["start"] > style.max_duration
            pause = word["start"] - current[-1]["end"] > style.max_gap
            pause = pause or sung([word]) != sung(current[-1:])
            sentence_end = (current[-1]["word"].rstrip()[-1:] in SENTENCE_ENDS
                            and visible_length(text_of(current)) > style.max_line_chars / 2)
            if not fits or too_long or pause or sentence_end:
                groups.append(current)
                current = []
        current.append(word)
    if current:
        groups.append(current)
    return groups


def _ends(word):
    return ends_sentence(word["word"])


def cues_from(groups, style):
    cues = cue_module._merge_short(time_cues(groups, style), style)
    for cue in cues:
        cue["lines"] = lines_for(cue["words"], style.max_line_chars, style.max_lines) or [text_of(cue["words"])]
    return cues


def measure(cues, style):
    orphans, forced, undashed, examples = 0, 0, 0, []
    for before, cue in zip(cues, cues[1:]):
        if not _ends(before["words"][-1]) and any(_ends(w) for w in cue["words"][:2]):
            last, first = before["words"][-1], cue["words"][0]
            if first["start"] - last["end"] > style.max_gap or sung([first]) != sung([last]):
                forced += 1  # a rule breaks the cue here: no grouping can avoid it
            else:
                orphans += 1
            examples.append(f"{' / '.join(before['lines'])}  ||  {' / '.join(cue['lines'])}")
    for cue in cues:
        speakers = [w.get("speaker") for w in cue["words"]]
        changes = sum(a != b for a, b in zip(speakers, speakers[1:]))
        dashed = changes == 1 and len(cue["lines"]) == 2 and all(line.startswith("- ") for line in cue["lines"])
        if changes and not dashed and not sung(cue["words"]):
            undashed += 1
    breaks = [_ends(c["words"][-1]) for c in cues[:-1]]
    durations = np.array([c["end"] - c["start"] for c in cues])
    dangling = sum(_bare(c["words"][-1]["word"]) in PHRASE_OPENERS and not _ends(c["words"][-1])
                   and not ends_clause(c["words"][-1]["word"]) for c in cues[:-1])
    return {"cues": len(cues), "orphan tails": orphans, "(forced)": forced, "2 speakers, no dashes": undashed,
            "sentence-end breaks %": round(100 * np.mean(breaks), 1) if breaks else 100.0,
            "dangling ends": dangling, "under 1 s": int((durations < 1.0).sum()),
            "duration mean": round(float(durations.mean()), 2),
            "p10/p50/p90": " / ".join(f"{q:.2f}" for q in np.percentile(durations, [10, 50, 90])),
            "examples": examples[:4]}


def film_counts(doc, reference=None):
    """Orphan tails and two-speaker cues without a dash pair in a written subtitle JSON (cue lines and speakers
    only, as a viewer sees them): what bench/cue_timing.py prints."""
    def tokens(cue):
        return [t for line in cue["lines"] for t in line.split() if t not in ("-", "♪")]

    orphans = sum(bool(tokens(before)) and not ends_sentence(tokens(before)[-1]) and any(ends_sentence(t) for t in tokens(cue)[:2])
                  and not cue.get("song") and not before.get("song")
                  for before, cue in zip(doc["cues"], doc["cues"][1:]))
    def dashed(cue):
        return len(cue["lines"]) == 2 and all(x.startswith("- ") for x in cue["lines"])

    undashed = sum(len(c.get("speakers") or []) > 1 and not dashed(c) for c in doc["cues"])
    counts = {"orphans": orphans, "undashed": undashed}
    if reference is not None:  # a dash pair over one voice's lines: one person's sentence shown as two
        counts["one_voice_dashes"] = sum(dashed(c) and len({line["speaker"] for line in reference["lines"]
                                                            if line["end"] > c["start"] + 0.05
                                                            and line["start"] < c["end"] - 0.05}) < 2
                                         for c in doc["cues"])
        counts["dash_pairs"] = sum(dashed(c) for c in doc["cues"])
    return counts


def with_reference_speakers(words, reference):
    """The words with `true_speaker`: the speaker of the reference line nearest each word's middle."""
    lines = json.load(open(reference, encoding="utf-8"))["lines"]

    def distance(line, t):
        return max(line["start"] - t, t - line["end"], 0.0)

    return [dict(w, true_speaker=min(lines, key=lambda line: distance(line, (w["start"] + w["end"]) / 2))["speaker"])
            for w in words]


def true_undashed(cues):
    """Cues holding two true speakers that are not a dash pair split where the true speaker changes."""
    count = 0
    for cue in cues:
        true = [w["true_speaker"] for w in cue["words"]]
        said = [w.get("speaker") for w in cue["words"]]
        true_changes = [i for i in range(1, len(true)) if true[i] != true[i - 1]]
        said_changes = [i for i in range(1, len(said)) if said[i] != said[i - 1]]
        if true_changes and not sung(cue["words"]) and (len(true_changes) > 1 or said_changes != true_changes):
            count += 1
    return count


def load_words(path):
    data = json.load(open(path, encoding="utf-8"))
    return words_of(data["segments"]) if "segments" in data else data["words"]


def long_stream(words, count):
    """The words repeated, each copy shifted past the last, to `count` words."""
    out, shift = [], 0.0
    span = words[-1]["end"] - words[0]["start"] + 2.0
    while len(out) < count:
        out += [dict(w, start=w["start"] + shift, end=w["end"] + shift) for w in words]
        shift += span
    return out[:count]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("transcripts", nargs="+")
    parser.add_argument("--long", type=int, default=25000, help="words in the runtime test")
    parser.add_argument("--costs", default="{}", help="BreakCosts overrides as JSON")
    parser.add_argument("--examples", action="store_true")
    args = parser.parse_args()
    style = CueStyle(segmentation=BreakCosts(**json.loads(args.costs)))
    for given in args.transcripts:
        path, _, reference = given.partition("=")
        words = load_words(path)
        if reference:
            words = with_reference_speakers(words, reference)
        print(f"{path}: {len(words)} words")
        for name, group in (("greedy", greedy), ("segment", segment)):
            cues = cues_from(group(words, style), style)
            figures = measure(cues, style)
            if reference:
                figures["true 2 speakers, no dash pair"] = true_undashed(cues)
            examples = figures.pop("examples")
            print(f"  {name:<8}", "  ".join(f"{k}: {v}" for k, v in figures.items()))
            if args.examples:
                for example in examples:
                    print(f"      {example}")
    words = long_stream(load_words(args.transcripts[-1].partition("=")[0]), args.long)
    for name, group in (("greedy", greedy), ("segment", segment)):
        t0 = time.perf_counter()
        groups = group(words, style)
        print(f"{len(words)} words ({(words[-1]['end'] - words[0]['start']) / 3600:.1f} h): {name} "
              f"{time.perf_counter() - t0:.2f} s, {len(groups)} cues")


if __name__ == "__main__":
    main()
