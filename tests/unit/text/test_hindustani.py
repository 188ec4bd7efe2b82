"""Hindi that Whisper base wrote in Urdu script comes back in Devanagari; English and Devanagari are untouched.

The fixtures are Whisper base's own words on the held-out sentences (tests/support/hindi_voices.HELD_OUT, none
of them used to tune the conversion) read by the Kokoro male and female voices, decoded as bench/hindi_script.py's
route ur does (as the workflow decodes Hindi), with the Devanagari the voice read. (festival and espeak-ng are
misheard more; their figures are the bench's.) No ASR needed."""

import json
import unicodedata
from pathlib import Path

import jiwer
import regex

from cinescribe.text.hindustani import devanagari_segments, devanagari_words, urdu_to_devanagari

FIXTURES = Path(__file__).resolve().parents[2] / "data" / "hindustani_held_out.json"


def _clean(text):
    text = regex.sub(r"[\p{P}\p{S}]", " ", unicodedata.normalize("NFC", text))
    return " ".join(text.split())


def _devanagari_share(text):
    letters = regex.findall(r"\p{L}", text)
    return sum(1 for c in letters if regex.match(r"\p{Devanagari}", c)) / len(letters)


def _words(*texts):
    return [{"word": t, "start": i * 0.5, "end": i * 0.5 + 0.4, "probability": 0.9} for i, t in enumerate(texts)]


def test_held_out_whisper_output_reads_as_the_hindi_that_was_spoken():
    cases = json.loads(FIXTURES.read_text(encoding="utf-8"))
    # The target is 0.25; the female voice is misheard more (its consonant skeleton alone is 0.27 off), and
    # its bound guards the conversion's 0.343 -> 0.29 against going back.
    bounds = {"kokoro-male": 0.25, "kokoro-female": 0.30}
    assert set(cases) == set(bounds)
    for voice, sentences in cases.items():
        refs = [_clean(s["reference"]) for s in sentences]
        hyps = ["".join(w["word"] for w in devanagari_words(_words(*s["words"]))) for s in sentences]
        assert _devanagari_share(" ".join(hyps)) >= 0.95, voice
        assert jiwer.cer(refs, [_clean(h) for h in hyps]) <= bounds[voice], voice


def test_common_words_come_back_spelled_as_hindi_writes_them():
    assert urdu_to_devanagari("آج موسم بہت اچھا ہے") == "आज मौसम बहुत अच्छा है"
    assert urdu_to_devanagari("مجھے تم سے ایک ضروری بات کرنی ہے۔") == "मुझे तुम से एक ज़रूरी बात करनी है।"
    assert urdu_to_devanagari("میری زندگی میں") == "मेरी ज़िंदगी में"  # the nukta kept, the standard anusvara


def test_words_keep_their_times_and_hindi_joins_what_urdu_writes_apart():
    words = devanagari_words(_words(" میں", " نے", " کہا", " وہ", " جائے", " گی۔"))
    assert [w["word"] for w in words] == [" मैं", "ने", " कहा", " वह", " जाए", "गी।"]
    assert "".join(w["word"] for w in words).strip().startswith("मैंने कहा")
    assert [(w["start"], w["end"]) for w in words] == [(w["start"], w["end"]) for w in _words(*"abcdef")]
    assert devanagari_words(_words(" وہ", " گھر", " میں", " ہے"))[2]["word"] == " में"  # "in" inside a sentence


def test_english_devanagari_and_numbers_are_left_as_they_are():
    for text in ("Hello, how are you? I'll be there at 5 pm.", "आज मौसम बहुत अच्छा है।", "OK, 2024 — सही है"):
        assert urdu_to_devanagari(text) == text
    segments = [{"start": 0.0, "end": 1.0, "text": "Thank you.", "words": _words(" Thank", " you.")}]
    assert devanagari_segments(segments) == segments


def test_a_segment_gets_its_text_from_its_converted_words():
    segment = {"start": 0.0, "end": 2.0, "text": "بہت اچھا", "words": _words(" بہت", " اچھا")}
    (out,) = devanagari_segments([segment])
    assert out["text"] == "बहुत अच्छा" and [w["word"] for w in out["words"]] == [" बहुत", " अच्छा"]


def test_a_nasal_whisper_left_unwritten_comes_back_when_the_word_needs_it():
    assert urdu_to_devanagari("نہی") == "नहीं"  # not the misspelling नही, though the word list has it
    assert urdu_to_devanagari("تیاریا") == "तैयारियाँ"  # Urdu writes tai-y as one ye


def test_pronouns_take_their_postpositions_as_hindi_writes_them():
    said = lambda *urdu: "".join(w["word"] for w in devanagari_words(_words(*urdu))).strip()  # noqa: E731
    assert said(" اس", " نے", " کہا") == "उसने कहा"  # اس alone is इस; with ने it is उसने
    assert said(" مجھے", " تم", " سے", " بات", " کرنی", " ہے") == "मुझे तुमसे बात करनी है"
    assert said(" گھر", " میں", " ہے") == "घर में है"  # a noun keeps its postposition apart
    assert said(" کسی", " سے", " نہیں") == "किसी से नहीं"  # and so does किसी


def test_small_words_urdu_spells_alike_are_told_apart_by_their_neighbours():
    said = lambda *urdu: "".join(w["word"] for w in devanagari_words(_words(*urdu))).strip()  # noqa: E731
    assert said(" ماں", " نے", " کہا", " تھا", " کہ", " کھانا") == "माँ ने कहा था कि खाना"
    assert said(" تم", " کیا", " کر", " رہے", " ہو") == "तुम क्या कर रहे हो"
    assert said(" وادہ", " کیا", " تھا") == "वादा किया था"
    assert said(" تم", " نے", " ایسا", " کیوں", " کیا؟") == "तुमने ऐसा क्यों किया?"
    assert said(" کیا؟") == "क्या?" and said(" کیا", " بات", " ہے") == "क्या बात है"
    assert said(" اچھا", " ہے", " میں", " جا", " رہا", " ہوں") == "अच्छा है मैं जा रहा हूँ"  # a new clause
    assert said(" وہ", " اور", " میں", " نے") == "वह और मैंने"


def test_the_vowel_urdu_writes_as_ayn_is_heard():
    assert urdu_to_devanagari("وعدہ، بعد میں شعر") == "वादा, बाद में शेर"  # not विदा, बद, शुरु
