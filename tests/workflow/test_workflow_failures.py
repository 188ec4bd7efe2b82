"""Failures in the real workflow: a hung engine is killed by the watchdog and retried."""

import os
import re
import shutil
import time

from cinescribe.asr.models import resolve_model
from support import media


def test_hung_engine_is_killed_retried_and_reported(workflow, tmp_path):
    # A model directory whose model.bin is a FIFO: CTranslate2 blocks for ever opening it, as a hung
    # engine would. Only a watchdog outside the stage can end that.
    hung = tmp_path / "hung-model"
    shutil.copytree(resolve_model("tiny.en"), hung, ignore=shutil.ignore_patterns("model.bin"))
    os.mkfifo(hung / "model.bin")
    config = {"input": str(media.DEMO_WAV), "asr": {"model": str(hung), "language": "en"},
              "failures": {"attempts": 2, "timeouts": {"transcribe_chunk": 3}}}
    start = time.monotonic()
    proc = workflow.run(config, check=False)
    assert time.monotonic() - start < 120
    assert proc.returncode != 0
    # Killed, retried, killed again, and the user told each time (the job's line, and again in the log Snakemake
    # shows after it). Told apart by the killed process, not by line: under load the lines of Snakemake and of a
    # job can run into one another.
    killed = re.findall(r"transcribe_chunk ran past its 3 s time limit and was stopped \(pid (\d+)\)", proc.stderr)
    assert len(set(killed)) == 2
    log = (workflow.results("sample") / "logs" / "transcribe_chunk-0001.log").read_text()
    assert "attempt 2" in log and "time limit" in log
    assert not (workflow.results("sample") / "asr" / "chunk_0001.json").exists()
