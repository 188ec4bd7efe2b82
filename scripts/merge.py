"""Snakemake adapter: asr/chunk_*.json → transcript.json (seams de-duplicated)."""
from cinescribe import SCHEMA_VERSION
from cinescribe.atomic import read_json, write_json
from cinescribe.merge import merge_chunks
from cinescribe.runner import run


def main(sm):
    parts = [read_json(path) for path in sm.input.chunks]
    segments = merge_chunks([(part["chunk"], part["segments"]) for part in parts])
    language = read_json(sm.input.language)
    write_json(sm.output[0], {"schema": SCHEMA_VERSION, "language": language["source"],
                              "subtitle_language": language["subtitle_language"], "segments": segments})


run(snakemake, main)  # noqa: F821 - injected by Snakemake
