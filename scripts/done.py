"""Snakemake adapter: list a finished job's subtitle files, check them, and say where they are — and warn
when the film was probably not understood (unsure language, little of the speech subtitled)."""
import logging
import os
import sys

from cinescribe import SCHEMA_VERSION
from cinescribe.report.checks import assess
from cinescribe.runtime.atomic import read_json, remove_stale_parts, write_json
from cinescribe.runtime.rule_script import run_rule
from cinescribe.shapes import DoneReport
from cinescribe.subtitles.lint import lint_file
from cinescribe.subtitles.reading_speed import resolved_style


def checks(sm):
    """Language certainty and speech coverage, with the warnings they call for."""
    subtitles = read_json(sm.input.cues)
    songs = [(s[0], s[1]) for s in read_json(sm.input.songs)["songs"]] if sm.input.get("songs") else []
    return assess(read_json(sm.input.vad)["speech"], subtitles["cues"], subtitles["language"],
                  read_json(sm.input.language), songs, sm.params.checks, sm.params.model["model"])


def file_language(srt):
    """The language a subtitle file is written in, from the JSON written beside it (its reading speed)."""
    beside = srt[: -len(".srt")] + ".json"
    return read_json(beside).get("language") if os.path.exists(beside) else None


def main(sm):
    for part in remove_stale_parts(os.path.dirname(sm.output[0])):  # a writer killed in a stage that did not rerun
        logging.info("removed %s, left by a killed writer", part)
    files = [os.path.abspath(path) for path in sm.input.subtitles]
    srt = [path for path in files if path.endswith(".srt") and not path.endswith(".bilingual.srt")]
    report = {path: lint_file(path, **resolved_style(sm.params.limits, file_language(path))) for path in srt}
    summary, warnings = checks(sm)
    write_json(sm.output[0], DoneReport(schema=SCHEMA_VERSION, job=sm.wildcards.job, subtitles=files, lint=report,
                                        **summary, warnings=warnings))
    print(f"cinescribe: subtitles for '{sm.wildcards.job}':", *files, sep="\n  ", file=sys.stderr)
    for path, shares in report.items():
        row = ", ".join(f"{rule} {share:.0%}" for rule, share in shares.items())
        print(f"cinescribe: cues meeting each rule in {os.path.basename(path)}: {row}", file=sys.stderr)
    for warning in warnings:
        logging.warning("warning: %s", warning)


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
