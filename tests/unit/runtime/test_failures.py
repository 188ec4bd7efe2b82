"""Retries only where they help, and a watchdog that really ends a hung stage."""

import os
import time
from types import SimpleNamespace

import pytest

from cinescribe.runtime.errors import CinescribeError
from cinescribe.runtime.failures import ReportedFailure, StageTimeout, batch_for_attempt, is_out_of_memory
from cinescribe.runtime.rule_script import run_rule
from cinescribe.runtime.watchdog import run_with_deadline


def test_batch_halves_per_attempt():
    assert [batch_for_attempt(8, a) for a in (1, 2, 3, 4, 5)] == [8, 4, 2, 1, 1]


@pytest.mark.parametrize("error, oom", [
    (RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB"), True),
    (RuntimeError("MPS backend out of memory (MPS allocated: 9 GB)"), True),
    (RuntimeError("CUDA failed with error out of memory"), True),  # CTranslate2
    (MemoryError(), True),
    (RuntimeError("std::bad_alloc"), True),
    (ValueError("Invalid input features shape"), False),
    (FileNotFoundError("model.bin"), False),
])
def test_out_of_memory_is_recognised(error, oom):
    assert is_out_of_memory(error) is oom


def _hang(pid_file):
    with open(pid_file, "w") as fh:
        fh.write(str(os.getpid()))
    while True:  # a fake engine that never returns
        time.sleep(1)


def test_watchdog_kills_a_hung_engine(tmp_path):
    pid_file = tmp_path / "pid"
    start = time.monotonic()
    with pytest.raises(StageTimeout, match="time limit"):
        run_with_deadline(_hang, (pid_file,), 1.5, what="fake engine")
    assert time.monotonic() - start < 10
    pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # the child is gone, not orphaned


def _raise(error):
    raise error


def test_child_errors_come_back_with_their_kind():
    with pytest.raises(CinescribeError, match="bad file"):
        run_with_deadline(_raise, (CinescribeError("bad file"),), 30)
    with pytest.raises(ReportedFailure) as err:
        run_with_deadline(_raise, (RuntimeError("CUDA out of memory"),), 30)
    assert err.value.kind == "oom"
    run_with_deadline(lambda: None, (), 30)  # a stage that works raises nothing


def _fake_snakemake(tmp_path, attempt, timeout=0):
    return SimpleNamespace(log=[str(tmp_path / "stage.log")], rule="transcribe_chunk",
                           resources={"attempt": attempt, "timeout_s": timeout})


def test_out_of_memory_is_retried_but_other_errors_stop_retries(tmp_path, capsys):
    oom = RuntimeError("CUDA out of memory")
    with pytest.raises(SystemExit):
        run_rule(_fake_snakemake(tmp_path, 1), lambda sm: _raise(oom))
    assert not (tmp_path / "stage.log.fatal").exists()
    calls = []
    run_rule(_fake_snakemake(tmp_path, 2), lambda sm: calls.append(sm))  # the retry runs
    assert calls

    with pytest.raises(SystemExit):
        run_rule(_fake_snakemake(tmp_path, 1), lambda sm: _raise(CinescribeError("corrupt file")))
    calls = []
    with pytest.raises(SystemExit):
        run_rule(_fake_snakemake(tmp_path, 2), lambda sm: calls.append(sm))
    assert calls == []  # the retry stops at once with the same sentence
    assert "corrupt file (not retried" in capsys.readouterr().err


def test_a_bug_keeps_its_traceback_and_stops_retries(tmp_path):
    with pytest.raises(SystemExit):
        run_rule(_fake_snakemake(tmp_path, 1), lambda sm: _raise(ValueError("bad shape")))
    assert "Traceback" in (tmp_path / "stage.log").read_text()
    assert (tmp_path / "stage.log.fatal").read_text() == "unexpected failure in transcribe_chunk: bad shape"


def test_out_of_memory_in_the_watched_child_is_retried(tmp_path):
    with pytest.raises(SystemExit):
        run_rule(_fake_snakemake(tmp_path, 1, timeout=30), lambda sm: _raise(RuntimeError("CUDA out of memory")))
    assert "ran out of memory; a retry halves the batch" in (tmp_path / "stage.log").read_text()
    assert not (tmp_path / "stage.log.fatal").exists()


def test_an_empty_fatal_note_from_a_full_disk_still_stops_retries_in_one_sentence(tmp_path, capsys):
    (tmp_path / "stage.log.fatal").write_text("")  # the disk had no room for the sentence itself
    calls = []
    with pytest.raises(SystemExit):
        run_rule(_fake_snakemake(tmp_path, 2), lambda sm: calls.append(sm))
    assert calls == []
    said = capsys.readouterr().err
    assert "not retried" in said and "Traceback" not in said and "IndexError" not in said
    assert "Traceback" not in (tmp_path / "stage.log").read_text()


def test_a_retry_without_a_fatal_note_runs(tmp_path):
    calls = []
    run_rule(_fake_snakemake(tmp_path, 2), lambda sm: calls.append(sm))
    assert calls
