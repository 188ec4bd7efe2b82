"""Snakemake adapter: chunks/plan.json + glossary files → chunks/prompts.json (prompt and hotwords per chunk)."""
import logging

from cinescribe import SCHEMA_VERSION
from cinescribe.asr.prompts import PromptOptions, chunk_prompts, load_windows, windows_from_subtitles
from cinescribe.runtime.atomic import read_json, write_json
from cinescribe.runtime.rule_script import run_rule
from cinescribe.shapes import ChunkPrompts
from cinescribe.text.glossary import configured_terms


def main(sm):
    opts = sm.params.glossary
    terms = configured_terms(opts)
    windows = load_windows(opts["windows"]) if opts["windows"] else []
    if opts["windows_from_subtitles"]:
        windows += windows_from_subtitles(opts["windows_from_subtitles"], terms, opts["window_margin_s"])
    language = read_json(sm.input.language)["subtitle_language"]  # the prompt is in the language Whisper writes
    chunks = chunk_prompts(read_json(sm.input.plan)["chunks"], terms, windows, PromptOptions.from_config(opts),
                           language)
    for index, prompt in chunks.items():
        logging.info("chunk %s: %d terms", index, len(prompt["terms"]))
    write_json(sm.output[0], ChunkPrompts(schema=SCHEMA_VERSION, chunks=chunks))


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
