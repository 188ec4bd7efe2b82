"""Speakers through the real workflow: diarize runs beside ASR and its speakers reach every subtitle file."""

import json

import pysubs2
import pytest

import media

pytestmark = pytest.mark.workflow
VOICES = ("en-us+m3", "en-us+f3")


@pytest.fixture(scope="module")
def conversation(tmp_path_factory):
    return media.dialogue(tmp_path_factory.mktemp("talk"), VOICES, media.SENTENCES[:6], gaps=(1.2,))


def speaker_of_voice(words, reference):
    """Which SPEAKER_nn the workflow gave each voice: the most common label on the words inside its turns."""
    found = {}
    for start, end, voice in reference:
        labels = [w["speaker"] for w in words if start <= (w["start"] + w["end"]) / 2 <= end]
        found.setdefault(voice, []).extend(labels)
    return {voice: max(set(labels), key=labels.count) for voice, labels in found.items()}, found


def test_words_and_cues_carry_the_right_speakers(workflow, conversation):
    wav, reference = conversation
    workflow.run({"input": str(wav), "asr": {"model": "tiny.en"},
                  "diarization": {"names": {"SPEAKER_00": "Diane", "SPEAKER_01": "Raj"}}})
    results = workflow.results("dialogue")
    assert json.loads((results / "diarization.json").read_text())["speakers"] == ["SPEAKER_00", "SPEAKER_01"]
    words = workflow.words("dialogue")
    mapping, found = speaker_of_voice(words, reference)
    assert sorted(mapping.values()) == ["SPEAKER_00", "SPEAKER_01"]  # one label per voice
    agree = sum(label == mapping[voice] for voice, labels in found.items() for label in labels)
    assert agree / sum(map(len, found.values())) >= 0.95

    cues = json.loads((results / "subtitles" / "dialogue.en.json").read_text())["cues"]
    assert {cue["speaker"] for cue in cues} <= {"Diane", "Raj", None}
    assert {"Diane", "Raj"} <= {cue["speaker"] for cue in cues}
    vtt = pysubs2.load(str(results / "subtitles" / "dialogue.en.vtt"))
    assert any(event.plaintext for event in vtt)
    assert "<v Diane>" in (results / "subtitles" / "dialogue.en.vtt").read_text()
    for cue, event in zip(cues, pysubs2.load(str(results / "subtitles" / "dialogue.en.srt"))):
        lines = event.plaintext.splitlines()
        assert (len(cue["speakers"]) == 2) == lines[0].startswith("- "), lines  # dashes only for two voices


def test_diarization_off_skips_the_rule(workflow, conversation):
    wav, _ = conversation
    workflow.run({"input": str(wav), "asr": {"model": "tiny.en"}, "diarization": {"enabled": False}})
    results = workflow.results("dialogue")
    assert not (results / "diarization.json").exists()
    assert not (results / "logs" / "diarize.log").exists()
    assert all("speaker" not in w for w in workflow.words("dialogue"))
    cues = json.loads((results / "subtitles" / "dialogue.en.json").read_text())["cues"]
    assert cues and all(cue["speaker"] is None for cue in cues)
