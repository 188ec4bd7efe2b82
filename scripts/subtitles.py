"""Snakemake adapter: transcript.json → SRT, WebVTT and JSON subtitles."""
from cinescribe import SCHEMA_VERSION
from cinescribe.atomic import read_json
from cinescribe.merge import words_of
from cinescribe.runner import run
from cinescribe.subtitles import build_cues, write_subtitles


def main(sm):
    transcript = read_json(sm.input[0])
    cues = build_cues(words_of(transcript["segments"]), **sm.params.style)
    write_subtitles(cues, srt=sm.output.srt, vtt=sm.output.vtt, json_path=sm.output.json,
                    meta={"schema": SCHEMA_VERSION, "language": sm.wildcards.lang})


run(snakemake, main)  # noqa: F821 - injected by Snakemake
