"""The demo clip through the real workflow with the embedded base model."""

import json

import pysubs2

from cinescribe.subtitles.lint import lint_file
from cinescribe.subtitles.reading_speed import max_cps_for
from support import media
from support.workflow_runner import wer


def test_demo_clip_gives_accurate_srt_and_vtt(demo_run):
    workflow = demo_run
    subs = workflow.results("sample") / "subtitles"
    srt, vtt = subs / "sample.en.srt", subs / "sample.en.vtt"
    assert srt.read_text(encoding="utf-8").startswith("1\n")
    assert vtt.read_text(encoding="utf-8").startswith("WEBVTT")
    error = wer(media.demo_reference(), workflow.transcript_text("sample"))
    print(f"demo WER (base) = {error:.3f}")
    assert error <= 0.25
    cues = json.loads((subs / "sample.en.json").read_text(encoding="utf-8"))["cues"]
    shares = lint_file(srt, max_cps=max_cps_for("en"))  # done lints at the language's reading speed
    print("lint:", shares)
    for rule in ("line length", "line count", "min duration", "max duration"):
        assert shares[rule] == 1.0, rule
    assert len(pysubs2.load(str(subs / "sample.en.ass"))) == len(cues)
    assert (subs / "sample.en.tsv").read_text(encoding="utf-8").startswith("start\tend\tspeaker\ttext\n")
    starts = [cue["start"] for cue in cues]
    assert starts == sorted(starts) and starts[0] >= 6.0  # speech starts at 6.7 s in the clip
    done = json.loads((workflow.results("sample") / "done.json").read_text())
    assert str(srt) in done["subtitles"]
    assert done["lint"][str(srt)] == shares  # the report row carries the same shares as the lint entry point
    assert done["language"]["source"] == "en" and done["language"]["probability"] > 0.9
    assert done["speech_coverage"] > 0.8 and done["warnings"] == []  # understood: nothing to warn about


def test_every_rule_leaves_a_log_and_a_benchmark(tiny_demo_run):
    workflow = tiny_demo_run
    logs = {p.name for p in (workflow.results("sample") / "logs").iterdir()}
    benchmarks = {p.name for p in (workflow.results("sample") / "benchmarks").iterdir()}
    for rule in ("extract_audio", "vad", "plan_chunks", "prompts", "detect_language", "transcribe_chunk-0001",
                 "diarize", "songs", "merge", "subtitles-en"):
        assert f"{rule}.log" in logs and f"{rule}.tsv" in benchmarks
    asr_log = (workflow.results("sample") / "logs" / "transcribe_chunk-0001.log").read_text()
    assert "chunk 1/1: 100%" in asr_log


def test_the_demo_s_quick_hello_hello_is_two_voices_in_the_subtitles(demo_run):
    """'Hello?' / 'Hello?' / 'Oh, hello.' (three turns of two people in 2 s) comes out as a dash pair, and the
    third turn goes back to the first voice; before quick turns it was one cue of one speaker."""
    words = demo_run.words("sample")
    turns = sorted(tuple(map(float, row.split()[3:5])) + (row.split()[7],)
                   for row in media.DEMO_RTTM.read_text().splitlines() if row.strip())[:3]
    heard = []
    for start, duration, _ in turns:
        inside = [w["speaker"] for w in words if start - 0.3 <= (w["start"] + w["end"]) / 2 <= start + duration]
        heard.append(max(set(inside), key=inside.count))
    assert heard[0] != heard[1] and heard[2] == heard[0]
    cues = json.loads((demo_run.results("sample") / "subtitles" / "sample.en.json").read_text())["cues"]
    assert cues[0]["lines"][0].startswith("- ") and cues[0]["lines"][1].startswith("- ")
