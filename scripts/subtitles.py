"""Snakemake adapter: transcript.json (+ songs.json) → SRT, WebVTT, ASS, TSV and JSON subtitles."""
from cinescribe import SCHEMA_VERSION
from cinescribe.diarization.naming import display_names
from cinescribe.runtime.atomic import read_json
from cinescribe.runtime.rule_script import run_rule
from cinescribe.subtitles.cues import CueStyle, film_cues
from cinescribe.subtitles.reading_speed import resolved_style
from cinescribe.subtitles.timing import CueTiming, timing_context
from cinescribe.subtitles.writers import write_subtitles
from cinescribe.text.words import words_of


def main(sm):
    transcript = read_json(sm.input.transcript)
    songs = read_json(sm.input.songs)["songs"] if sm.input.songs else []
    cues = film_cues(words_of(transcript["segments"]), songs, sm.params.songs["mode"],
                     CueStyle.from_config(resolved_style(sm.params.style, sm.wildcards.lang)),
                     timing_context(sm.input.vad, sm.params.vad_pad_s, sm.input.get("shots")),
                     CueTiming.from_config(sm.params.timing), sm.params.style["condense"], sm.wildcards.lang)
    diarization = read_json(sm.input.diarization) if sm.input.get("diarization") else None  # the cast's names
    write_subtitles(cues, dict(sm.output.items()), names=display_names(diarization, sm.params.names),
                    meta={"schema": SCHEMA_VERSION, "language": sm.wildcards.lang,
                          "speakers": transcript.get("speakers", [])})


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
