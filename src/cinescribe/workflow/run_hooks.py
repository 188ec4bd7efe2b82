"""What the workflow does when it starts and when it ends: every check that needs no audio before the first
job, and a clean end (the run's ASR worker stopped, a full disk said in one sentence)."""

import threading
from typing import NamedTuple

from cinescribe.alignment.inputs import read_align_file
from cinescribe.asr.languages import known_subtitle_language
from cinescribe.asr.worker import stop_workers
from cinescribe.diarization.cast_list import read_cast
from cinescribe.runtime.errors import CinescribeError
from cinescribe.runtime.failures import say_if_disk_full
from cinescribe.text.glossary import glossary_files
from cinescribe.translation.backends import check_before_the_run
from cinescribe.workflow.config import validate_config
from cinescribe.workflow.jobs import load_jobs
from cinescribe.workflow.slurm_status import follow_jobs_without_accounting


class Run(NamedTuple):
    """What the rules need from the start of a run: its films {name: options}, the glossary files every
    stage that reads them takes as inputs (editing one redoes those stages), and the cast file with the audio
    files its rows point at (the inputs of enroll_cast)."""

    jobs: dict
    glossary_files: list
    cast_files: list


def cast_files(diarization):
    """The cast file and its rows' own sources, checked (header, seconds, files exist) before any audio is read."""
    if not diarization["cast"]:
        return []
    if not diarization["enabled"]:
        raise CinescribeError("diarization.cast is set but diarization.enabled is false: names go to diarized "
                              "speakers, so turn diarization on or leave the cast empty.")
    return [diarization["cast"], *dict.fromkeys(row.source for row in read_cast(diarization["cast"]) if row.source)]


def start(config, schema_path):
    """The config filled and checked, and the run's films, glossary and cast files; a CinescribeError names the
    first mistake (bad key, missing film or glossary file, a bad cast file, a script or subtitle file to align
    that cannot be read, a translation that cannot run)."""
    validate_config(config, schema_path)
    follow_jobs_without_accounting()  # --profile slurm where SLURM keeps no job accounting (see the module)
    jobs = load_jobs(config)
    files = glossary_files(config["glossary"])
    cast = cast_files(config["diarization"])
    subtitles = config["subtitles"]
    read_align_file(config["align"], subtitles["max_line_chars"] * subtitles["max_lines"])  # fails early
    for options in jobs.values():
        check_before_the_run(config["translation"], known_subtitle_language(options["asr"]))
    return Run(jobs, files, cast)


def cancel_rescheduling_timers():
    """Snakemake's job-rate limiter arms a 1 s threading.Timer at each scheduling pass, and the process waits
    for the last one before it exits: cancelled once the run is over, every run ends up to 1 s sooner."""
    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer):
            thread.cancel()


def on_success():
    stop_workers()
    cancel_rescheduling_timers()


def on_error(results_folder="results"):
    say_if_disk_full(results_folder)  # Snakemake's own writes (benchmarks, logs) fail with a bare OSError
    stop_workers()
    cancel_rescheduling_timers()
