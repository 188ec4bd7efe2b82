"""The shots rule in the real workflow: a film's frame rate and cuts land in shots.json beside the subtitles; a
picture that cannot be decoded is a warning, not a failed run."""

import json
from fractions import Fraction

from support import cut_video

QUICK = {"asr": {"model": "tiny.en"}, "diarization": {"enabled": False}, "songs": {"mode": "keep"},
         "review": {"enabled": False}}


def test_a_film_s_rate_and_cuts_reach_shots_json(workflow, tmp_path):
    film = cut_video.build(tmp_path / "cuts.mp4", Fraction(25), seconds=20)
    workflow.run({"input": film["path"], **QUICK})
    shots = json.loads((workflow.results("cuts") / "shots.json").read_text())
    assert (shots["frame_rate_exact"], shots["frame_rate_source"], shots["warnings"]) == ("25/1", "video", [])
    assert shots["cuts"] == [round(cut, 3) for cut in film["cuts"]]
    assert (workflow.results("cuts") / "subtitles" / "cuts.en.srt").read_text().strip()


def test_an_undecodable_picture_is_a_warning_and_audio_timing(workflow, tmp_path):
    good = cut_video.build(tmp_path / "good.mkv", Fraction(25), seconds=12)
    bad = cut_video.undecodable(good["path"], tmp_path / "bad picture.mkv")
    proc = workflow.run({"input": str(bad), **QUICK, "video": {"frame_rate": 25}})
    assert "Traceback" not in proc.stderr
    shots = json.loads((workflow.results("bad picture") / "shots.json").read_text())
    assert (shots["frame_rate_exact"], shots["frame_rate_source"], shots["cuts"]) == ("25/1", "config", [])
    assert "cannot be decoded" in shots["warnings"][0] and "cannot be decoded" in proc.stderr
