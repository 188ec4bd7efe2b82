"""ASR on one chunk with the embedded tiny.en model, both decoding paths, and language detection."""

import pytest

from cinescribe.asr.languages import decoding_language
from cinescribe.asr.models import load_whisper
from cinescribe.asr.transcribe import detect_language, transcribe_chunk
from support import media
from support.workflow_runner import wer

OPTIONS = {"language": "en", "task": "transcribe", "beam_size": 5, "window_seconds": 30,
           "condition_on_previous_text": False, "segment_timestamps": True, "repair": {"enabled": True}}
SPEECH = [[6.6, 30.0]]


@pytest.fixture(scope="module")
def tiny():
    return load_whisper("tiny.en", "cpu", "int8", 2)


@pytest.mark.parametrize("sequential", [False, True])
def test_chunk_times_are_absolute_and_words_are_right(tiny, sequential):
    chunk = {"index": 2, "start": 5.0, "end": 30.0, "audio_start": 5.0, "audio_end": 30.0}
    options = {**OPTIONS, "condition_on_previous_text": sequential}
    segments, _ = transcribe_chunk(lambda: tiny, media.DEMO_WAV, chunk, SPEECH, options, batch_size=4)
    words = [w for s in segments for w in s["words"]]
    assert 6.0 <= words[0]["start"] <= 7.5  # "Hello" at 6.7 s of the film, not of the chunk
    assert all(5.0 <= w["start"] <= w["end"] <= 30.0 for w in words)
    assert wer(media.demo_reference(), " ".join(s["text"] for s in segments)) < 0.35


def test_windows_decoded_together_on_the_cpu_give_the_words_of_one_at_a_time(tiny):
    """The CPU decodes `cpu_batch_size` windows together, each encoded alone: the batch must not change a word."""
    chunk = {"index": 1, "start": 5.0, "end": 30.0, "audio_start": 5.0, "audio_end": 30.0}
    speech = [[6.6, 12.4], [12.6, 19.5], [19.6, 24.0], [24.2, 30.0]]

    def words(cpu_batch_size):
        options = {**OPTIONS, "window_seconds": 8, "cpu_batch_size": cpu_batch_size}
        segments, _ = transcribe_chunk(lambda: tiny, media.DEMO_WAV, chunk, speech, options)
        return [(w["word"], w["start"], w["end"]) for s in segments for w in s["words"]]

    one_at_a_time = words(1)
    assert len(one_at_a_time) >= 40 and words(4) == one_at_a_time


def test_a_whisper_vad_did_not_hear_is_decoded_on_its_own(tiny):
    """vad.json's voice_like sound (a whisper Silero scored near zero) has no window of the first pass; the repair
    pass decodes it alone. Here VAD is made to miss 19.6-27.2 s of the demo."""
    chunk = {"index": 1, "start": 5.0, "end": 30.0, "audio_start": 5.0, "audio_end": 30.0}
    speech, missed = [[6.6, 19.5]], [[19.6, 27.2]]

    def words_in_missed(voice_like):
        segments, _ = transcribe_chunk(lambda: tiny, media.DEMO_WAV, chunk, speech, OPTIONS, voice_like=voice_like)
        return [w["word"].strip() for s in segments for w in s["words"] if 19.4 <= w["start"] <= 27.4]

    assert words_in_missed([]) == []
    heard = words_in_missed(missed)
    print(heard)
    assert len(heard) >= 15 and "Jersey" in " ".join(heard)  # "…I'm in New Jersey now though. Well, there's not…"


def test_a_chunk_without_speech_never_loads_the_model():
    chunk = {"index": 1, "start": 0.0, "end": 6.0, "audio_start": 0.0, "audio_end": 6.0}

    def must_not_load():
        raise AssertionError("model loaded for a silent chunk")

    assert transcribe_chunk(must_not_load, media.DEMO_WAV, chunk, SPEECH, OPTIONS) == ([], [])


def test_english_only_model_reports_english(tiny):
    assert detect_language(tiny, media.DEMO_WAV, SPEECH) == ("en", 1.0, [("en", 1.0)])


def test_hindi_is_decoded_as_urdu_only_on_models_that_write_it_so():
    assert decoding_language("hi", "base") == "ur"  # base writes Hindi in Urdu letters; text.hindustani converts
    assert decoding_language("hi", "large-v3") == "hi"  # writes Devanagari itself
    assert decoding_language("hi", "/models/my-ct2", True) == "ur" and decoding_language("hi", "base", False) == "hi"
    assert decoding_language("en", "base") == "en" and decoding_language("ur", "base") == "ur"
