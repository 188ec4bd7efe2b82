"""Snakemake adapter: audio.wav → vad.json (speech segments in seconds)."""
import logging

from cinescribe import SCHEMA_VERSION
from cinescribe.audio.media import wav_seconds
from cinescribe.audio.vad import VadOptions, detect_voice
from cinescribe.audio.voice_like import VoiceLikeOptions, voice_like_in_file
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
    voice_like = voice_like_in_file(sm.input[0], speech, VoiceLikeOptions.from_config(sm.params.vad["voice_like"]),
                                    sm.params.vad["block_seconds"])
    if voice_like:
        logging.info("%d stretches sound like a voice VAD did not hear (whispers?): %s", len(voice_like), voice_like)
    write_json(sm.output[0], VadResult(schema=SCHEMA_VERSION, duration=wav_seconds(sm.input[0]), speech=speech,
                                       pauses=pauses, voice_like=voice_like))


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
