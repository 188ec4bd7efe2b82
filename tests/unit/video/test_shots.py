"""Shot changes: every cut of a film with known cuts found within a frame, nothing inside shots (grain, slow
pans, a flash, a fade to black), and nothing decoded for audio-only inputs."""

import time
import typing
from fractions import Fraction

import pytest

from cinescribe.shapes import ShotsResult
from cinescribe.video.result import film_shots
from cinescribe.video.shots import ShotOptions, detect_cuts
from support import media


@pytest.mark.parametrize("name", ["23.976", "25", "29.97"])
def test_every_cut_is_found_within_a_frame_and_no_other(cut_films, name):
    film = cut_films[name]
    frame_s = float(1 / Fraction(film["rate"]))
    found = detect_cuts(film["path"], ShotOptions(), Fraction(film["rate"]))
    assert len(found) == len(film["cuts"]), (found, film["cuts"])
    for cut, known in zip(found, film["cuts"]):
        assert abs(cut - known) <= frame_s / 2 + 0.001, (cut, known)  # the very frame, to the millisecond


def test_the_flash_and_the_fade_are_not_cuts(cut_films):
    film = cut_films["25"]
    frame_s = float(1 / Fraction(film["rate"]))
    found = detect_cuts(film["path"], ShotOptions(), Fraction(film["rate"]))
    flash, (fade_start, fade_end) = film["flash_frame"] * frame_s, film["fade_frames"]
    assert film["flash_frame"] is not None and fade_end > fade_start
    assert all(abs(cut - flash) > 2 * frame_s for cut in found)
    assert not [cut for cut in found if fade_start * frame_s < cut < fade_end * frame_s - frame_s / 2]


def test_audio_only_inputs_have_no_cuts_and_cost_nothing(tmp_path):
    started = time.perf_counter()
    result = film_shots(media.DEMO_WAV, {"frame_rate": 0, "audio_only_frame_rate": 24, "shots": True})
    assert time.perf_counter() - started < 0.5
    assert (result["cuts"], result["detector"], result["frame_rate_source"]) == ([], "", "default")


def test_shots_json_holds_the_rate_and_the_cuts(cut_films):
    film = cut_films["29.97"]
    result = film_shots(film["path"], {"frame_rate": 29.97, "shots": True})
    assert set(result) == set(typing.get_type_hints(ShotsResult))
    assert result["frame_rate_exact"] == "30000/1001" and result["frame_rate"] == pytest.approx(29.97, abs=1e-3)
    assert result["frame_rate_source"] == "video" and not result["variable_frame_rate"]
    assert len(result["cuts"]) == len(film["cuts"]) and result["detector"] and result["warnings"] == []
    assert all(round(cut, 3) == cut for cut in result["cuts"])


def test_shots_off_reads_the_rate_and_decodes_nothing(cut_films):
    started = time.perf_counter()
    result = film_shots(cut_films["25"]["path"], {"frame_rate": 0, "shots": False})
    assert time.perf_counter() - started < 0.5
    assert (result["frame_rate_exact"], result["cuts"], result["detector"]) == ("25/1", [], "")
