"""Glossary files, bias windows per chunk, and near-miss corrections."""

import pysubs2
import pytest

from cinescribe.asr.prompts import (
    PromptOptions,
    chunk_terms,
    load_windows,
    parse_time,
    prompt_for,
    windows_from_subtitles,
    with_prompt,
)
from cinescribe.runtime.errors import CinescribeError
from cinescribe.text.glossary import Term, glossary_files, load_cast, load_glossary
from cinescribe.transcript.corrections import correct_terms


def segment(*words):
    """A segment from (word, start) pairs, words spaced the way Whisper writes them."""
    ws = [{"word": f" {w}", "start": s, "end": s + 0.4, "probability": 0.5} for w, s in words]
    return {"start": ws[0]["start"], "end": ws[-1]["end"], "text": "".join(w["word"] for w in ws).strip(),
            "words": ws}


def test_glossary_tsv_reads_preferred_spellings_and_aliases(tmp_path):
    path = tmp_path / "glossary.tsv"
    path.write_text("term\tpreferred\taliases\ttranslation\tcontext\n"
                    "# comment lines are skipped\n"
                    "Bhusawal\t\tBusewil; Bhusaval\t\ta railway town\n"
                    "dadi\tDadi-ma\t\tgrandmother\tfamily\n", encoding="utf-8")
    terms = load_glossary(path)
    assert [(t.term, t.preferred, t.aliases) for t in terms] == [
        ("Bhusawal", "Bhusawal", ["Busewil", "Bhusaval"]), ("dadi", "Dadi-ma", [])]
    assert terms[1].translation == "grandmother" and terms[0].context == "a railway town"


def test_cast_list_and_bad_files_are_one_sentence(tmp_path):
    (tmp_path / "cast.txt").write_text("Anjali Deshpande\nRathore\tRathor|Rathod\n", encoding="utf-8")
    assert [(t.preferred, t.aliases) for t in load_cast(tmp_path / "cast.txt")] == [
        ("Anjali Deshpande", []), ("Rathore", ["Rathor", "Rathod"])]
    (tmp_path / "bad.tsv").write_text("name\tspelling\nx\ty\n", encoding="utf-8")
    with pytest.raises(CinescribeError, match="needs a header row with a 'term' column"):
        load_glossary(tmp_path / "bad.tsv")
    with pytest.raises(CinescribeError, match="cannot read the glossary"):
        load_glossary(tmp_path / "missing.tsv")


def test_bias_windows_from_a_table_and_from_an_earlier_subtitle_file(tmp_path):
    assert parse_time("01:01:33,500") == 3693.5 and parse_time("1:30") == 90.0
    (tmp_path / "windows.tsv").write_text("start\tend\tterms\n00:10:00\t00:20:00\tKoregaon; Vasudha\n")
    assert load_windows(tmp_path / "windows.tsv") == [{"start": 600.0, "end": 1200.0,
                                                       "terms": ["Koregaon", "Vasudha"]}]
    subs = pysubs2.SSAFile()
    subs.append(pysubs2.SSAEvent(start=900_000, end=903_000, text="We reach Busewil at dawn."))
    subs.append(pysubs2.SSAEvent(start=100_000, end=102_000, text="Nothing to see."))
    subs.save(str(tmp_path / "old.srt"))
    windows = windows_from_subtitles(tmp_path / "old.srt", [Term("Bhusawal", "Bhusawal", ["Busewil"])], 60)
    assert windows == [{"start": 840.0, "end": 963.0, "terms": ["Bhusawal"]}]
    with pytest.raises(CinescribeError, match="not seconds or HH:MM:SS"):
        parse_time("noon")


def test_each_chunk_gets_its_windows_terms_first_within_budget():
    windows = [{"start": 600, "end": 1200, "terms": ["Koregaon"]}, {"start": 5000, "end": 5100, "terms": ["Vasudha"]}]
    assert chunk_terms(0, 300, ["Rathore"], windows) == ["Rathore"]
    assert chunk_terms(900, 1200, ["Rathore"], windows) == ["Koregaon", "Rathore"]
    bias = prompt_for(["Koregaon", "Rathore", "Deshpande"], PromptOptions(prompt_chars=22, hotword_chars=100))
    assert bias["initial_prompt"] == "Names in this film: Koregaon, Rathore." and bias["terms"] == ["Koregaon", "Rathore"]
    assert bias["hotwords"] == "Koregaon Rathore Deshpande"
    assert prompt_for([], PromptOptions(400, 200)) == {"initial_prompt": "", "hotwords": "", "terms": []}
    merged = with_prompt({"initial_prompt": "A thriller.", "hotwords": ""}, bias)
    assert merged["initial_prompt"] == "A thriller. Names in this film: Koregaon, Rathore."


