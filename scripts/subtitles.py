"""Snakemake adapter: transcript.json → SRT, WebVTT, ASS, TSV and JSON subtitles."""
from cinescribe import SCHEMA_VERSION
from cinescribe.atomic import read_json
from cinescribe.cues import build_cues
from cinescribe.lyrics import mark_song_words
from cinescribe.words import words_of
from cinescribe.runner import run
from cinescribe.writers import write_subtitles


def main(sm):
    transcript = read_json(sm.input.transcript)
    words = words_of(transcript["segments"])
    if sm.input.songs:
        words = mark_song_words(words, read_json(sm.input.songs)["songs"], sm.params.lyrics["mode"])
    cues = build_cues(words, **sm.params.style)
    write_subtitles(cues, dict(sm.output.items()), names=sm.params.names,
                    meta={"schema": SCHEMA_VERSION, "language": sm.wildcards.lang,
                          "speakers": transcript.get("speakers", [])})


run(snakemake, main)  # noqa: F821 - injected by Snakemake
