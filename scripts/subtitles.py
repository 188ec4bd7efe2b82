"""Snakemake adapter: transcript.json → SRT, WebVTT, ASS, TSV and JSON subtitles (in Latin letters for the
romanize rule: the words are romanized before cues are built, so Latin lines meet the rules too)."""
from cinescribe import SCHEMA_VERSION
from cinescribe.runtime.atomic import read_json
from cinescribe.subtitles.cues import build_cues
from cinescribe.subtitles.song_marks import mark_song_words
from cinescribe.runtime.rule_script import run_rule
from cinescribe.text.glossary import configured_terms
from cinescribe.text.words import words_of
from cinescribe.subtitles.writers import write_subtitles


def main(sm):
    transcript = read_json(sm.input.transcript)
    words = words_of(transcript["segments"])
    language = sm.wildcards.lang
    if sm.params.romanize:
        from cinescribe.text.romanize import romanize_words, term_spellings  # indic-transliteration loads in 0.2 s

        words = romanize_words(words, term_spellings(configured_terms(sm.params.glossary)))
        language = f"{language}-Latn"
    if sm.input.songs:
        words = mark_song_words(words, read_json(sm.input.songs)["songs"], sm.params.lyrics["mode"])
    cues = build_cues(words, **sm.params.style)
    write_subtitles(cues, dict(sm.output.items()), names=sm.params.names,
                    meta={"schema": SCHEMA_VERSION, "language": language,
                          "speakers": transcript.get("speakers", [])})


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
