"""A broadcaster's QC pass over a subtitle file: for each cue, every timing or layout rule it breaks.

Beyond the layout rules of lint (lines, duration, reading speed, the 2-frame gap), timing is checked in frames
of the film against the voice each cue was set to and the film's shot changes, as a QC operator would
(Netflix Timed Text Style Guide, Subtitle Timing Guidelines):
- in-time vs speech: more than 2 frames off the first frame of the voice, unless it sits on a shot change;
- out-time vs speech: before the voice ends, or more than 12 frames after it, unless chained to the next cue
  or snapped to 2 frames before a cut;
- chaining: a gap of 3-12 frames to the next cue, which should have been closed to 2;
- shot change: an in-time 1-11 frames from a cut, an out-time 1-11 frames from one (other than 2 before it).
What a cue breaks goes to qc.tsv, done.json and the review page's flags.
"""

from cinescribe.subtitles.lint import RULES as LAYOUT_RULES
from cinescribe.subtitles.lint import cue_failures
from cinescribe.subtitles.timing import CueTiming, cuts_near

TIMING_RULES = ("in-time vs speech", "out-time vs speech", "chaining", "shot change")
RULES = TIMING_RULES + LAYOUT_RULES


def _timing_failures(cues, grid, cuts, timing):
    gap, zone, chain = timing.min_gap_frames, grid.frames(timing.cut_zone_s), grid.frames(timing.chain_s)
    cut_frames = sorted({grid.nearest(c) for c in cuts})
    out = []
    for i, cue in enumerate(cues):
        first, last = grid.nearest(cue["start"]), grid.nearest(cue["end"])
        following = grid.nearest(cues[i + 1]["start"]) - last if i + 1 < len(cues) else None
        chained = following is not None and following <= gap
        broken = []
        if cue.get("voice"):
            voice_in, voice_out = grid.nearest(cue["voice"][0]), grid.nearest(cue["voice"][1])
            if abs(first - voice_in) > 2 and first not in cut_frames:
                broken.append("in-time vs speech")
            late = last - voice_out > chain and not chained and last + gap not in cut_frames
            if (last < voice_out and not chained) or late:
                broken.append("out-time vs speech")
        if following is not None and gap < following <= chain:
            broken.append("chaining")
        if cuts_near(first, cut_frames, zone, (0,)) or cuts_near(last, cut_frames, zone, (0, gap)):
            broken.append("shot change")
        out.append(broken)
    return out


def qc_failures(cues, limits, grid, cuts=(), timing=None):
    """For each cue record (start, end, lines, voice?), the rules it breaks, timing rules first."""
    timing = timing or CueTiming()
    layout = cue_failures([(c["start"], c["end"], c["lines"]) for c in cues], **limits)
    return [t + lay for t, lay in zip(_timing_failures(cues, grid, list(cuts), timing), layout)]


def qc_summary(cues, failures, grid):
    """done.json's `qc`: how many cues break each rule, at which frame rate."""
    return {"frame_rate": f"{grid.rate.numerator}/{grid.rate.denominator}", "cues": len(cues),
            "flagged": sum(bool(f) for f in failures),
            "rules": {rule: sum(rule in f for f in failures) for rule in RULES}}


def qc_table(cues, failures):
    """qc.tsv: one row per cue that breaks a rule (cue number from 1, times in seconds)."""
    rows = ["cue\tstart\tend\trules\ttext"]
    rows += [f"{i}\t{c['start']:.3f}\t{c['end']:.3f}\t{', '.join(f)}\t{' / '.join(c['lines'])}"
             for i, (c, f) in enumerate(zip(cues, failures), 1) if f]
    return "\n".join(rows) + "\n"
