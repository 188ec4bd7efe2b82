"""Snakemake adapter: transcript.json (+ songs.json) → SRT, WebVTT, ASS, TSV and JSON subtitles; with
align.text or align.subtitles, that file's words timed to the film instead (cinescribe.alignment)."""
from cinescribe import SCHEMA_VERSION
from cinescribe.alignment.inputs import aligned_cues
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
    style = CueStyle.from_config(resolved_style(sm.params.style, sm.wildcards.lang))
    context = timing_context(sm.input.vad, sm.params.vad_pad_s, sm.input.get("shots"))
    timing = CueTiming.from_config(sm.params.timing)
    meta = {"schema": SCHEMA_VERSION, "language": sm.wildcards.lang, "speakers": transcript.get("speakers", [])}
    if sm.input.align:
        cues, meta["alignment"] = aligned_cues(sm.params.align, sm.input.align, words_of(transcript["segments"]),
                                               style, context, timing, transcript.get("language"))
    else:
        cues = film_cues(words_of(transcript["segments"]), songs, sm.params.songs["mode"], style, context, timing,
                         sm.params.style["condense"], sm.wildcards.lang)
    diarization = read_json(sm.input.diarization) if sm.input.get("diarization") else None  # the cast's names
    write_subtitles(cues, dict(sm.output.items()), names=display_names(diarization, sm.params.names), meta=meta)


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
