"""Words get speakers from diarization turns by time overlap, so cues can show who speaks."""

import bisect
from collections import Counter


class TurnIndex:
    """Turns sorted by start, with the latest end so far, so a lookup stops as soon as no turn can reach."""

    def __init__(self, turns):
        self.turns = sorted(turns, key=lambda t: t["start"])
        self.starts = [t["start"] for t in self.turns]
        self.reach, latest = [], float("-inf")
        for turn in self.turns:
            latest = max(latest, turn["end"])
            self.reach.append(latest)


def speaker_at(start, end, index):
    """The turn overlapping [start, end] most; a word outside every turn takes the nearest one.

    On a tie the turn that began first wins: where a second voice cuts in (an overlap turn lying inside
    another), the words belong to the one already speaking."""
    turns = index.turns
    best, best_overlap = None, 0.0
    i = bisect.bisect_right(index.starts, end) - 1
    while i >= 0 and index.reach[i] > start:
        overlap = min(end, turns[i]["end"]) - max(start, turns[i]["start"])
        if overlap > 0 and overlap >= best_overlap:  # visited latest start first: ties go to the earlier
            best, best_overlap = turns[i]["speaker"], overlap
        i -= 1
    if best is not None:
        return best
    middle = (start + end) / 2
    nearest = min(turns, key=lambda t: max(t["start"] - middle, middle - t["end"], 0.0))
    return nearest["speaker"]


def assign_speakers(segments, turns):
    """Each word its speaker and each segment its majority speaker (copies; the inputs are untouched)."""
    if not turns:
        return segments
    index = TurnIndex(turns)
    out = []
    for segment in segments:
        words = [dict(w, speaker=speaker_at(w["start"], w["end"], index)) for w in segment.get("words", [])]
        votes = Counter(w["speaker"] for w in words) or Counter([speaker_at(segment["start"], segment["end"], index)])
        out.append(dict(segment, words=words, speaker=votes.most_common(1)[0][0]))
    return out
