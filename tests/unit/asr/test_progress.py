"""The progress line of a long run: chunks and audio done, and time left from the pace of the chunks so far."""

import json
import os
import subprocess
import sys

from cinescribe.asr import progress
from cinescribe.asr.chunk_plan import chunk_cost


def _film(folder, chunks=4, seconds=300.0, done=()):
    """A planned film of `chunks` equal chunks, all speech, whose chunks `done` have written their transcript."""
    plan = [{"index": i + 1, "start": i * seconds, "end": (i + 1) * seconds, "audio_start": i * seconds,
             "audio_end": (i + 1) * seconds} for i in range(chunks)]
    (folder / "chunks").mkdir(parents=True)
    (folder / "asr").mkdir()
    (folder / "chunks" / "plan.json").write_text(json.dumps({"schema": 1, "chunks": plan}))
    (folder / "vad.json").write_text(json.dumps({"schema": 1, "duration": chunks * seconds,
                                                 "speech": [[0.0, chunks * seconds]]}))
    for index in done:
        (folder / "asr" / f"chunk_{index:04d}.json").write_text("{}")
    return chunk_cost(plan[0], [[0.0, chunks * seconds]])


def _dead_pid():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_two_chunks_side_by_side_halve_the_time_left(tmp_path):
    """Chunk 1 took 100 s and chunk 2 started with it: the two left take one more round of 100 s."""
    film = tmp_path / "film"
    _film(film, done=[1])
    progress.chunk_started(film, 1, when=1000.0)
    progress.chunk_started(film, 2, when=1000.0)  # this process: still running
    progress.chunk_ended(film, 1, when=1100.0)
    guess = progress.estimate({"film": film}, "film", now=1100.0)
    assert round(guess.film) == round(guess.run) == 100
    standing, _ = progress.film_progress("film", film)
    assert progress.progress_line(standing, guess) == "film film: 1/4 chunks, 25 % of audio, ~1 min 40 s left"


def test_chunks_are_dealt_whole_to_the_slots(tmp_path):
    """Three chunks left on two slots take two rounds, not one and a half."""
    film = tmp_path / "film"
    _film(film, chunks=5, done=[1])
    progress.chunk_started(film, 1, when=1000.0)
    progress.chunk_started(film, 2, when=1000.0)
    progress.chunk_ended(film, 1, when=1100.0)
    assert round(progress.estimate({"film": film}, "film", now=1100.0).film) == 200


def test_two_chunks_ending_together_free_two_slots(tmp_path):
    """Chunks 1 and 2 ran side by side and ended at once: the two left run side by side too."""
    film = tmp_path / "film"
    _film(film, done=[1, 2])
    for chunk in (1, 2):
        progress.chunk_started(film, chunk, when=1000.0)
    for chunk in (1, 2):
        progress.chunk_ended(film, chunk, when=1100.0)
    assert round(progress.estimate({"film": film}, "film", now=1100.0).film) == 100


def test_a_chunk_whose_process_is_gone_is_not_running(tmp_path):
    """A killed chunk job leaves a start line with no end: it is queued work again, and one slot runs."""
    film = tmp_path / "film"
    _film(film, done=[1])
    progress.chunk_started(film, 1, when=1000.0)
    with open(film / progress.PROGRESS_FILE, "a", encoding="utf-8") as fh:
        fh.write(f"start\t2\t1000.000\t{os.uname().nodename}\t{_dead_pid()}\n")
    progress.chunk_ended(film, 1, when=1100.0)
    assert round(progress.estimate({"film": film}, "film", now=1100.0).film) == 300


def test_a_resumed_film_counts_its_chunks_but_waits_for_this_run_s_pace(tmp_path):
    film = tmp_path / "film"
    _film(film, done=[1, 2])
    standing, _ = progress.film_progress("film", film)
    guess = progress.estimate({"film": film}, "film", now=1100.0)
    assert (guess.film, guess.run) == (None, None)
    assert progress.progress_line(standing, guess) == (
        "film film: 2/4 chunks, 50 % of audio, time left known after the first chunk")


def test_the_run_counts_every_film_and_those_not_planned_yet(tmp_path):
    """Two planned films at one pace (50 s per chunk, one slot), and a third film still before its plan."""
    first, second = tmp_path / "first", tmp_path / "second"
    _film(first, chunks=2, done=[1])
    _film(second, chunks=3, done=[])
    progress.chunk_started(first, 1, when=0.0)
    progress.chunk_ended(first, 1, when=50.0)
    films = {"first": first, "second": second, "third": tmp_path / "third"}
    guess = progress.estimate(films, "first", now=50.0)
    assert (round(guess.film), round(guess.run), guess.unplanned) == (50, 200, 1)
    standing, _ = progress.film_progress("first", first)
    assert progress.progress_line(standing, guess, films=3) == (
        "film first: 1/2 chunks, 50 % of audio, ~50 s left (run: ~3 min 20 s left, 3 films, 1 not planned yet)")


def test_long_waits_are_told_in_minutes_and_hours():
    standing = progress.FilmProgress("epic", 7, 30, 2070.0, 9000.0, {})
    assert progress.progress_line(standing, progress.Estimate(840.0, 4000.0, 0), films=2) == (
        "film epic: 7/30 chunks, 23 % of audio, ~14 min left (run: ~1 h 07 min left, 2 films)")


def test_the_pace_leans_on_the_latest_chunks():
    """The first chunk ran beside diarization at half speed: the time left follows the chunks since."""
    from cinescribe.asr.progress import recent_pace

    pace = recent_pace([(100.0, 50.0, 1.0), (130.0, 25.0, 1.0), (160.0, 25.0, 1.0)])
    assert 25.0 < pace < (50 + 25 + 25) / 3
    assert recent_pace([]) is None
