"""Snakemake adapter: vad.json → chunks/plan.json (where the film is cut for ASR)."""
import logging

from cinescribe import SCHEMA_VERSION
from cinescribe.runtime.atomic import read_json, write_json
from cinescribe.asr.chunk_plan import plan_chunks
from cinescribe.runtime.rule_script import run_rule


def main(sm):
    vad, asr = read_json(sm.input[0]), sm.params.asr
    chunks = plan_chunks(vad["speech"], vad["duration"], asr["chunk_seconds"], asr["cut_search_seconds"],
                         asr["chunking"], asr["seam_overlap_seconds"], asr["window_seconds"])
    logging.info("%d chunk(s): %s", len(chunks), [(c["start"], c["end"]) for c in chunks])
    write_json(sm.output.plan, {"schema": SCHEMA_VERSION, "chunks": chunks})


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