def test_near_misses_and_aliases_are_corrected_and_recorded():
    terms = [Term("Rathore", "Rathore"), Term("Bhusawal", "Bhusawal", ["Busewil"]), Term("Anjali", "Anjali"),
             Term("Shekhawat", "Shekhawat")]
    segments = [segment(("Inspector", 0.0), ("Rathor", 0.5), ("took", 1.0), ("the", 1.4), ("train.", 1.8)),
                segment(("From", 3.0), ("Busewil,", 3.5), ("And", 4.0), ("Oli", 4.4), ("waved", 4.8)),
                segment(("Ask", 6.0), ("Mr.", 6.4), ("Shekhawat.", 6.8))]
    fixed, corrections = correct_terms(segments, terms, 0.6)
    assert [s["text"] for s in fixed] == ["Inspector Rathore took the train.", "From Bhusawal, Anjali waved",
                                          "Ask Mr. Shekhawat."]
    assert [(c["from"], c["to"]) for c in corrections] == [("Rathor", "Rathore"), ("Busewil,", "Bhusawal"),
                                                           ("And Oli", "Anjali")]
    anjali = fixed[1]["words"][2]
    assert anjali["start"] == 4.0 and anjali["end"] == pytest.approx(4.8)  # spans both words it replaced


def test_ordinary_speech_is_left_alone():
    terms = [Term(n, n) for n in ("Rathore", "Tiwari", "Kulkarni", "Vasudha", "Koregaon")]
    segments = [segment(("The", 0.0), ("rather", 0.4), ("tired", 0.8), ("teacher", 1.2), ("walked", 1.6),
                        ("home.", 2.0)),
                segment(("Twenty", 3.0), ("cultural", 3.4), ("Vasudha", 3.8), ("Koregaon.", 4.2))]
    fixed, corrections = correct_terms(segments, terms, 0.6)
    assert fixed == segments and corrections == []


def test_a_missing_glossary_file_is_named_before_anything_runs(tmp_path):
    settings = {"file": "", "cast": str(tmp_path / "cast.txt"), "windows": "", "windows_from_subtitles": ""}
    with pytest.raises(CinescribeError, match=r"glossary.cast .*cast.txt does not exist"):
        glossary_files(settings)
    (tmp_path / "cast.txt").write_text("Rathore\n")
    assert glossary_files(settings) == [str(tmp_path / "cast.txt")]


def test_a_hindi_film_is_prompted_in_hindi():
    bias = prompt_for(["राज", "Simran", "कोरेगाँव"], PromptOptions(prompt_chars=400, hotword_chars=200), language="hi")
    assert bias["initial_prompt"] == "इस फ़िल्म में ये नाम आते हैं: राज, Simran, कोरेगाँव।"
    assert prompt_for(["Raj"], PromptOptions(400, 200), language="fr")["initial_prompt"] == "Names in this film: Raj."


def test_devanagari_and_latin_spellings_of_a_term_match_each_other():
    terms = [Term("Shekhawat", "शेखावत"), Term("सिमरन", "Simran"), Term("Koregaon", "Koregaon")]
    segments = [segment(("मैं", 0.0), ("शेखावात", 0.4), ("से", 0.8), ("मिला।", 1.2)),   # a near-miss in Devanagari
                segment(("Shekhawat", 2.0), ("और", 2.4), ("सिमरन", 2.8), ("कोरेगाँव", 3.2), ("गए।", 3.6)),
                segment(("वह", 5.0), ("शेखावती", 5.4), ("समझ", 5.8), ("गया।", 6.2))]  # ends in a vowel sign
    fixed, corrections = correct_terms(segments, terms, 0.6)
    assert [s["text"] for s in fixed] == ["मैं शेखावत से मिला।", "शेखावत और Simran Koregaon गए।",
                                          "वह शेखावत समझ गया।"]  # the vowel sign is no punctuation to keep
    assert [(c["from"], c["to"]) for c in corrections] == [
        ("शेखावात", "शेखावत"), ("Shekhawat", "शेखावत"), ("सिमरन", "Simran"), ("कोरेगाँव", "Koregaon"),
        ("शेखावती", "शेखावत")]


def test_ordinary_hindi_words_are_not_taken_for_names():
    terms = [Term(n, n) for n in ("Rathore", "Tiwari", "Kulkarni", "Vasudha", "Koregaon", "समीर")]
    words = "हमारे गाँव के पास एक बहुत पुरानी नदी बहती है और समय रात को तारे दिखते हैं".split()
    segments = [segment(*[(w, i * 0.4) for i, w in enumerate(words)])]
    fixed, corrections = correct_terms(segments, terms, 0.6)
    assert corrections == [] and fixed == segments
