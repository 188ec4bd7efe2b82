"""Snakemake adapter: asr/chunk_*.json → transcript.json (seams de-duplicated, hallucinations removed,
glossary near-misses corrected, speakers given)."""
import logging

from cinescribe import SCHEMA_VERSION
from cinescribe.diarization.assignment import assign_speakers
from cinescribe.runtime.atomic import read_json, write_json
from cinescribe.runtime.rule_script import run_rule
from cinescribe.shapes import Transcript
from cinescribe.text.glossary import configured_terms
from cinescribe.transcript.corrections import correct_terms
from cinescribe.transcript.hallucinations import HallucinationFilter, drop_hallucinations
from cinescribe.transcript.seams import merge_chunks


def main(sm):
    parts = [read_json(path) for path in sm.input.chunks]
    segments = merge_chunks([(part["chunk"], part["segments"]) for part in parts])
    removed = []
    if sm.params.hallucinations["enabled"]:
        segments, removed = drop_hallucinations(segments, read_json(sm.input.vad)["speech"],
                                                HallucinationFilter.from_config(sm.params.hallucinations))
        for r in removed:
            logging.info("hallucination filter removed %.1f-%.1f s %r: %s", r["start"], r["end"], r["text"],
                         r["reason"])
    corrections = []
    if sm.params.glossary["correct"]:
        segments, corrections = correct_terms(segments, configured_terms(sm.params.glossary),
                                              sm.params.glossary["min_similarity"])
        for c in corrections:
            logging.info("glossary: %.1f s %r → %r", c["start"], c["from"], c["to"])
    speakers = []
    if sm.input.diarization:
        diarization = read_json(sm.input.diarization)
        segments, speakers = assign_speakers(segments, diarization["turns"]), diarization["speakers"]
    language = read_json(sm.input.language)
    write_json(sm.output[0], Transcript(schema=SCHEMA_VERSION, language=language["source"],
                                        subtitle_language=language["subtitle_language"], speakers=speakers,
                                        segments=segments, removed=removed, corrections=corrections,
                                        repaired=[span for part in parts for span in part.get("repaired", [])]))


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
