"""Snakemake adapter: one chunk of audio.wav → asr/chunk_NNNN.json (absolute times, words), then one progress line."""
import logging
import sys
from pathlib import Path

from cinescribe import SCHEMA_VERSION
from cinescribe.asr import progress
from cinescribe.asr.prompts import with_prompt
from cinescribe.asr.worker import run_whisper
from cinescribe.runtime.atomic import read_json, write_json
from cinescribe.runtime.errors import CinescribeError
from cinescribe.runtime.rule_script import run_rule
from cinescribe.shapes import ChunkTranscript
from cinescribe.workflow.jobs import load_jobs


def main(sm):
    film = Path(sm.output[0]).parents[1]
    progress.chunk_started(film, int(sm.wildcards.chunk))
    asr = dict(sm.params.asr, language=read_json(sm.input.language)["source"],
               repair=dict(sm.params.asr["repair"], max_compression_ratio=sm.params.loop_ratio))
    chunks = read_json(sm.input.plan)["chunks"]
    chunk = chunks[int(sm.wildcards.chunk) - 1]
    asr = with_prompt(asr, read_json(sm.input.prompts)["chunks"][str(chunk["index"])])
    vad = read_json(sm.input.vad)
    work = dict(wav_path=sm.input.audio, chunk=chunk, speech=vad["speech"], options=asr,
                batch_size=sm.resources.batch_size, label=f"chunk {chunk['index']}/{len(chunks)}",
                voice_like=vad.get("voice_like", []))
    segments, repaired = run_whisper("transcribe_chunk", work, asr, sm.threads, sm.params.strict, sm.params.cache_dir,
                           worker=sm.config["asr_worker"], log_path=sm.log[0])
    write_json(sm.output[0], ChunkTranscript(schema=SCHEMA_VERSION, chunk=chunk, language=asr["language"],
                                             segments=segments, repaired=repaired))
    progress.chunk_ended(film, chunk["index"])
    try:
        say_progress(sm, film)
    except (OSError, ValueError, KeyError, CinescribeError) as err:  # the transcript is written: never fail for this
        logging.getLogger("cinescribe").info("no progress line: %s", err)


def say_progress(sm, film):
    """One line on the terminal (and in the log): this film's chunks and audio done, the time left."""
    films = {name: film.parent / name for name in load_jobs(sm.config)}
    standing, _ = progress.film_progress(film.name, film, sm.params.asr["window_seconds"])
    guess = progress.estimate(films, film.name, window_seconds=sm.params.asr["window_seconds"])
    line = progress.progress_line(standing, guess, len(films))
    logging.getLogger("cinescribe").info("%s", line)
    print(f"cinescribe: {line}", file=sys.stderr, flush=True)


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
