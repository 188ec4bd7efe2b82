"""Progress a person can read while a long film is transcribed: chunks done, share of the audio, time left.

The chunks are most of a run's time, so their pace tells the time left. Each chunk job appends two lines to
its film's `logs/progress.tsv`, one when it starts and one when it ends (an appended line of a few dozen bytes
is written whole, however many jobs append at once); when it ends it reads those lines back, for every film of
the run, and prints one line. The estimate:

- `recent_pace`: the wall seconds one chunk job took per unit of decoding work (`chunk_cost`: speech plus a
  fixed cost per Whisper window, what the plan balances chunks by), over the chunks finished so far, each
  weighing twice the one before it (the first chunks share the machine with diarization and model loading);
- `slots`: how many chunk jobs run side by side: the most seen at once so far, and at least those running now
  plus the one that just ended (the next chunk takes its place);
- time left: the chunks not started are dealt to the slots as Snakemake deals them (the costliest first, each to
  the slot free soonest; a running chunk frees its slot once its work at that pace is done), and a film is done
  when its last chunk is. Dealing whole chunks matters at the end of a film: 3 chunks on 2 slots take 2 rounds.

Chunks finished in an earlier run count as done (their files are there), and towards the pace when their
lines are (a job's own seconds, whenever it ran). Reading a few small files per chunk costs milliseconds
beside minutes of decoding.
"""

import contextlib
import heapq
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from cinescribe.asr.chunk_plan import chunk_cost
from cinescribe.runtime.atomic import process_alive, read_json

PROGRESS_FILE = Path("logs") / "progress.tsv"


@dataclass(frozen=True)
class ChunkJob:
    """One chunk job as its lines tell it: when it started, when it ended (None while it runs), on which host
    and process."""

    chunk: int
    started: float
    ended: float | None
    host: str
    pid: int


@dataclass(frozen=True)
class FilmProgress:
    """Where one film stands: chunks and audio seconds done of the plan's, and the decoding work of each chunk
    not done yet ({index: chunk_cost})."""

    name: str
    chunks_done: int
    chunks: int
    audio_done: float
    audio: float
    work_left: dict


@dataclass(frozen=True)
class Estimate:
    """Seconds left for one film and for the whole run (None until a chunk of this run has finished), and the
    films of the run whose chunks are not planned yet (their work is unknown)."""

    film: float | None
    run: float | None
    unplanned: int


def _append(folder, event, chunk, when=None):
    path = Path(folder) / PROGRESS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    line = f"{event}\t{chunk}\t{time.time() if when is None else when:.3f}\t{socket.gethostname()}\t{os.getpid()}\n"
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line)


def chunk_started(folder, chunk, when=None):
    """Note that chunk `chunk` of the film whose results are in `folder` starts now."""
    _append(folder, "start", chunk, when)


def chunk_ended(folder, chunk, when=None):
    """Note that chunk `chunk` has written its transcript."""
    _append(folder, "end", chunk, when)


def _alive(host, pid):
    if host != socket.gethostname():
        return True  # another node of a cluster: its job is taken at its word
    return process_alive(pid)


def chunk_jobs(folder):
    """The chunk jobs of a film, from its progress lines: the last start of each chunk and its end, if any.
    A job that started, did not end and whose process is gone (killed, failed) is left out."""
    jobs = {}
    with contextlib.suppress(FileNotFoundError), open(Path(folder) / PROGRESS_FILE, encoding="utf-8") as fh:
        for line in fh:
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 5:
                continue  # a line cut by a full disk
            event, chunk, when, host, pid = fields[0], int(fields[1]), float(fields[2]), fields[3], int(fields[4])
            if event == "start":
                jobs[chunk] = ChunkJob(chunk, when, None, host, pid)
            elif chunk in jobs and jobs[chunk].ended is None:
                jobs[chunk] = ChunkJob(chunk, jobs[chunk].started, when, host, pid)
    return [job for job in jobs.values() if job.ended is not None or _alive(job.host, job.pid)]


