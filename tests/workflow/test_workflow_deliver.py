"""The film with its subtitles inside: the Matroska a player opens shows every language the run wrote, with the
picture and sound exactly the source's; the burned preview shows the subtitles in the picture."""

import os
from fractions import Fraction

import av
import numpy as np
import pysubs2
import pytest

from support import cut_video, media

QUICK = {"asr": {"model": "tiny.en"}, "diarization": {"enabled": False}, "songs": {"mode": "keep"},
         "review": {"enabled": False}}


def _packets(path, kind):
    """Payloads of every packet of the first stream of `kind` (video, audio), in file order."""
    with av.open(str(path)) as container:
        return [bytes(p) for p in container.demux(**{kind: 0}) if p.size]


def _subtitle_tracks(path):
    """Each subtitle track as a player reads it: language, title, default flag, and its cues (start ms, text)."""
    with av.open(str(path)) as container:
        first_frame = min((float(p.pts * p.time_base) for p in container.demux(container.streams[0])
                           if p.pts is not None), default=0.0)
    with av.open(str(path)) as container:
        tracks = {s.index: {"language": s.metadata.get("language"), "title": s.metadata.get("title"),
                            "default": bool(s.disposition & av.stream.Disposition.default), "cues": []}
                  for s in container.streams.subtitles}
        for packet in container.demux(container.streams.subtitles):
            if packet.size:
                start = round((float(packet.pts * packet.time_base) - first_frame) * 1000)
                tracks[packet.stream.index]["cues"].append((start, bytes(packet).decode("utf-8")))
    return list(tracks.values())


def _cues(srt):
    return [(event.start, event.text.replace(r"\N", "\n")) for event in pysubs2.load(str(srt))]


@pytest.mark.workflow
def test_mkv_holds_every_language_and_the_source_streams_untouched(workflow, tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(media.REPO / "tests" / "support"),
                                                                    os.environ.get("PYTHONPATH")])))
    film = cut_video.build(tmp_path / "film.mp4", Fraction(25), seconds=20)["path"]
    workflow.run({"input": str(film), **QUICK, "deliver": {"mux": True, "burn": True},
                  "translation": {"targets": ["pt"], "backend": "reversing_backend:Reverse"}})
    results = workflow.results("film")
    mkv, subs = results / "film.subtitled.mkv", results / "subtitles"
    with av.open(str(mkv)) as container:
        assert [s.type for s in container.streams] == ["video", "audio", "subtitle", "subtitle"]
    assert _packets(mkv, "video") == _packets(film, "video")  # copied, not encoded again
    assert _packets(mkv, "audio") == _packets(film, "audio")
    english, portuguese = _subtitle_tracks(mkv)
    assert (english["language"], english["title"], english["default"]) == ("eng", "English", True)
    assert (portuguese["language"], portuguese["title"], portuguese["default"]) == (
        "por", "Portuguese (translated from English)", False)
    assert english["cues"] == _cues(subs / "film.en.srt") and len(english["cues"]) >= 3  # same cues, same times
    assert portuguese["cues"] == _cues(subs / "translations" / "film.pt.srt")

    burned = results / "film.burned.mp4"
    with av.open(str(burned)) as container:
        assert [s.codec_context.name for s in container.streams] == ["h264", "aac"]
    cue = pysubs2.load(str(subs / "film.en.ass"))[0]
    source, preview = _frame_at(film, (cue.start + cue.end) / 2000), _frame_at(burned, (cue.start + cue.end) / 2000)
    difference = np.abs(source.astype(int) - preview.astype(int))
    third = difference.shape[0] // 3
    assert difference[-third:].mean() > 4 * difference[:third].mean()  # the words are at the bottom of the picture


def _frame_at(path, seconds):
    """The luma of the frame shown at `seconds`."""
    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            if frame.time >= seconds:
                return frame.to_ndarray(format="gray")
    raise AssertionError(f"{path} ends before {seconds} s")


@pytest.mark.workflow
def test_audio_only_film_gets_a_matroska_of_its_sound_and_subtitles(workflow):
    proc = workflow.run({"input": str(media.DEMO_WAV), **QUICK, "deliver": {"mux": True}})
    mkv = workflow.results("sample") / "sample.subtitled.mkv"
    with av.open(str(mkv)) as container:
        assert [s.type for s in container.streams] == ["audio", "subtitle"]
    assert _packets(mkv, "audio") == _packets(media.DEMO_WAV, "audio")
    (english,) = _subtitle_tracks(mkv)
    assert english["cues"] == _cues(workflow.results("sample") / "subtitles" / "sample.en.srt")
    assert sum("has no video stream" in line for line in proc.stderr.splitlines()) == 1
