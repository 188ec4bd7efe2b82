"""A results folder on a disk that fills up during the run: one sentence, nothing half-written, and the run
resumes once space is freed. The disk is a small tmpfs mounted over results/ (needs root, as the SLURM test)."""

import json
import subprocess

import pytest

pytestmark = pytest.mark.workflow

CONFIG = {"asr": {"model": "tiny.en"}, "diarization": {"enabled": False}}


@pytest.fixture
def small_disk(workflow):
    """Mount a tmpfs over the run's results/ folder; its size is set by the test (remount)."""
    results = workflow.workdir / "results"
    results.mkdir(parents=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(results)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.decode().strip()}")

    def resize(kib):
        subprocess.run(["mount", "-o", f"remount,size={kib}k", str(results)], check=True)

    yield resize
    subprocess.run(["umount", "-l", str(results)], check=True)


@pytest.mark.parametrize("room_kib", [-600, 40], ids=["while extracting audio", "after ASR"])
def test_a_full_disk_is_one_sentence_and_the_run_resumes_when_freed(workflow, long_speech, small_disk, room_kib):
    audio, _ = long_speech
    config = {"input": str(audio), **CONFIG}
    small_disk(audio.stat().st_size // 1024 + room_kib)  # the 16 kHz copy of the film is about the file's size
    proc = workflow.run(config, check=False)
    assert proc.returncode != 0
    said = [line for line in proc.stderr.splitlines() if "cinescribe: no space left on the disk" in line]
    assert said and "--rerun-incomplete" in said[0], proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    results = workflow.results("long speech")
    assert not [p for p in results.rglob("*") if p.name.endswith(".part")]
    for doc in results.rglob("*.json"):  # whatever was written is whole
        json.loads(doc.read_text(encoding="utf-8"))

    small_disk(64 * 1024)  # space freed
    workflow.run(config, "--rerun-incomplete")
    srt = results / "subtitles" / "long speech.en.srt"
    assert "market" in srt.read_text(encoding="utf-8")
    assert json.loads((results / "done.json").read_text(encoding="utf-8"))["subtitles"]
