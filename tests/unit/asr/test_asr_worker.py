"""The run's ASR worker: the model is loaded once, every job gets the answer it would have computed itself,
and the worker never outlives the run (stopped at the end, or idle after a kill)."""

import os
import re
import signal
import threading
import time
from pathlib import Path

import pytest

from cinescribe.asr.worker import _workers_folder, run_whisper, stop_workers
from cinescribe.runtime.errors import CinescribeError
from cinescribe.runtime.failures import RetryableFailure
from support import media
from support.workflow_runner import wer

ASR = {"model": "tiny.en", "device": "cpu", "compute_type": "int8", "language": "en", "task": "transcribe",
       "beam_size": 5, "window_seconds": 30, "condition_on_previous_text": False, "segment_timestamps": True,
       "repair": {"enabled": True}}
SPEECH = [[6.6, 30.0]]
CHUNKS = [{"index": i + 1, "start": s, "end": e, "audio_start": s, "audio_end": e}
          for i, (s, e) in enumerate([(0.0, 15.0), (15.0, 30.0)])]


def _chunk(chunk, worker, **extra):
    work = dict(wav_path=str(media.DEMO_WAV), chunk=chunk, speech=SPEECH, options=ASR, batch_size=4)
    return run_whisper("transcribe_chunk", work, {**ASR, **extra}, 2, worker=worker)


def _alive(pid):
    """Running, and not a zombie (a worker these tests started is our child until reaped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False


def _gone(pid, within=10.0):
    """Whether the process ends within `within` seconds."""
    deadline = time.monotonic() + within
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _alive(pid)


def _kill_once_busy(pid):
    """SIGKILL the worker once it has begun decoding (0.1 s of CPU since now): idle, it uses none."""
    def cpu_ticks():
        return sum(int(x) for x in Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()[11:13])

    start = cpu_ticks()
    while cpu_ticks() - start < 10:
        time.sleep(0.01)
    os.kill(pid, signal.SIGKILL)


def _worker_pid(caplog):
    served = [r.args for r in caplog.records if "by the run's ASR worker" in r.getMessage()]
    return served[-1][1]


@pytest.fixture
def in_workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    stop_workers(tmp_path)


def test_worker_answers_as_a_job_would_and_loads_the_model_once(in_workdir, caplog):
    caplog.set_level("INFO")
    alone = [_chunk(chunk, {"use": "never"}) for chunk in CHUNKS]
    served = [_chunk(chunk, {"use": "always", "idle_seconds": 60}) for chunk in CHUNKS]
    assert served == alone and any(alone)
    pids = {r.args[1] for r in caplog.records if "by the run's ASR worker" in r.getMessage()}
    assert len(pids) == 1  # the second chunk went to the worker the first one started
    assert [r.args[3] for r in caplog.records if "by the run's ASR worker" in r.getMessage()] == [1, 2]
    assert any(r.name == "cinescribe.asr.transcribe" and "segments from" in r.getMessage() for r in caplog.records[-3:])

    stop_workers(in_workdir)
    assert _gone(pids.pop(), within=5.0)
    assert not list(_workers_folder(in_workdir).glob("*.sock"))


def test_a_dead_or_stale_worker_is_replaced(in_workdir, caplog):
    caplog.set_level("INFO")
    worker = {"use": "always", "idle_seconds": 60}
    first = _chunk(CHUNKS[1], worker)
    old = _worker_pid(caplog)
    os.kill(old, signal.SIGKILL)  # its socket file stays behind, with nobody listening
    time.sleep(0.2)
    assert _chunk(CHUNKS[1], worker) == first
    assert _worker_pid(caplog) != old


def test_an_idle_worker_exits_by_itself(in_workdir, caplog):
    """A run killed with -9 cannot stop its worker: the worker notices it has no work and goes."""
    caplog.set_level("INFO")
    _chunk(CHUNKS[1], {"use": "always", "idle_seconds": 0.5})
    assert _gone(_worker_pid(caplog))


def test_a_missing_model_is_one_sentence_and_starts_no_worker(in_workdir):
    with pytest.raises(CinescribeError, match="does not exist"):
        _chunk(CHUNKS[1], {"use": "always", "idle_seconds": 60}, model=str(in_workdir / "no-such-model"))


def test_auto_uses_a_worker_only_on_cuda():
    from cinescribe.asr.worker import wants_worker

    assert [wants_worker(use, device) for use in ("auto", "always", "never") for device in ("cpu", "cuda")] == [
        False, True, True, True, False, False]


def test_a_worker_killed_during_a_job_is_a_retryable_failure(in_workdir, caplog):
    """Out of memory can kill the worker itself: the job must fail so Snakemake retries with a smaller batch."""
    caplog.set_level("INFO")
    worker = {"use": "always", "idle_seconds": 60}
    _chunk(CHUNKS[1], worker)
    killer = threading.Thread(target=_kill_once_busy, args=(_worker_pid(caplog),))
    killer.start()
    whole_clip = {"index": 1, "start": 0.0, "end": 30.0, "audio_start": 0.0, "audio_end": 30.0}
    work = dict(wav_path=str(media.DEMO_WAV), chunk=whole_clip, speech=SPEECH, options=ASR, batch_size=1)
    with pytest.raises(RetryableFailure, match="died"):
        run_whisper("transcribe_chunk", work, {**ASR, "condition_on_previous_text": True}, 1, worker=worker)
    killer.join()


def test_language_detection_goes_through_the_worker_too(in_workdir, model_cache):
    base = {**ASR, "model": "base"}
    work = dict(wav_path=str(media.DEMO_WAV), speech=SPEECH)
    alone = run_whisper("detect_language", work, base, 2, cache_dir=model_cache, worker={"use": "never"})
    served = run_whisper("detect_language", work, base, 2, cache_dir=model_cache,
                         worker={"use": "always", "idle_seconds": 60})
    assert served == alone and served[0] == "en"


@pytest.mark.workflow
def test_a_run_loads_whisper_once_and_leaves_no_worker_behind(workflow, long_speech):
    audio, text = long_speech
    chunked = {"chunking": "always", "chunk_seconds": 20, "cut_search_seconds": 0, "model": "tiny.en"}
    workflow.run({"input": str(audio), "asr": chunked, "asr_worker": {"use": "always"}})
    logs = workflow.results("long speech") / "logs"
    chunk_logs = [p.read_text(encoding="utf-8") for p in sorted(logs.glob("transcribe_chunk-*.log"))]
    assert len(chunk_logs) >= 3
    assert all("by the run's ASR worker" in t and "loading Whisper" not in t for t in chunk_logs)
    assert (logs / "asr_worker.log").read_text(encoding="utf-8").count("model loaded once") == 1
    pids = {int(re.search(r"ASR worker \(pid (\d+)", t).group(1)) for t in chunk_logs}
    assert len(pids) == 1 and not _alive(pids.pop())  # the run's end stopped it
    assert wer(text, workflow.transcript_text("long speech")) <= 0.10
