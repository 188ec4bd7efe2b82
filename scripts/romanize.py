"""Snakemake adapter: transcript.json → the subtitles in Latin letters ({job}.{lang}-Latn.*): the words are
romanized before cues are built, so Latin lines meet the rules too."""
from cinescribe import SCHEMA_VERSION
from cinescribe.diarization.naming import display_names
from cinescribe.runtime.atomic import read_json
from cinescribe.runtime.rule_script import run_rule
from cinescribe.subtitles.cues import CueStyle, film_cues
from cinescribe.subtitles.reading_speed import resolved_style
from cinescribe.subtitles.timing import CueTiming, timing_context
from cinescribe.subtitles.writers import write_subtitles
from cinescribe.text.glossary import configured_terms
from cinescribe.text.words import words_of


def main(sm):
    from cinescribe.text.romanize import (  # indic-transliteration loads only for this rule
        romanize_words,
        term_spellings,
    )

    transcript = read_json(sm.input.transcript)
    words = romanize_words(words_of(transcript["segments"]), term_spellings(configured_terms(sm.params.glossary)))
    songs = read_json(sm.input.songs)["songs"] if sm.input.songs else []
    style = CueStyle.from_config(resolved_style(sm.params.style, sm.wildcards.lang))  # the language's own speed
    cues = film_cues(words, songs, sm.params.songs["mode"], style,
                     timing_context(sm.input.vad, sm.params.vad_pad_s, sm.input.get("shots")),
                     CueTiming.from_config(sm.params.timing), sm.params.style["condense"], sm.wildcards.lang)
    diarization = read_json(sm.input.diarization) if sm.input.get("diarization") else None  # the cast's names
    write_subtitles(cues, dict(sm.output.items()), names=display_names(diarization, sm.params.names),
                    meta={"schema": SCHEMA_VERSION, "language": f"{sm.wildcards.lang}-Latn",
                          "speakers": transcript.get("speakers", [])})


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
