"""Snakemake adapter: list a finished job's subtitle files, check them, and say where they are — and warn
when the film was probably not understood (unsure language, little of the speech subtitled)."""
import logging
import os
import sys

from cinescribe import SCHEMA_VERSION
from cinescribe.atomic import read_json, write_json
from cinescribe.lint import lint_file
from cinescribe.runner import run
from cinescribe.timeline import overlap_seconds
from cinescribe.understanding import (coverage_warning, language_warning, script_share, script_warning,
                                      speech_coverage, speech_seconds)


def understanding(sm):
    """Language certainty and speech coverage, with the warnings they call for."""
    checks, language = sm.params.checks, read_json(sm.input.language)
    speech = read_json(sm.input.vad)["speech"]
    subtitles = read_json(sm.input.cues)
    coverage = speech_coverage(speech, subtitles["cues"])
    script, in_script = script_share(subtitles["cues"], subtitles["language"])
    songs = [(s[0], s[1]) for s in read_json(sm.input.songs)["songs"]] if sm.input.get("songs") else []
    song_share = overlap_seconds(speech, songs) / max(speech_seconds(speech), 1e-9)
    warnings = [w for w in (
        language_warning(language, checks["min_language_probability"]),
        coverage_warning(coverage, checks["min_speech_coverage"], language, sm.params.model["model"],
                         checks["min_language_probability"], song_share),
        script_warning(script, in_script, subtitles["language"], sm.params.model["model"])) if w]
    summary = {"language": {key: language.get(key) for key in ("source", "probability", "detected", "candidates")},
               "speech_s": round(speech_seconds(speech), 2), "speech_coverage": coverage,
               "script": {"expected": script, "share": in_script}}
    return summary, warnings


def main(sm):
    files = [os.path.abspath(path) for path in sm.input.subtitles]
    srt = [path for path in files if path.endswith(".srt") and not path.endswith(".bilingual.srt")]
    report = {path: lint_file(path, **sm.params.limits) for path in srt}
    summary, warnings = understanding(sm)
    write_json(sm.output[0], {"schema": SCHEMA_VERSION, "job": sm.wildcards.job, "subtitles": files,
                              "lint": report, **summary, "warnings": warnings})
    print(f"cinescribe: subtitles for '{sm.wildcards.job}':", *files, sep="\n  ", file=sys.stderr)
    for path, shares in report.items():
        row = ", ".join(f"{rule} {share:.0%}" for rule, share in shares.items())
        print(f"cinescribe: cues meeting each rule in {os.path.basename(path)}: {row}", file=sys.stderr)
    for warning in warnings:
        logging.warning("warning: %s", warning)


run(snakemake, main)  # noqa: F821 - injected by Snakemake
