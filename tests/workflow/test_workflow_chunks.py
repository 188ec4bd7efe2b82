"""A film longer than several chunks: seams inside speech lose and double no word; reruns resume."""

import json

import jiwer
import pytest

from support.workflow_runner import NORMALIZE, Workflow, wer

CHUNKED = {"chunking": "always", "chunk_seconds": 20, "cut_search_seconds": 0, "model": "tiny.en"}


def _seam_errors(text, chunked_words, seams, radius=3.0):
    """Words lost or doubled near a seam: the chunked run aligned against the text that was synthesized (a
    second ASR run is no truth: a word it missed would count as doubled)."""
    heard = [(NORMALIZE(w["word"])[0][0], w["start"]) for w in chunked_words if NORMALIZE(w["word"])[0]]
    out = jiwer.process_words(" ".join(NORMALIZE(text)[0]), " ".join(word for word, _ in heard))
    errors = []
    for step in out.alignments[0]:
        if step.type == "delete":  # a lost word has no time: it sat where the next heard word starts
            times = [heard[min(step.hyp_start_idx, len(heard) - 1)][1]]
        elif step.type == "insert":
            times = [heard[i][1] for i in range(step.hyp_start_idx, step.hyp_end_idx)]
        else:
            continue
        errors += [(step.type, t) for t in times if any(abs(t - s) <= radius for s in seams)]
    return errors


@pytest.fixture(scope="module")
def chunked(tmp_path_factory, model_cache, long_speech):
    """One chunked run of the long speech for both tests (the rerun test restores the chunk it deletes)."""
    workflow = Workflow(tmp_path_factory.mktemp("chunked") / "work", model_cache)
    workflow.run({"input": str(long_speech[0]), "asr": CHUNKED})
    return workflow


def test_seams_inside_speech_lose_and_double_nothing(chunked, long_speech):
    workflow, (audio, text) = chunked, long_speech
    plan = json.loads((workflow.results("long speech") / "chunks" / "plan.json").read_text())["chunks"]
    assert len(plan) >= 3
    assert any(c["audio_end"] > c["end"] for c in plan)  # cuts fell inside speech, so chunks overlap
    chunked_words = workflow.words("long speech")
    chunked_error = wer(text, workflow.transcript_text("long speech"))

    whole = workflow.__class__(workflow.workdir.parent / "whole", workflow.cache_dir)
    whole.run({"input": str(audio), "asr": {**CHUNKED, "chunking": "never"}})
    whole_error = wer(text, whole.transcript_text("long speech"))
    print(f"WER chunked={chunked_error:.3f} one-chunk={whole_error:.3f} chunks={len(plan)}")

    assert chunked_error <= 0.10
    # A window that starts mid-sentence costs tiny.en a few words more when it decodes with timestamps (0.087
    # against 0.064 text-only and 0.041 whole): the price of asr.segment_timestamps, which keeps whole lines
    # on film audio; cuts inside speech are the exception (a cut goes in a pause when one is within reach).
    assert chunked_error <= whole_error + 0.05
    seams = [c["start"] for c in plan[1:]]
    assert _seam_errors(text, chunked_words, seams) == []


def test_rerun_does_nothing_and_a_lost_chunk_reruns_alone(chunked, long_speech):
    workflow, config = chunked, {"input": str(long_speech[0]), "asr": CHUNKED}
    asr_dir = workflow.results("long speech") / "asr"
    chunks = sorted(asr_dir.glob("chunk_*.json"))
    srt = next((workflow.results("long speech") / "subtitles").glob("*.srt"))
    before = {p: p.stat().st_mtime_ns for p in chunks + [srt]}
    srt_text = srt.read_text(encoding="utf-8")

    again = workflow.run(config)
    assert "Nothing to be done" in again.stderr
    assert {p: p.stat().st_mtime_ns for p in before} == before

    chunks[1].unlink()
    rerun = workflow.run(config)
    ran = [line.split()[-1].rstrip(":") for line in rerun.stderr.splitlines() if line.startswith(("rule ", "localrule "))]
    assert sorted(ran) == sorted(["transcribe_chunk", "merge", "subtitles", "done", "review", "report_tables", "all"])
    assert chunks[1].exists()
    assert all(p.stat().st_mtime_ns == before[p] for p in chunks if p != chunks[1])
    assert srt.read_text(encoding="utf-8") == srt_text
