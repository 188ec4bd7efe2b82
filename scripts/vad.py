"""Snakemake adapter: audio.wav → vad.json (speech segments in seconds)."""
import logging

from cinescribe import SCHEMA_VERSION
from cinescribe.audio.media import wav_seconds
from cinescribe.audio.vad import VadOptions, detect_voice
from cinescribe.runtime.atomic import write_json
from cinescribe.runtime.devices import release_torch_memory, vad_device
from cinescribe.runtime.rule_script import run_rule
from cinescribe.shapes import VadResult


def main(sm):
    device = vad_device(sm.params.vad["device"], sm.params.strict)
    logging.info("vad on %s (%s)", device, "onnxruntime" if device == "cpu" else "torch")
    speech, pauses = detect_voice(sm.input[0], VadOptions.from_config(sm.params.vad), device, sm.threads)
    if device != "cpu":
        release_torch_memory(device)
    if not speech:
        logging.warning("no speech found in %s; the subtitles will be empty", sm.input[0])
    write_json(sm.output[0], VadResult(schema=SCHEMA_VERSION, duration=wav_seconds(sm.input[0]), speech=speech,
                                       pauses=pauses))


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
