"""Snakemake adapter: list a finished job's subtitle files, check them, and say where they are — and warn
when the film was probably not understood (unsure language, little of the speech subtitled)."""
import logging
import os
import sys

from cinescribe import SCHEMA_VERSION
from cinescribe.report.checks import alignment_warnings, assess, cast_naming
from cinescribe.runtime.atomic import read_json, remove_stale_parts, write_json, write_text
from cinescribe.runtime.rule_script import run_rule
from cinescribe.shapes import DoneReport
from cinescribe.subtitles.lint import at_frame_rate, lint_file
from cinescribe.subtitles.qc import qc_failures, qc_summary, qc_table
from cinescribe.subtitles.reading_speed import resolved_style
from cinescribe.subtitles.timing import CueTiming, film_grid


def checks(sm, subtitles):
    """Language certainty and speech coverage, with the warnings they call for."""
    songs = [(s[0], s[1]) for s in read_json(sm.input.songs)["songs"]] if sm.input.get("songs") else []
    vad = read_json(sm.input.vad)
    return assess(vad["speech"], subtitles["cues"], subtitles["language"], read_json(sm.input.language), songs,
                  sm.params.checks, sm.params.model["model"], vad.get("voice_like", []))


def file_language(srt):
    """The language a subtitle file is written in, from the JSON written beside it (its reading speed)."""
    beside = srt[: -len(".srt")] + ".json"
    return read_json(beside).get("language") if os.path.exists(beside) else None


def quality_control(sm, doc, limits, grid, cuts):
    """The film's own subtitles cue by cue against every timing and layout rule: qc.tsv and done's summary."""
    failures = qc_failures(doc["cues"], at_frame_rate(resolved_style(limits, doc.get("language")), float(grid.rate)),
                           grid, cuts, CueTiming.from_config(sm.params.timing))
    write_text(sm.output.qc, qc_table(doc["cues"], failures))
    return qc_summary(doc["cues"], failures, grid)


def main(sm):
    for part in remove_stale_parts(os.path.dirname(sm.output.done)):  # a writer killed in a stage that did not rerun
        logging.info("removed %s, left by a killed writer", part)
    files = [os.path.abspath(path) for path in sm.input.subtitles]
    srt = [path for path in files if path.endswith(".srt") and not path.endswith(".bilingual.srt")]
    shots = read_json(sm.input.shots) if sm.input.get("shots") else None
    subtitles = read_json(sm.input.cues)
    grid = film_grid(shots)
    report = {path: lint_file(path, **at_frame_rate(resolved_style(sm.params.limits, file_language(path)),
                                                     float(grid.rate))) for path in srt}
    qc = quality_control(sm, subtitles, sm.params.limits, grid, shots["cuts"] if shots else [])
    summary, warnings = checks(sm, subtitles)
    warnings += shots["warnings"] if shots else []  # the picture's (rate, VFR)
    speakers = cast_naming(read_json(sm.input.diarization) if sm.input.get("diarization") else None)
    warnings += alignment_warnings(subtitles.get("alignment"))
    aligned = {"alignment": subtitles["alignment"]} if subtitles.get("alignment") else {}
    write_json(sm.output.done, DoneReport(schema=SCHEMA_VERSION, job=sm.wildcards.job, subtitles=files, lint=report,
                                          **summary, qc=qc, warnings=warnings, **aligned,
                                          **({"speakers": speakers} if speakers else {})))
    print(f"cinescribe: subtitles for '{sm.wildcards.job}':", *files, sep="\n  ", file=sys.stderr)
    for path, shares in report.items():
        row = ", ".join(f"{rule} {share:.0%}" for rule, share in shares.items())
        print(f"cinescribe: cues meeting each rule in {os.path.basename(path)}: {row}", file=sys.stderr)
    print(f"cinescribe: {qc['flagged']} of {qc['cues']} cues break a timing or layout rule: "
          f"{os.path.abspath(sm.output.qc)}", file=sys.stderr)
    if speakers:
        print(f"cinescribe: {speakers['named']} speakers named by the cast, {speakers['unnamed']} left unnamed "
              f"({', '.join(speakers['unnamed_speakers']) or 'none'}); cast names heard nowhere: "
              f"{', '.join(speakers['names_unheard']) or 'none'}", file=sys.stderr)
    for warning in warnings:
        logging.warning("warning: %s", warning)


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
