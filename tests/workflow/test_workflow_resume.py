"""A run killed with SIGKILL at every stage, resumed each time, ends byte-identical to an uninterrupted run:
no finished chunk recomputed, no temporary file left under results/."""

import os
import signal
import subprocess
import time
from pathlib import Path

CHUNKED = {"chunking": "always", "chunk_seconds": 20, "cut_search_seconds": 5, "model": "tiny.en"}
STAGES = ("extract_audio", "vad", "plan_chunks", "detect_language", "transcribe_chunk", "diarize", "merge",
          "subtitles", "translate")
COMPARED = ("vad.json", "chunks/plan.json", "language.json", "diarization.json", "transcript.json", "songs.json",
            "subtitles/*.*", "subtitles/translations/*.*", "asr/chunk_*.json")


def _scripts(workdir):
    """Job scripts in the run's folder: Snakemake writes `.snakemake/scripts/tmpXXXX.<stage>.py` just before a
    job starts and deletes it when the job ends (a killed run leaves its own behind)."""
    try:
        return set(os.listdir(Path(workdir) / ".snakemake" / "scripts"))
    except FileNotFoundError:
        return set()


def _run_until_a_new_stage_starts(workflow, config, killed, *args):
    """Start snakemake; SIGKILL it with all its jobs as soon as a stage not killed yet is running.
    Returns the stage killed, or None when the run finished first."""
    left_behind = _scripts(workflow.workdir)
    proc = subprocess.Popen(workflow.command(config, "--cores", "2", *args), cwd=workflow.workdir,
                            env=workflow.env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 600
    while proc.poll() is None and time.monotonic() < deadline:
        running = {name.rsplit(".", 2)[-2] for name in _scripts(workflow.workdir) - left_behind if name.endswith(".py")}
        fresh = [stage for stage in STAGES if stage in running and stage not in killed]
        if fresh:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return fresh[0]
        time.sleep(0.01)
    assert proc.wait() == 0, "the resumed run failed"
    return None


def _outputs(results):
    return {str(p.relative_to(results)): p.read_bytes() for pattern in COMPARED for p in results.glob(pattern)}


def test_kill_9_at_every_stage_then_resume_ends_identical(workflow, long_speech):
    audio, _ = long_speech
    config = {"input": str(audio), "asr": CHUNKED, "translation": {"targets": ["pt"]}}
    results = workflow.results("long speech")
    killed, finished_chunks = [], {}
    stage = _run_until_a_new_stage_starts(workflow, config, killed)
    while stage:
        killed.append(stage)
        for chunk in (results / "asr").glob("chunk_*.json"):
            finished_chunks.setdefault(chunk, chunk.stat().st_mtime_ns)
        if len(killed) == 1:
            locked = workflow.run(config, check=False)
            assert locked.returncode != 0 and "locked" in locked.stderr.lower()  # changes nothing
        workflow.run(config, "--unlock")
        stage = _run_until_a_new_stage_starts(workflow, config, killed, "--rerun-incomplete")
    print("killed during:", ", ".join(killed))
    assert sorted(killed) == sorted(STAGES)
    assert finished_chunks and {c: c.stat().st_mtime_ns for c in finished_chunks} == finished_chunks
    assert [p for p in results.rglob("*") if p.name.endswith((".part", ".tmp"))] == []

    fresh = workflow.__class__(workflow.workdir.parent / "uninterrupted", workflow.cache_dir)
    fresh.run(config)
    expected = _outputs(fresh.results("long speech"))
    assert "subtitles/translations/long speech.pt.srt" in expected and "transcript.json" in expected
    assert _outputs(results) == expected
