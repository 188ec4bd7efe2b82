"""Translation: Whisper's own into English, and the translate stage with a pluggable backend."""

import json
import re

import pysubs2
import pytest

import media
from cinescribe.cues import build_cues
from cinescribe.errors import CinescribeError
from cinescribe.translate import bilingual_cues, load_backend, translate_cues
from reversing_backend import Reverse


def test_translated_cues_keep_their_times_and_the_line_rules():
    words = [{"word": f" {w}", "start": i * 0.4, "end": i * 0.4 + 0.3, "probability": 0.9}
             for i, w in enumerate("the morning train was late again so we walked to the old market by the river "
                                   "and bought some bread".split())]
    cues = build_cues(words)
    out = translate_cues(cues, Reverse(), "en", "xx")
    assert [(c["start"], c["end"]) for c in out] == [(c["start"], c["end"]) for c in cues]
    assert " ".join(out[0]["lines"]).split()[:2] == ["eht", "gninrom"]
    assert all(len(line) <= 42 for c in out for line in c["lines"]) and all(len(c["lines"]) <= 2 for c in out)
    both = bilingual_cues(out)
    assert both[0]["lines"] == out[0]["lines"] + cues[0]["lines"]


def test_song_cues_stay_songs_in_translation():
    cue = {"start": 0.0, "end": 2.0, "lines": ["♪ la la la ♪"], "song": True, "words": []}
    assert translate_cues([cue], Reverse(), "en", "xx")[0]["lines"] == ["♪ al al al ♪"]


def test_no_backend_is_one_sentence():
    with pytest.raises(CinescribeError, match="no translation backend 'nope'"):
        load_backend("nope")
    with pytest.raises(CinescribeError) as err:
        load_backend("transformers", model="")
    assert "\n" not in str(err.value) and ("transformers" in str(err.value) or "translation.model" in str(err.value))


@pytest.mark.workflow
def test_translate_stage_writes_target_and_bilingual_files(workflow, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(media.REPO / "tests"))
    config = {"input": str(media.DEMO_WAV), "asr": {"model": "tiny.en"}, "diarization": {"enabled": False},
              "translation": {"targets": ["xx"], "backend": "reversing_backend:Reverse", "bilingual": True}}
    workflow.run(config)
    subs = workflow.results("sample") / "subtitles"
    source = pysubs2.load(str(subs / "sample.en.srt"))
    target = pysubs2.load(str(subs / "translations" / "sample.xx.srt"))
    assert [(e.start, e.end) for e in target] == [(e.start, e.end) for e in source]
    assert json.loads((subs / "translations" / "sample.xx.json").read_text())["source_language"] == "en"
    bilingual = pysubs2.load(str(subs / "translations" / "sample.xx.bilingual.srt"))
    first = bilingual[0].plaintext.splitlines()
    assert first[-len(source[0].plaintext.splitlines()):] == source[0].plaintext.splitlines()
    page = (workflow.results("sample") / "review.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="review-data">(.*?)</script>', page, re.S).group(1))
    assert [t["language"] for t in data["tracks"]] == ["en", "xx"]  # the page's language switch
    assert [c["lines"] for c in data["tracks"][1]["cues"]] == [
        c["lines"] for c in json.loads((subs / "translations" / "sample.xx.json").read_text())["cues"]]


@pytest.mark.workflow
def test_translate_without_a_backend_fails_in_one_sentence(workflow):
    config = {"input": str(media.DEMO_WAV), "asr": {"model": "tiny.en"}, "diarization": {"enabled": False},
              "translation": {"targets": ["hi"], "model": ""}}
    proc = workflow.run(config, check=False)
    assert proc.returncode != 0
    assert "cinescribe: translation" in proc.stderr
    assert not list((workflow.results("sample") / "subtitles").glob("translations/*"))


@pytest.mark.workflow
def test_whisper_translates_spanish_speech_into_english(workflow, tmp_path):
    lines = ["El tren de la mañana llegó tarde otra vez.", "Mi hermano cocina pescado con arroz los domingos.",
             "Cuando paró la lluvia, los niños salieron a jugar al fútbol en el parque."]
    gap = media.silence(tmp_path / "gap.wav", 0.5)
    wav = media.concat([p for i, t in enumerate(lines)
                        for p in (media.speak(t, tmp_path / f"es{i}.wav", voice="es", speed=130), gap)],
                       tmp_path / "spanish.wav")
    workflow.run({"input": str(wav), "asr": {"task": "translate"}, "diarization": {"enabled": False}})
    language = json.loads((workflow.results("spanish") / "language.json").read_text())
    assert language["source"] == "es" and language["subtitle_language"] == "en"
    srt = workflow.results("spanish") / "subtitles" / "spanish.en.srt"
    words = set(re.findall(r"[a-z']+", " ".join(e.plaintext for e in pysubs2.load(str(srt))).lower()))
    print("translated:", sorted(words))
    assert {"the", "my"} & words and not {"el", "los", "mi", "de"} & words  # English, not Spanish
    assert len({"train", "morning", "late", "brother", "fish", "rice", "children", "football", "park"} & words) >= 2
