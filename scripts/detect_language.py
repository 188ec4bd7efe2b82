"""Snakemake adapter: the film's language, decided once (fixed in config, or detected)."""
import logging

from cinescribe import SCHEMA_VERSION
from cinescribe.asr import detect_language
from cinescribe.atomic import read_json, write_json
from cinescribe.models import whisper_for
from cinescribe.runner import run


def main(sm):
    asr = sm.params.asr
    language, probability = asr["language"], 1.0
    if language == "auto" and asr["model"].endswith(".en"):
        language = "en"  # English-only Whisper: nothing to detect, no model to load
    if language == "auto":
        model = whisper_for(asr, sm.threads, sm.params.strict, sm.params.cache_dir)
        language, probability = detect_language(model, sm.input.audio, read_json(sm.input.vad)["speech"])
    logging.info("language %s (p=%.2f)", language, probability)
    subtitle_language = "en" if asr["task"] == "translate" else (language or "und")
    write_json(sm.output[0], {"schema": SCHEMA_VERSION, "source": language, "probability": probability,
                              "subtitle_language": subtitle_language})


run(snakemake, main)  # noqa: F821 - injected by Snakemake
