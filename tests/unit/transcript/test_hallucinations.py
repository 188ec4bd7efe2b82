"""The hallucination filter on a crafted transcript, and on real audio with long silences."""

import json
from pathlib import Path

import yaml

from cinescribe.transcript.hallucinations import HallucinationFilter, drop_hallucinations
from support import media

OPTS = HallucinationFilter.from_config(
    yaml.safe_load((Path(__file__).resolve().parents[3] / "config" / "config.yaml").read_text())["hallucinations"])


def _seg(text, start, end, probability=0.9, **stats):
    words = text.split()
    step = (end - start) / len(words)
    return {"start": start, "end": end, "text": text, "compression_ratio": 1.3, "avg_logprob": -0.3,
            "no_speech_prob": 0.05, **stats,
            "words": [{"word": f" {w}", "start": start + i * step, "end": start + (i + 1) * step,
                       "probability": probability} for i, w in enumerate(words)]}


def test_each_kind_of_invention_is_removed_with_its_reason():
    speech = [[0, 20], [40, 60]]
    segments = [
        _seg("We leave for Delhi tonight.", 1, 4),
        _seg("Thank you for watching!", 25, 28),                     # phantom credit in silence
        _seg("and then and then and then and then", 5, 9, compression_ratio=3.1),
        _seg("I I I I I I I I am here", 10, 13),                       # loop inside a good segment
        _seg("The music swells", 30, 36),                              # text over silence
        _seg("mm", 41, 42, no_speech_prob=0.9, avg_logprob=-1.6),      # Whisper thinks nobody spoke
        _seg("See you at the station.", 45, 48),
    ]
    kept, removed = drop_hallucinations(segments, speech, OPTS)
    assert [s["text"] for s in kept] == ["We leave for Delhi tonight.", "I I I I am here", "See you at the station."]
    reasons = {r["text"]: r["reason"] for r in removed}
    assert reasons["Thank you for watching!"] == "phantom phrase"
    assert reasons["and then and then and then and then"].startswith("repetition loop")
    assert reasons["The music swells"] == "text over silence (VAD)"
    assert reasons["mm"].startswith("no speech")
    assert reasons["I I I I I I I I am here"].startswith("repeated words")


def test_a_whisper_vad_does_not_hear_stays_and_text_over_quiet_or_unsure_goes():
    speech = [[0, 5], [12, 16]]
    whisper = _seg("We will pay them back by the end of the month.", 6.0, 8.5, sound_share=0.9)
    over_room_tone = _seg("Thank you very much.", 9.0, 10.5, sound_share=0.1)
    unsure = _seg("Walk in the car we can't feel bad.", 6.0, 8.5, probability=0.2, sound_share=0.9)
    kept, removed = drop_hallucinations([whisper, over_room_tone], speech, OPTS)
    assert kept == [whisper] and removed[0]["reason"] == "text over silence (VAD)"
    assert drop_hallucinations([unsure], speech, OPTS)[0] == []


def test_long_sentences_mentioning_a_phrase_stay():
    text = "He said thank you for watching my children all these years, and left."
    kept, removed = drop_hallucinations([_seg(text, 0, 5)], [[0, 5]], OPTS)
    assert kept and not removed


def test_real_audio_with_long_silences_gets_no_text_in_them(workflow, tmp_path):
    speech_a = media.speak(media.SENTENCES[0], tmp_path / "a.wav")
    speech_b = media.speak(media.SENTENCES[1], tmp_path / "b.wav")
    gap = media.silence(tmp_path / "gap.wav", 25)
    film = media.concat([speech_a, gap, speech_b, gap], tmp_path / "gaps.wav")
    workflow.run({"input": str(film), "asr": {"model": "tiny.en"}})
    doc = json.loads((workflow.results("gaps") / "transcript.json").read_text())
    first_end = media.read_wav(speech_a).shape[0] / 16000
    second_start = first_end + 25
    words = [w for s in doc["segments"] for w in s["words"]]
    assert words and not [w for w in words if first_end + 1 < w["start"] < second_start - 1]
    assert not [w for w in words if w["start"] > second_start + media.read_wav(speech_b).shape[0] / 16000 + 1]
    assert "removed" in doc