def film_progress(name, folder, window_seconds=30.0):
    """The film's standing from its plan and the chunk files on disk (chunks done in an earlier run count), or
    None while it has no plan. Also returns each chunk's work, by index."""
    folder = Path(folder)
    try:
        plan = read_json(folder / "chunks" / "plan.json")["chunks"]
        speech = read_json(folder / "vad.json")["speech"]
    except FileNotFoundError:
        return None, {}
    work = {c["index"]: chunk_cost(c, speech, window_seconds) for c in plan}
    done = [c for c in plan if (folder / "asr" / f"chunk_{c['index']:04d}.json").exists()]
    finished = {c["index"] for c in done}
    progress = FilmProgress(name, len(done), len(plan), sum(c["end"] - c["start"] for c in done),
                            sum(c["end"] - c["start"] for c in plan),
                            {index: w for index, w in work.items() if index not in finished})
    return progress, work


def estimate(films, this_film, now=None, window_seconds=30.0):
    """Seconds left for `this_film` and for the run, asked when a chunk has just ended. `films`: {name: results
    folder} of every film of the run."""
    now = time.time() if now is None else now
    finished, running, queued, unplanned, intervals = [], [], [], 0, []
    for name, folder in films.items():
        progress, work = film_progress(name, folder, window_seconds)
        if progress is None:
            unplanned += 1
            continue
        jobs = chunk_jobs(folder)
        intervals += [(job.started, now if job.ended is None else job.ended) for job in jobs]
        finished += [(job.ended, job.ended - job.started, work.get(job.chunk, 0.0)) for job in jobs
                     if job.ended is not None]
        started = {job.chunk: job for job in jobs if job.ended is None and job.chunk in progress.work_left}
        running += [(name, job.started, progress.work_left[index]) for index, job in started.items()]
        queued += [(name, w) for index, w in progress.work_left.items() if index not in started]
    pace = recent_pace(finished)
    if pace is None:
        return Estimate(None, None, unplanned)
    finish = {name: 0.0 for name in films}
    slots = []
    for name, started, work in running:
        slots.append(max(0.0, pace * work - (now - started)))
        finish[name] = max(finish[name], slots[-1])
    slots += [0.0] * max(1, most_at_once(intervals) - len(running))  # free now: the next chunks take them
    heapq.heapify(slots)
    for name, work in sorted(queued, key=lambda item: -item[1]):
        done_at = heapq.heappop(slots) + pace * work
        finish[name] = max(finish[name], done_at)
        heapq.heappush(slots, done_at)
    return Estimate(finish.get(this_film, 0.0), max(finish.values()), unplanned)


def recent_pace(finished):
    """Wall seconds per unit of work over the finished chunks [(ended, seconds, work)], each chunk weighing twice
    the one that ended before it: the first chunks share the machine with model loading, language detection and
    diarization, and the later ones tell the pace of the rest better."""
    weights = [2.0 ** rank for rank in range(len(finished))]
    work = sum(w * chunk_work for w, (_, _, chunk_work) in zip(weights, sorted(finished)))
    if not work:
        return None
    return sum(w * seconds for w, (_, seconds, _) in zip(weights, sorted(finished))) / work


def most_at_once(intervals):
    """The most (start, end) intervals that overlap at one moment: chunk jobs run side by side."""
    return max((sum(s <= start < e for s, e in intervals) for start, _ in intervals), default=1)


def _time_left(seconds):
    """Seconds to ten under 10 minutes (a short film's estimate is worth its seconds), minutes above."""
    if seconds is None:
        return "time left known after the first chunk"
    if seconds < 600:
        tens = round(seconds / 10) * 10
        return f"~{tens // 60} min {tens % 60:02d} s left" if tens >= 60 else f"~{tens} s left"
    minutes = round(seconds / 60)
    return f"~{minutes // 60} h {minutes % 60:02d} min left" if minutes >= 60 else f"~{minutes} min left"


def progress_line(progress, guess, films=1):
    """`film X: 7/30 chunks, 23 % of audio, ~14 min left (run: ~20 min left, 3 films)` (the run's part only
    when the run has more than one film)."""
    share = 100 * progress.audio_done / progress.audio if progress.audio else 100
    line = f"film {progress.name}: {progress.chunks_done}/{progress.chunks} chunks, {share:.0f} % of audio, " \
           f"{_time_left(guess.film)}"
    if films > 1:
        line += f" (run: {_time_left(guess.run)}, {films} films"
        line += f", {guess.unplanned} not planned yet)" if guess.unplanned else ")"
    return line
