# Config validation, the job table, input functions and wildcard constraints shared by all rules.
import os
import sys
import threading

from cinescribe.asr.worker import stop_workers
from cinescribe.runtime.atomic import read_json
from cinescribe.asr.chunk_plan import chunk_cost
from cinescribe.runtime.errors import CinescribeError
from cinescribe.runtime.failures import batch_for_attempt, say_if_disk_full
from cinescribe.workflow.jobs import load_jobs
from cinescribe.asr.languages import known_subtitle_language
from cinescribe.workflow.config import validate_config
from cinescribe.text.glossary import glossary_files
from cinescribe.translation.backends import check_before_the_run

try:
    validate_config(config, workflow.source_path("../config/schema.yaml"))
    JOBS = load_jobs(config)
    glossary_files(config["glossary"])
    for options in JOBS.values():
        check_before_the_run(config["translation"], known_subtitle_language(options["asr"]))
except CinescribeError as err:
    sys.exit(f"cinescribe: {err}")


def cancel_rescheduling_timers():
    """Snakemake's job-rate limiter arms a 1 s threading.Timer at each scheduling pass, and the process waits
    for the last one before it exits: cancelled once the run is over, every run ends up to 1 s sooner."""
    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer):
            thread.cancel()


onsuccess:
    stop_workers()
    cancel_rescheduling_timers()


onerror:
    say_if_disk_full("results")  # Snakemake's own writes (benchmarks, logs) fail with a bare OSError
    stop_workers()
    cancel_rescheduling_timers()


SUBTITLE_FORMATS = ("srt", "vtt", "ass", "tsv", "json")


wildcard_constraints:
    job=r"[^/]+",
    chunk=r"\d{4}",
    lang=r"[a-z]{2,3}",
    target=r"[a-z]{2,3}",


def subtitle_outputs(stem):
    """One language's subtitle files; SRT and VTT are listed in `snakemake --report` with a caption."""
    return {fmt: report(f"{stem}.{fmt}", caption="../report/subtitles.rst", category="Subtitles",
                        subcategory="{job}") if fmt in ("srt", "vtt") else f"{stem}.{fmt}" for fmt in SUBTITLE_FORMATS}


def cue_style():
    """The timed-text rules cues are built to (the choice of script is not one of them)."""
    return {k: v for k, v in config["subtitles"].items() if k != "script"}


def lint_limits():
    """The timed-text rules a cue is checked against (max_gap shapes cues but is no rule a cue can break)."""
    return {k: v for k, v in cue_style().items() if k != "max_gap"}


# Languages written in Devanagari, whose subtitles get a Latin-letter twin with subtitles.script: latin.
ROMANIZED_LANGUAGES = ("hi", "mr", "ne")


def has_latin_twin(lang):
    return config["subtitles"]["script"] == "latin" and lang in ROMANIZED_LANGUAGES


def language_threads():
    """Language detection holds up every chunk, so it takes two cores (twice as fast as one; a 2-core machine
    or cluster node has that); with diarization on it keeps to asr.threads, so diarization starts beside it."""
    asr_threads = config["asr"]["threads"]
    return asr_threads if config["diarization"]["enabled"] else max(asr_threads, 2)


def job_input(wildcards):
    return JOBS[wildcards.job]["input"]


def job_options(section):
    """Params function: the config section with this job's own overrides from the jobs table."""
    return lambda wildcards: JOBS[wildcards.job][section]


RETRIES = config["failures"]["attempts"] - 1


def attempt_number(wildcards, attempt):
    """Scripts read the attempt from resources: a failure a retry cannot fix stops its retries."""
    return attempt


def timeout_s(rule_name):
    """The watchdog's budget; a resource, not a param, so changing it reruns nothing."""
    return config["failures"]["timeouts"][rule_name]


