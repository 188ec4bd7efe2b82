"""Snakemake adapter: vad.json → chunks/plan.json (where the film is cut for ASR)."""
import logging

from cinescribe import SCHEMA_VERSION
from cinescribe.asr.chunk_plan import ChunkPlanOptions, plan_chunks
from cinescribe.runtime.atomic import read_json, write_json
from cinescribe.runtime.rule_script import run_rule
from cinescribe.shapes import ChunkPlan


def main(sm):
    vad, asr = read_json(sm.input[0]), sm.params.asr
    chunks = plan_chunks(vad["speech"], vad["duration"], ChunkPlanOptions.from_config(asr))
    logging.info("%d chunk(s): %s", len(chunks), [(c["start"], c["end"]) for c in chunks])
    write_json(sm.output.plan, ChunkPlan(schema=SCHEMA_VERSION, chunks=chunks))


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
