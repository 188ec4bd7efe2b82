"""Hindi decoded as Urdu cannot drift into a script the Devanagari conversion cannot read; other films decode
with Whisper's own suppressed tokens only."""

import pytest

from cinescribe.asr.models import load_whisper
from cinescribe.asr.transcribe import script_suppression

HINDI = {"language": "hi", "model": "base", "hindi_via_urdu": "auto"}


@pytest.fixture(scope="module")
def base():
    return load_whisper("base", "cpu", "int8", 2)


def _tokens(model, text):
    return model.hf_tokenizer.encode(text, add_special_tokens=False).ids


def test_hindi_via_urdu_forbids_japanese_and_keeps_urdu_english_and_devanagari(base):
    suppressed = set(script_suppression(base, HINDI))
    assert -1 in suppressed  # Whisper's own list stays
    for foreign in ("の", "ジ", "を", "Привет"):  # base wrote kana (and kanji) for a held-out Hindi sentence
        assert set(_tokens(base, foreign)) & suppressed, foreign
    for kept in (" میں", " ہے", " the", " OK", " है"):
        assert not set(_tokens(base, kept)) & suppressed, kept


def test_other_films_and_models_that_write_devanagari_keep_whispers_defaults(base):
    assert script_suppression(base, {**HINDI, "language": "en"}) == [-1]
    assert script_suppression(base, {**HINDI, "hindi_via_urdu": False}) == [-1]  # decoded as hi: no Urdu route
