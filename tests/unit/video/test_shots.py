"""Shot changes: both detectors (frames, the default, and packets) find every cut of a film with known cuts on
its exact frame and nothing inside shots (grain, slow and fast pans, a flash, a fade to black); an intra-only
file falls back to frames; nothing is decoded for audio-only inputs."""

import time
import typing
from fractions import Fraction

import av
import numpy as np
import pytest

from cinescribe.shapes import ShotsResult
from cinescribe.video import packets, shots
from cinescribe.video.result import film_shots
from cinescribe.video.shots import ShotOptions, detect_cuts, find_cuts
from support import cut_video, media

DETECTORS = {"packets": packets.DETECTOR, "frames": shots.DETECTOR}


@pytest.mark.parametrize("detector", DETECTORS)
@pytest.mark.parametrize("name", ["23.976", "25", "29.97"])
def test_every_cut_is_found_on_its_frame_and_no_other(cut_films, name, detector):
    film = cut_films[name]
    frame_s = float(1 / Fraction(film["rate"]))
    found, used = find_cuts(film["path"], ShotOptions(detector=detector), Fraction(film["rate"]))
    assert used == DETECTORS[detector]
    assert len(found) == len(film["cuts"]), (found, film["cuts"])
    for cut, known in zip(found, film["cuts"]):
        assert abs(cut - known) <= frame_s / 2 + 0.001, (cut, known)  # the very frame, to the millisecond


@pytest.mark.parametrize("detector", DETECTORS)
@pytest.mark.parametrize("name", ["23.976", "25", "29.97"])
def test_the_flash_and_the_fade_are_not_cuts(cut_films, name, detector):
    film = cut_films[name]
    frame_s = float(1 / Fraction(film["rate"]))
    found = detect_cuts(film["path"], ShotOptions(detector=detector), Fraction(film["rate"]))
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
    assert len(result["cuts"]) == len(film["cuts"]) and result["warnings"] == []
    assert result["detector"] == shots.DETECTOR  # frames, the default
    fast = film_shots(film["path"], {"frame_rate": 29.97, "shots": True, "detector": "packets"})
    assert fast["detector"] == packets.DETECTOR and fast["cuts"] == result["cuts"]
    assert all(round(cut, 3) == cut for cut in result["cuts"])


def test_shots_off_reads_the_rate_and_decodes_nothing(cut_films):
    started = time.perf_counter()
    result = film_shots(cut_films["25"]["path"], {"frame_rate": 0, "shots": False})
    assert time.perf_counter() - started < 0.5
    assert (result["frame_rate_exact"], result["cuts"], result["detector"]) == ("25/1", [], "")


def _intra_only(path, rate=25, size=(160, 90), shots_s=(1.2, 1.0, 1.4)):
    """An MJPEG clip (every packet a keyframe) of three shots, each its own colour and texture, with grain."""
    rng = np.random.default_rng(3)
    width, height = size
    cuts, index = [], 0
    with av.open(str(path), "w") as out:
        stream = out.add_stream("mjpeg", rate=rate)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuvj420p"
        for shot, seconds in enumerate(shots_s):
            if shot:
                cuts.append(index / rate)
            base = rng.integers(20, 230, size=(height // 10 + 1, width // 10 + 1, 3)).astype(np.uint8)
            picture = np.kron(base, np.ones((10, 10, 1), np.uint8))[:height, :width]
            for _ in range(round(seconds * rate)):
                grain = rng.integers(0, 6, size=picture.shape, dtype=np.uint8)
                frame = av.VideoFrame.from_ndarray(picture + grain, format="rgb24").reformat(format="yuvj420p")
                frame.pts, frame.time_base = index, Fraction(1, rate)
                out.mux(stream.encode(frame))
                index += 1
        out.mux(stream.encode(None))
    return cuts


def test_an_intra_only_file_falls_back_to_frames_and_finds_its_cuts(tmp_path, caplog):
    path = tmp_path / "intra only.mkv"
    known = _intra_only(path)
    with caplog.at_level("INFO"):
        found, used = find_cuts(path, ShotOptions(detector="packets"), 25)
    assert used == shots.DETECTOR and "every packet is a keyframe" in caplog.text
    assert [round(cut * 25) for cut in found] == [round(cut * 25) for cut in known]


def test_hevc_falls_back_to_frames(tmp_path, caplog):
    path = tmp_path / "hevc.mkv"
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx265", rate=25, options={"x265-params": "log-level=error"})
        stream.width, stream.height, stream.pix_fmt = 64, 36, "yuv420p"
        for i in range(30):
            frame = av.VideoFrame.from_ndarray(np.full((36, 64, 3), 40 + 5 * i, np.uint8), format="rgb24")
            frame.pts, frame.time_base = i, Fraction(1, 25)
            out.mux(stream.encode(frame.reformat(format="yuv420p")))
        out.mux(stream.encode(None))
    with caplog.at_level("INFO"):
        _, used = find_cuts(path, ShotOptions(detector="packets"), 25)
    assert used == shots.DETECTOR and "hevc is not H.264" in caplog.text


@pytest.mark.parametrize("preset", ["ultrafast", "superfast"])
def test_a_film_whose_encoder_marked_no_cut_falls_back_to_frames(tmp_path, caplog, preset):
    """x264 ultrafast has no B-frames and codes a cut mostly inter; superfast on a grainy 640x360 picture makes
    every P-frame as big as the one at a cut, and neither puts an I-frame at a cut: the packets cannot tell the
    cuts, so every frame is decoded and every cut found on its frame (packets alone found none of them)."""
    film = cut_video.build(tmp_path / f"{preset}.mp4", Fraction(24000, 1001), seconds=30, size=(640, 360), crf=19,
                           preset=preset)
    with caplog.at_level("INFO"):
        found, used = find_cuts(film["path"], ShotOptions(detector="packets"), Fraction(24000, 1001))
    assert used == shots.DETECTOR and "the packets cannot tell the cuts" in caplog.text
    assert [round(cut * 24000 / 1001) for cut in found] == film["cut_frames"]