def runtime_minutes(rule_name):
    """Cluster time limit: the watchdog's budget plus a margin for start-up (SLURM's `runtime`)."""
    seconds = config["failures"]["timeouts"][rule_name]
    return int(seconds // 60) + 10 if seconds else 24 * 60


def batch_size(section, key="batch_size"):
    """Resource function: the section's batch size (or piece length), halved on each retry after out-of-memory."""
    return lambda wildcards, attempt: batch_for_attempt(config[section][key], attempt)


def chunk_files(wildcards, job=None):
    job = job or wildcards.job
    plan = read_json(checkpoints.plan_chunks.get(job=job).output.plan)
    return [f"results/{job}/asr/chunk_{c['index']:04d}.json" for c in plan["chunks"]]


def planned_chunks(wildcards):
    """Chunk files of every job already planned, as targets of `all`.

    Snakemake does not rebuild a missing intermediate file whose consumers are up to date, so a deleted
    chunk is only recomputed if it is a target. Jobs not planned yet are pulled in by their done.json.
    """
    return [f for job in JOBS if os.path.exists(f"results/{job}/chunks/plan.json") for f in chunk_files(wildcards, job)]


def glossary_inputs(wildcards):
    """Glossary, cast and bias-window files, so editing one redoes the prompts and corrections."""
    return {f"glossary_{i}": path for i, path in enumerate(glossary_files(config["glossary"]))}


def diarization_file(wildcards):
    """Merge waits for speaker turns only when diarization is on; off, the diarize rule never runs."""
    return f"results/{wildcards.job}/diarization.json" if config["diarization"]["enabled"] else []


def songs_file(wildcards):
    """Subtitles wait for song detection unless lyrics are kept as they are (then it never runs)."""
    return f"results/{wildcards.job}/songs.json" if config["lyrics"]["mode"] != "keep" else []


def subtitle_language(job):
    return read_json(checkpoints.detect_language.get(job=job).output[0])["subtitle_language"]


def translation_stem(job, target):
    """Where a translation's subtitle files go (without the format); wildcards work too."""
    return f"results/{job}/subtitles/translations/{job}.{target}"


def subtitle_files(wildcards):
    """The film's subtitles in its own language (and in Latin letters), then one set per translation target."""
    job, lang = wildcards.job, subtitle_language(wildcards.job)
    stem = f"results/{job}/subtitles/{job}.{lang}"
    files = [f"{stem}.{fmt}" for fmt in SUBTITLE_FORMATS]
    if has_latin_twin(lang):
        files += [f"{stem}-Latn.{fmt}" for fmt in SUBTITLE_FORMATS]
    for target in config["translation"]["targets"]:
        files += [f"{translation_stem(job, target)}.{fmt}" for fmt in SUBTITLE_FORMATS]
        if config["translation"]["bilingual"]:
            files.append(f"{translation_stem(job, target)}.bilingual.srt")
    return files


def done_inputs(wildcards):
    """Every subtitle file, and what the checks of understanding read: speech, language, songs, source cues."""
    job = wildcards.job
    inputs = {"subtitles": subtitle_files(wildcards), "cues": source_subtitles_json(wildcards),
              "vad": f"results/{job}/vad.json", "language": f"results/{job}/language.json"}
    if config["lyrics"]["mode"] != "keep":
        inputs["songs"] = f"results/{job}/songs.json"
    return inputs


def source_subtitles_json(wildcards):
    return f"results/{wildcards.job}/subtitles/{wildcards.job}.{subtitle_language(wildcards.job)}.json"


def bilingual_output():
    """Translated text above the original in one SRT, when asked for."""
    if not config["translation"]["bilingual"]:
        return {}
    return {"bilingual": f"{translation_stem('{job}', '{target}')}.bilingual.srt"}


def review_inputs(wildcards):
    """What the review page shows: subtitle JSONs (the film's language first), transcript, speech, chunk seams,
    and speaker turns, songs and the audio copy when those stages run."""
    job = wildcards.job
    tracks = [source_subtitles_json(wildcards)]
    lang = subtitle_language(job)
    if has_latin_twin(lang):
        tracks.append(f"results/{job}/subtitles/{job}.{lang}-Latn.json")
    tracks += [f"{translation_stem(job, target)}.json" for target in config["translation"]["targets"]]
    inputs = {"tracks": tracks, "transcript": f"results/{job}/transcript.json", "vad": f"results/{job}/vad.json",
              "plan": f"results/{job}/chunks/plan.json"}
    if config["diarization"]["enabled"]:
        inputs["diarization"] = f"results/{job}/diarization.json"
    if config["lyrics"]["mode"] != "keep":
        inputs["songs"] = f"results/{job}/songs.json"
    if config["review"]["audio"]:
        inputs["audio"] = f"results/{job}/review.webm"
    return inputs


def report_table_inputs(wildcards):
    """The tables wait for the whole job (and its review page), so every benchmark file is there."""
    inputs = {"done": f"results/{wildcards.job}/done.json"}
    if config["review"]["enabled"]:
        inputs["review"] = f"results/{wildcards.job}/review.html"
    return inputs


def job_targets(job):
    """What `all` asks of one job: its subtitles (done.json), the review page and the report's tables.

    Stages that need only the audio are named too: otherwise they join the DAG only once the language
    checkpoint has passed, and diarization could not run beside language detection and the first chunks.
    """
    targets = [f"results/{job}/done.json", f"results/{job}/report/runtimes.html"]
    if config["review"]["enabled"]:
        targets.append(f"results/{job}/review.html")
    early = {"diarization": config["diarization"]["enabled"], "songs": config["lyrics"]["mode"] != "keep"}
    targets += [f"results/{job}/{stage}.json" for stage, wanted in early.items() if wanted]
    if config["review"]["enabled"] and config["review"]["audio"]:
        targets.append(f"results/{job}/review.webm")
    return targets


# Who goes first when cores are short: the chain to the first chunk (VAD, language, plan), then diarization
# (one thread beside ASR from the start, not after the last chunk), then the chunks, costliest first. Songs
# (the subtitles wait for them) and the review's audio copy are fillers: see filler_priority.
PRIORITY = {"critical": 50, "diarize": 30, "transcribe_chunk": 20, "songs": 10, "review_audio": 0}
FILLERS_FIRST = {"songs": 26, "review_audio": 25}
FILLERS_FIRST_FROM_CHUNKS = 10


def filler_priority(rule_name):
    """On a film of 10 chunks or more (50 min) the fillers go before the chunks, their time spread over the
    rounds (after them they would add it all to the run: 47 s of audio copy at 2.5 hours); on a shorter film
    they go last, into the gaps the last chunks leave (on a 30-minute film that is 5 s sooner). Snakemake asks
    again once the plan exists."""

    def priority(wildcards):
        plan = f"results/{wildcards.job}/chunks/plan.json"
        many = os.path.exists(plan) and len(read_json(plan)["chunks"]) >= FILLERS_FIRST_FROM_CHUNKS
        return (FILLERS_FIRST if many else PRIORITY)[rule_name]

    return priority


def chunk_priority(wildcards, input):
    """Costlier chunks start first, so the last ones to finish are short and no core waits long at the end."""
    chunk = read_json(input.plan)["chunks"][int(wildcards.chunk) - 1]
    cost = chunk_cost(chunk, read_json(input.vad)["speech"], config["asr"]["window_seconds"])
    return PRIORITY["transcribe_chunk"] + min(cost, 9999) / 10000


# An order, not a need (ancient: its time stamp reruns nothing): songs and the review's audio copy become
# ready once the chunks are queued, so they cannot take a core before the first chunks have one.
QUEUED_AFTER_CHUNKS = ancient("results/{job}/chunks/bias.json")
