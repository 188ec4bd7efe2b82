"""The QC report names, cue by cue, each timing rule a cue breaks, as a broadcaster's QC operator would."""

from fractions import Fraction

from cinescribe.subtitles.frame_grid import FrameGrid
from cinescribe.subtitles.qc import qc_failures, qc_summary, qc_table

LIMITS = dict(max_line_chars=42, max_lines=2, max_duration=7.0, min_duration=0.833, max_cps=20.0, min_gap=2 / 25)
GRID = FrameGrid(Fraction(25))


def _cue(start, end, voice, text="A line of about twenty."):
    return {"start": start, "end": end, "lines": [text], "voice": voice}


def test_each_timing_rule_is_named_on_the_cue_that_breaks_it():
    cues = [_cue(1.0, 3.0, [1.0, 2.6]),  # clean
            _cue(3.2, 5.0, [3.4, 4.6]),  # comes up 5 frames before its voice (and 5 after the last cue: not chained)
            _cue(6.0, 8.6, [6.0, 7.0]),  # out-time 40 frames after its voice
            _cue(10.0, 11.5, [10.0, 11.2]),  # a cut 4 frames after its in-time
            _cue(13.0, 14.4, [13.0, 14.4])]  # ends 2 frames before a cut: snapped, fine
    failures = qc_failures(cues, LIMITS, GRID, cuts=[10.16, 14.48])
    assert failures[0] == ["chaining"]
    assert failures[1] == ["in-time vs speech"]
    assert failures[2] == ["out-time vs speech"]
    assert failures[3] == ["shot change"]
    assert failures[4] == []
    summary = qc_summary(cues, failures, GRID)
    assert summary["frame_rate"] == "25/1" and summary["flagged"] == 4 and summary["rules"]["chaining"] == 1
    rows = qc_table(cues, failures).splitlines()
    assert rows[0].split("\t") == ["cue", "start", "end", "rules", "text"] and len(rows) == 5
    assert rows[2].startswith("2\t3.200\t5.000\tin-time vs speech")


def test_an_in_time_on_a_cut_is_not_faulted_for_leading_the_voice():
    cues = [_cue(2.0, 4.0, [2.3, 3.8])]
    assert qc_failures(cues, LIMITS, GRID, cuts=[2.0]) == [[]]
    assert qc_failures(cues, LIMITS, GRID) == [["in-time vs speech"]]
