"""Hinglish: Devanagari in Latin letters the way Hindi is read (the inherent vowel dropped where Hindi drops
it), English words untouched, glossary names spelled as the glossary gives them, and cues that still meet
the line rules. No ASR needed."""

import regex

from cinescribe.subtitles.cues import build_cues
from cinescribe.text.glossary import Term
from cinescribe.text.graphemes import visible_length
from cinescribe.text.romanize import capitalize_sentences, romanize, romanize_words, term_spellings
from support.media import HINDI_SENTENCES


def test_hindi_words_read_as_hindi_speakers_write_them_in_latin_letters():
    spoken = {"घर": "ghar", "कमल": "kamal", "सिमरन": "simran", "समझना": "samajhna", "अपना": "apna",
              "मित्र": "mitra", "ज़िंदगी": "zindagi", "इंतज़ार": "intazar", "लड़की": "ladki", "मैं": "main",
              "किताबें": "kitaben", "प्रधानमंत्री": "pradhanmantri", "पहुँची": "pahunchi", "क्या": "kya"}
    assert {word: romanize(word) for word in spoken} == spoken


def test_no_devanagari_letter_or_sign_comes_through_into_the_latin_twin():
    """The transliteration from Urdu letters can spell a nukta on a letter Hindi rarely marks (व़ी came out of a
    Kokoro Hindi film): the Latin twin kept it in Devanagari."""
    assert romanize("पिताजी और से व़ी तक") == "pitaji aur se vi tak"
    assert {romanize(word) for word in ("ऱ", "ऩ", "ऴ")} == {"ra", "na", "la"}
    for code in range(0x0900, 0x0980):
        for word in (chr(code), "क" + chr(code), "स" + chr(code) + "र"):
            assert not regex.search(r"\p{Devanagari}", romanize(word)), (hex(code), romanize(word))


def test_english_words_numbers_and_punctuation_stay_as_they_are():
    line = "- मैं office जा रहा हूँ। Meeting 5 बजे है, OK?"
    assert capitalize_sentences(romanize(line)) == "- Main office ja raha hun. Meeting 5 baje hai, OK?"
    assert romanize("Plain English stays exactly as it was.") == "Plain English stays exactly as it was."


def test_a_glossary_name_keeps_its_latin_spelling():
    terms = [Term("राज", "राज", ["Raaj"]), Term("Simran", "Simran", ["सिमरन"]), Term("Mumbai", "Mumbai")]
    names = term_spellings(terms)
    assert names == {"राज": "Raaj", "सिमरन": "Simran"}
    words = [{"word": f" {w}", "start": i * 0.4, "end": i * 0.4 + 0.3} for i, w in enumerate(
        "राज ने सिमरन से कहा। चलो घर चलें।".split())]
    text = "".join(w["word"] for w in romanize_words(words, names)).strip()
    assert text == "Raaj ne Simran se kaha. Chalo ghar chalen."


def test_latin_cues_are_built_from_romanized_words_and_meet_the_line_rules():
    words, t = [], 0.0
    for sentence in HINDI_SENTENCES * 4:
        for w in sentence.split():
            words.append({"word": f" {w}", "start": round(t, 3), "end": round(t + 0.4, 3), "speaker": None})
            t += 0.45
        t += 0.3
    latin = build_cues(romanize_words(words))
    text = " ".join(line for cue in latin for line in cue["lines"])
    assert not regex.search(r"\p{Devanagari}", text)
    assert text.startswith("Main kal subah steshan par tumhara intazar karunga. Kya tumne")
    assert all(visible_length(line) <= 42 for cue in latin for line in cue["lines"])
    assert all(len(cue["lines"]) <= 2 for cue in latin)
    native = build_cues(words)
    assert len(latin) >= len(native)  # Latin letters take more room than Devanagari: never fewer cues
