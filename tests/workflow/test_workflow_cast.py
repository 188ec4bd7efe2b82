"""Speakers by name through the real workflow: one cast row for one of the demo's two speakers names that
speaker's cues, leaves the other SPEAKER_NN, and a cast span without speech stops the run before the film's
audio is extracted."""

import json

import pytest

from support import media

pytestmark = pytest.mark.workflow


def cue_voice(start, end):
    """"Maya" (speaker91 of the demo's reference), "other", or None for a cue the two share."""
    held = {}
    for line in media.DEMO_RTTM.read_text().splitlines():
        fields = line.split()
        a, b = float(fields[3]), float(fields[3]) + float(fields[4])
        held[fields[7]] = held.get(fields[7], 0.0) + max(0.0, min(end, b) - max(start, a))
    voice = max(held, key=held.get)
    if held[voice] < 0.7 * sum(held.values()):
        return None
    return "Maya" if voice == "speaker91" else "other"


def test_a_cast_row_names_its_speakers_cues_and_only_those(workflow, tmp_path):
    cast = tmp_path / "cast.tsv"
    cast.write_text("name\tsource\tstart\tend\nMaya\t\t21.8\t28.4\n", encoding="utf-8")
    workflow.run({"input": str(media.DEMO_WAV), "asr": {"model": "tiny.en"}, "diarization": {"cast": str(cast)}})
    results = workflow.results("sample")
    diarization = json.loads((results / "diarization.json").read_text())
    assert list(diarization["names"].values()) == ["Maya"] and diarization["cast"] == ["Maya"]
    maya = next(s for s, n in diarization["names"].items() if n == "Maya")
    other = [s for s in diarization["speakers"] if s != maya]
    rows = [line.split("\t") for line in (results / "subtitles" / "sample.en.tsv").read_text().splitlines()[1:]]
    spoken = {(cue_voice(float(r[0]), float(r[1])), r[2]) for r in rows if r[2]}
    assert ("Maya", "Maya") in spoken and ("other", other[0]) in spoken
    assert all(name == "Maya" for voice, name in spoken if voice == "Maya")
    assert all(name != "Maya" for voice, name in spoken if voice == "other")  # never forced onto the other voice
    vtt = (results / "subtitles" / "sample.en.vtt").read_text()
    assert "<v Maya>" in vtt and f"<v {other[0]}>" in vtt
    done = json.loads((results / "done.json").read_text())
    assert done["speakers"] == {"named": 1, "unnamed": 1, "unnamed_speakers": other, "names_unheard": []}


def test_a_cast_span_without_speech_stops_the_run_before_the_audio_is_read(workflow, tmp_path):
    cast = tmp_path / "cast.tsv"
    cast.write_text("name\tsource\tstart\tend\nMaya\t\t0\t5\n", encoding="utf-8")
    proc = workflow.run({"input": str(media.DEMO_WAV), "diarization": {"cast": str(cast)}}, check=False)
    assert proc.returncode != 0
    assert "the cast row 1 (Maya) has 0.00 s of speech in 0-5 s" in proc.stderr
    assert not (workflow.results("sample") / "audio.wav").exists()
