"""Snakemake adapter: chunks/plan.json + glossary files → chunks/bias.json (prompt and hotwords per chunk)."""
import logging

from cinescribe import SCHEMA_VERSION
from cinescribe.atomic import read_json, write_json
from cinescribe.glossary import bias_for, chunk_terms, load_windows, windows_from_subtitles
from cinescribe.runner import run
from cinescribe.terms import configured_terms


def main(sm):
    opts = sm.params.glossary
    terms = configured_terms(opts)
    windows = load_windows(opts["windows"]) if opts["windows"] else []
    if opts["windows_from_subtitles"]:
        windows += windows_from_subtitles(opts["windows_from_subtitles"], terms, opts["window_margin_s"])
    windowed = {t for w in windows for t in w["terms"]}
    everywhere = [t.preferred for t in terms if t.preferred not in windowed]
    chunks = {}
    for chunk in read_json(sm.input.plan)["chunks"]:
        listed = chunk_terms(chunk["audio_start"], chunk["audio_end"], everywhere, windows)
        chunks[str(chunk["index"])] = bias_for(listed, opts["prompt_chars"], opts["hotword_chars"])
        logging.info("chunk %d: %d terms", chunk["index"], len(chunks[str(chunk["index"])]["terms"]))
    write_json(sm.output[0], {"schema": SCHEMA_VERSION, "chunks": chunks})


run(snakemake, main)  # noqa: F821 - injected by Snakemake
