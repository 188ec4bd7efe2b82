"""Snakemake adapter: the cast file (diarization.cast) and the audio its rows point at → cast.json (one voice
print per name), before the film's audio is extracted: a bad cast stops the run first. It runs only when
diarization.cast is set."""
import logging

from cinescribe import SCHEMA_VERSION
from cinescribe.runtime.atomic import write_json
from cinescribe.runtime.rule_script import run_rule
from cinescribe.shapes import CastResult


def voice_prints(sm, opts):
    from cinescribe.audio.vad import VadOptions
    from cinescribe.diarization.cast import enroll
    from cinescribe.diarization.cast_list import read_cast
    from cinescribe.diarization.models.speaker_encoder import load_encoder
    from cinescribe.diarization.naming import NamingOptions, alike_names

    options = NamingOptions.from_config(opts)
    encoder = load_encoder("cpu", 1, sm.params.cache_dir)  # seconds of audio per name: ONNX on CPU, never torch
    prints, rows = enroll(read_cast(opts["cast"]), sm.input.film, encoder, options.cast_same_voice,
                          sm.params.audio, VadOptions.from_config(sm.params.vad))
    warnings = alike_names(prints, options.cast_alike)
    for warning in warnings:
        logging.warning("warning: %s", warning)
    logging.info("cast: %s", ", ".join(f"{r['name']} (row {r['row']}, {r['speech_s']:.1f} s)" for r in rows))
    return {name: [round(float(x), 6) for x in vector] for name, vector in prints.items()}, rows, warnings


def main(sm):
    opts = sm.params.diarization
    prints, rows, warnings = voice_prints(sm, opts)
    write_json(sm.output[0], CastResult(schema=SCHEMA_VERSION, prints=prints, rows=rows, warnings=warnings))


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
