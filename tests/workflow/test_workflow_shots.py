"""The shots rule in the real workflow: a film's frame rate and cuts land in shots.json beside the subtitles; a
picture that cannot be decoded is a warning, not a failed run."""

import json
from fractions import Fraction

import pytest

from cinescribe.subtitles.frame_grid import FrameGrid
from support import cut_video

QUICK = {"asr": {"model": "tiny.en"}, "diarization": {"enabled": False}, "songs": {"mode": "keep"},
         "review": {"enabled": False}}


@pytest.mark.parametrize("rate", [Fraction(25), Fraction(24000, 1001)], ids=["25", "23.976"])
def test_cues_sit_on_the_film_s_frames_and_clear_of_its_cuts(workflow, tmp_path, rate):
    """The rate and the cuts of the picture reach shots.json, and the subtitles are timed to them: every in- and
    out-time on a frame of the film's rate, none 1-11 frames from a known cut (an out-time may sit 2 frames
    before one), and the QC report agrees."""
    film = cut_video.build(tmp_path / "cuts.mp4", rate, seconds=30)
    workflow.run({"input": film["path"], **QUICK, "video": {"shots": True}})
    shots = json.loads((workflow.results("cuts") / "shots.json").read_text())
    exact = f"{rate.numerator}/{rate.denominator}"
    assert (shots["frame_rate_exact"], shots["frame_rate_source"], shots["warnings"]) == (exact, "video", [])
    assert shots["cuts"] == [round(cut, 3) for cut in film["cuts"]]
    cues = json.loads((workflow.results("cuts") / "subtitles" / "cuts.en.json").read_text())["cues"]
    assert len(cues) >= 5
    grid, zone = FrameGrid(rate), round(rate / 2)
    cuts = [grid.nearest(t) for t in film["cuts"]]
    for cue in cues:
        assert grid.on_grid(cue["start"]) and grid.on_grid(cue["end"]), cue
        first, last = grid.nearest(cue["start"]), grid.nearest(cue["end"])
        assert all(first == c or abs(first - c) >= zone for c in cuts), (cue, film["cuts"])
        assert all(c - last in (0, 2) or abs(last - c) >= zone for c in cuts), (cue, film["cuts"])
    done = json.loads((workflow.results("cuts") / "done.json").read_text())
    assert done["qc"]["frame_rate"] == exact and done["qc"]["rules"]["shot change"] == 0


def test_an_undecodable_picture_is_a_warning_and_audio_timing(workflow, tmp_path):
    good = cut_video.build(tmp_path / "good.mkv", Fraction(25), seconds=12)
    bad = cut_video.undecodable(good["path"], tmp_path / "bad picture.mkv")
    proc = workflow.run({"input": str(bad), **QUICK, "video": {"frame_rate": 25, "shots": True}})
    assert "Traceback" not in proc.stderr
    shots = json.loads((workflow.results("bad picture") / "shots.json").read_text())
    assert (shots["frame_rate_exact"], shots["frame_rate_source"], shots["cuts"]) == ("25/1", "config", [])
    assert "cannot be decoded" in shots["warnings"][0] and "cannot be decoded" in proc.stderr
