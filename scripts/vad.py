"""Snakemake adapter: audio.wav → vad.json (speech segments in seconds)."""
import logging

from cinescribe import SCHEMA_VERSION
from cinescribe.audio.media import wav_seconds
from cinescribe.audio.vad import VadOptions, detect_voice, rechecked_speech
from cinescribe.audio.voice_like import VoiceLikeOptions, voice_like_in_file
from cinescribe.runtime.atomic import write_json
from cinescribe.runtime.devices import release_torch_memory, vad_device
from cinescribe.runtime.rule_script import run_rule
from cinescribe.shapes import VadResult
from cinescribe.spans import join_close


def main(sm):
    device = vad_device(sm.params.vad["device"], sm.params.strict)
    logging.info("vad on %s (%s)", device, "onnxruntime" if device == "cpu" else "torch")
    options = VadOptions.from_config(sm.params.vad)
    speech, pauses = detect_voice(sm.input[0], options, device, sm.threads)
    rechecked = rechecked_speech(sm.input[0], speech, options, device, sm.threads)
    if device != "cpu":
        release_torch_memory(device)
    if not speech:
        logging.warning("no speech found in %s; the subtitles will be empty", sm.input[0])
    whispers = voice_like_in_file(sm.input[0], speech, VoiceLikeOptions.from_config(sm.params.vad["voice_like"]),
                                  options.block_seconds)
    if whispers or rechecked:
        logging.info("voice the first pass did not hear: %d stretches like a whisper %s, %d heard from a fresh "
                     "state %s", len(whispers), whispers, len(rechecked), rechecked)
    voice_like = [span[:2] for span in join_close(sorted(whispers + rechecked))]
    write_json(sm.output[0], VadResult(schema=SCHEMA_VERSION, duration=wav_seconds(sm.input[0]), speech=speech,
                                       pauses=pauses, voice_like=voice_like))


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
