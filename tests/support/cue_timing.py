"""How cue times meet the speech of a film with an exact reference (support.film_like): what a QC pass checks.

- In-times: every line that starts after a pause (nobody speaking for `pause` s) should bring a cue up within
  2 frames of its first voiced sample, and never more than 4 frames early. The second line of a dash pair is
  the exception: a two-speaker cue comes up with its first speaker, and its second line starts inside it.
- Out-times: every line followed by a pause should take its cue down between the end of its voice and 12
  frames after it, unless the cue is chained to the next one (a gap of 2 frames: the chaining rule).
A cue is matched to a line by the nearest in-time (or out-time) within a second.
"""

from dataclasses import dataclass

PAUSE_S = 0.3
MATCH_S = 1.0
MS = 1e-3  # times are written in milliseconds


def onsets_after_pause(reference, pause=PAUSE_S):
    lines = sorted(reference["lines"], key=lambda x: x["start"])
    voiced_until, onsets = float("-inf"), []
    for line in lines:
        if line["start"] - voiced_until >= pause:
            onsets.append(line["start"])
        voiced_until = max(voiced_until, line["end"])
    return onsets


def ends_before_pause(reference, pause=PAUSE_S):
    lines = reference["lines"]
    return sorted(x["end"] for x in lines
                  if all(not (y["start"] < x["end"] + pause and y["end"] > x["end"]) for y in lines if y is not x))


def _nearest(times, t):
    best = min(times, key=lambda x: abs(x - t), default=None)
    return best if best is not None and abs(best - t) <= MATCH_S else None


def _dash_pair(cue):
    lines = cue.get("lines") or []
    return len(lines) == 2 and all(line.startswith("- ") for line in lines)


def second_speaker_onsets(onsets, cues, frame):
    """The onsets that start the second line of a dash pair: inside the pair's cue, after its in-time."""
    pairs = [c for c in cues if _dash_pair(c)]
    return {o for o in onsets if any(c["start"] + 2 * frame + MS < o < c["end"] for c in pairs)}


@dataclass
class TimingFigures:
    onsets: int
    in_matched: int
    in_within_2_frames: float
    in_early_over_4_frames: int
    in_median_ms: float
    in_dash_pairs: int  # onsets of a dash pair's second line, which come up with the first (not counted above)
    ends: int
    out_matched: int
    out_chained: int
    out_within_rule: float  # share of unchained out-times between the end of the voice and 12 frames after it
    out_early: int
    out_late: int


def timing_figures(reference, cues, fps=24.0):
    """TimingFigures of cues ({start, end}) against the reference's voiced lines at the film's frame rate."""
    frame = 1 / fps
    starts = [c["start"] for c in cues]
    onsets = onsets_after_pause(reference)
    second = second_speaker_onsets(onsets, cues, frame)
    in_errors = [s - o for o in onsets if o not in second and (s := _nearest(starts, o)) is not None]
    ends = ends_before_pause(reference)
    by_end = sorted(range(len(cues)), key=lambda i: cues[i]["end"])
    out_errors, chained = [], 0
    for end in ends:
        i = min(by_end, key=lambda j: abs(cues[j]["end"] - end), default=None)
        if i is None or abs(cues[i]["end"] - end) > MATCH_S:
            continue
        following = [c["start"] for c in cues if c["start"] >= cues[i]["end"] - MS]
        if following and min(following) - cues[i]["end"] <= 2 * frame + MS:
            chained += 1
            continue
        out_errors.append(cues[i]["end"] - end)
    in_sorted = sorted(in_errors)
    return TimingFigures(
        onsets=len(onsets) - len(second), in_matched=len(in_errors), in_dash_pairs=len(second),
        in_within_2_frames=sum(abs(e) <= 2 * frame + MS for e in in_errors) / max(1, len(in_errors)),
        in_early_over_4_frames=sum(e < -4 * frame - MS for e in in_errors),
        in_median_ms=round(1000 * in_sorted[len(in_sorted) // 2], 1) if in_sorted else 0.0,
        ends=len(ends), out_matched=len(out_errors), out_chained=chained,
        out_within_rule=sum(-MS <= e <= 12 * frame + MS for e in out_errors) / max(1, len(out_errors)),
        out_early=sum(e < -MS for e in out_errors), out_late=sum(e > 12 * frame + MS for e in out_errors))
