"""A run killed with SIGKILL in the middle of ASR resumes without redoing finished chunks."""

import json
import os
import signal
import subprocess
import time

CHUNKED = {"chunking": "always", "chunk_seconds": 20, "cut_search_seconds": 5, "model": "tiny.en"}


def test_kill_9_mid_asr_then_unlock_and_rerun_incomplete(workflow, long_speech):
    audio, _ = long_speech
    config = {"input": str(audio), "asr": CHUNKED}
    asr = workflow.results("long speech") / "asr"
    killed = subprocess.Popen(workflow.command(config, "--cores", "1"), cwd=workflow.workdir, env=workflow.env(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    while not list(asr.glob("chunk_*.json")):
        assert killed.poll() is None and time.monotonic() < deadline, "the run ended before any chunk"
        time.sleep(0.05)
    os.killpg(killed.pid, signal.SIGKILL)  # snakemake and every job it started, mid-ASR
    killed.wait()
    finished = {p: p.stat().st_mtime_ns for p in asr.glob("chunk_*.json")}
    plan = json.loads((workflow.results("long speech") / "chunks" / "plan.json").read_text())
    assert 1 <= len(finished) < len(plan["chunks"])

    locked = workflow.run(config, check=False)
    assert locked.returncode != 0 and "locked" in locked.stderr.lower()
    workflow.run(config, "--unlock")
    resumed = workflow.run(config, "--rerun-incomplete")
    assert {p: p.stat().st_mtime_ns for p in finished} == finished  # not recomputed
    redone = resumed.stderr.count("localrule transcribe_chunk:")
    assert redone == len(plan["chunks"]) - len(finished)

    fresh = workflow.__class__(workflow.workdir.parent / "uninterrupted", workflow.cache_dir)
    fresh.run(config)
    name = "subtitles/long speech.en.srt"
    assert (workflow.results("long speech") / name).read_bytes() == (fresh.results("long speech") / name).read_bytes()
