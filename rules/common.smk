# Shared by every stage: the checked config and the run's films, which stages are on, wildcard
# constraints, and where each results file lives (named once here; rules and input functions use the names).
import os
import sys

from cinescribe.runtime.atomic import read_json
from cinescribe.runtime.errors import CinescribeError
from cinescribe.workflow import stages
from cinescribe.workflow.run_hooks import start

try:
    JOBS, GLOSSARY_FILES, CAST_FILES = start(config, workflow.source_path("../config/schema.yaml"))
except CinescribeError as err:
    sys.exit(f"cinescribe: {err}")


def job_options(section):
    """Params function: the config section with this film's own overrides from the jobs table."""
    return lambda wildcards: JOBS[wildcards.job][section]


def is_on(stage):
    """Whether an optional stage runs (diarization, songs, review, review_audio, mux, burn)."""
    return stages.is_on(config, stage)


wildcard_constraints:
    job=r"[^/]+",
    chunk=r"\d{4}",
    lang=r"[a-z]{2,3}",
    target=r"[a-z]{2,3}",


# Results of one film, in the order the stages make them. SUBTITLES and TRANSLATION are stems: one file per format.
RESULTS = "results/{job}"
AUDIO = f"{RESULTS}/audio.wav"
VAD = f"{RESULTS}/vad.json"
SONGS = f"{RESULTS}/songs.json"
SHOTS = f"{RESULTS}/shots.json"
LANGUAGE = f"{RESULTS}/language.json"
CHUNK_PLAN = f"{RESULTS}/chunks/plan.json"
CHUNK_PROMPTS = f"{RESULTS}/chunks/prompts.json"
CHUNK_TRANSCRIPT = f"{RESULTS}/asr/chunk_{{chunk}}.json"
CAST = f"{RESULTS}/cast.json"
DIARIZATION = f"{RESULTS}/diarization.json"
TRANSCRIPT = f"{RESULTS}/transcript.json"
SUBTITLES = f"{RESULTS}/subtitles/{{job}}.{{lang}}"
TRANSLATION = f"{RESULTS}/subtitles/translations/{{job}}.{{target}}"
DONE = f"{RESULTS}/done.json"
QC = f"{RESULTS}/qc.tsv"
REVIEW = f"{RESULTS}/review.html"
REVIEW_AUDIO = f"{RESULTS}/review.webm"
REPORT_TABLE = f"{RESULTS}/report/{{table}}.html"
SUBTITLED = f"{RESULTS}/{{job}}.subtitled.mkv"
BURNED = f"{RESULTS}/{{job}}.burned.mp4"
SUBTITLE_FORMATS = ("srt", "vtt", "ass", "tsv", "json")


def log_file(name):
    return f"{RESULTS}/logs/{name}.log"


def benchmark_file(name):
    return f"{RESULTS}/benchmarks/{name}.tsv"


def of(pattern, job, **wildcards):
    """A path pattern filled in for one film (input functions know the job; Snakemake fills the rest)."""
    return pattern.format(job=job, **wildcards)


# The glossary, cast and bias-window files: inputs of every stage that reads them, so editing one redoes them.
GLOSSARY_INPUTS = {f"glossary_{i}": path for i, path in enumerate(GLOSSARY_FILES)}


# The cast file and the audio its rows point at: inputs of enroll_cast, so editing one enrolls the cast again.
CAST_INPUTS = {f"cast_{i}": path for i, path in enumerate(CAST_FILES)}


def cast_first(wildcards):
    """extract_audio's input when diarization.cast is set: an order, not a need (ancient: re-enrolling reruns
    nothing there), so a bad cast fails before the film is read. With no cast, no enroll_cast job at all (a cast
    added to a film already transcribed therefore starts it again: set it before the first run)."""
    return {"cast": ancient(of(CAST, wildcards.job))} if config["diarization"]["cast"] else {}


def cast_voice_prints(wildcards):
    """diarize's input when diarization.cast is set: the cast's voice prints (cast.json)."""
    return {"cast": of(CAST, wildcards.job)} if config["diarization"]["cast"] else {}


def speaker_names(wildcards):
    """diarization.json where diarization runs: the stages that write speaker names read the cast's there."""
    return {"diarization": of(DIARIZATION, wildcards.job)} if is_on("diarization") else {}


def job_targets(job):
    """What `all` asks of one film: its subtitles (done.json), the review page, the report's tables and shots.json,
    and the film with its subtitles inside when deliver asks for it.

    Stages that need only the audio are named too: otherwise they join the DAG only once the language
    checkpoint has passed, and diarization could not run beside language detection and the first chunks.
    """
    targets = [of(DONE, job), of(REPORT_TABLE, job, table="runtimes"), of(SHOTS, job)]
    targets += [of(REVIEW, job)] if is_on("review") else []
    targets += [of(DIARIZATION, job)] if is_on("diarization") else []
    targets += [of(SONGS, job)] if is_on("songs") else []
    targets += [of(REVIEW_AUDIO, job)] if is_on("review_audio") else []
    targets += [of(SUBTITLED, job)] if is_on("mux") else []
    targets += [of(BURNED, job)] if is_on("burn") else []
    return targets


def planned_chunks(wildcards):
    """Chunk files of every film already planned, as targets of `all`.

    Snakemake does not rebuild a missing intermediate file whose consumers are up to date, so a deleted
    chunk is only recomputed if it is a target. Films not planned yet are pulled in by their done.json.
    """
    return [path for job in JOBS if os.path.exists(of(CHUNK_PLAN, job)) for path in chunk_files(wildcards, job)]
