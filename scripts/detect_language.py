"""Snakemake adapter: the film's language, decided once (fixed in config, or detected), and a warning when
the detection is unsure."""
import logging

from cinescribe import SCHEMA_VERSION
from cinescribe.asr.languages import known_source_language, language_warning
from cinescribe.asr.worker import run_whisper
from cinescribe.runtime.atomic import read_json, write_json
from cinescribe.runtime.rule_script import run_rule
from cinescribe.shapes import LanguageResult


def main(sm):
    asr = sm.params.asr
    language, probability, candidates = known_source_language(asr), 1.0, []
    detected = language is None  # else fixed in config or English-only Whisper: no model to load
    if detected:
        work = dict(wav_path=sm.input.audio, speech=read_json(sm.input.vad)["speech"])
        language, probability, candidates = run_whisper("detect_language", work, asr, sm.threads, sm.params.strict,
                                                        sm.params.cache_dir, sm.config["asr_worker"], sm.log[0])
    logging.info("language %s (p=%.2f; candidates %s)", language, probability, candidates)
    subtitle_language = "en" if asr["task"] == "translate" else (language or "und")
    result = LanguageResult(schema=SCHEMA_VERSION, source=language, probability=probability, detected=detected,
                            candidates=candidates, subtitle_language=subtitle_language)
    warning = language_warning(result, sm.params.min_probability)
    if warning:
        logging.warning("%s", warning)
    write_json(sm.output[0], result)


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
