"""Two snakemake runs at once: on the same results, the second gets Snakemake's lock message and starts no
job; two films in two working directories run side by side, sharing one model cache."""

import subprocess
import time

import pytest

from cinescribe.asr.models import BASE_MODEL_BYTES
from support import media

pytestmark = pytest.mark.workflow

FAST = {"diarization": {"enabled": False}, "review": {"enabled": False}}


def _start(workflow, config):
    return subprocess.Popen(workflow.command(config, "--cores", "1"), cwd=workflow.workdir, env=workflow.env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def test_a_second_run_on_the_same_results_is_locked_out(workflow):
    config = {"input": str(media.DEMO_WAV), "asr": {"model": "tiny.en"}, **FAST}
    first = _start(workflow, config)
    deadline = time.monotonic() + 120
    while not (workflow.results("sample") / "audio.wav").exists():  # the first run is under way
        assert first.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    second = workflow.run(config, check=False)
    _, first_stderr = first.communicate(timeout=600)
    assert second.returncode != 0 and "Directory cannot be locked" in second.stderr
    assert not [line for line in second.stderr.splitlines() if line.startswith(("rule ", "localrule "))]
    assert first.returncode == 0, first_stderr[-3000:]
    assert "New Jersey" in (workflow.results("sample") / "subtitles" / "sample.en.srt").read_text(encoding="utf-8")


def test_two_films_in_two_folders_run_side_by_side_with_one_model_cache(workflow, tmp_path):
    cache = tmp_path / "fresh model cache"  # both runs join the embedded base model into it at the same time
    films = {"left": media.DEMO_WAV, "right": media.read_aloud(tmp_path, media.SENTENCES[:3], "right")}
    runs = {name: workflow.__class__(tmp_path / name, cache) for name in films}
    procs = {name: _start(runs[name], {"input": str(path), "asr": {"model": "base"}, **FAST})
             for name, path in films.items()}
    for name, proc in procs.items():
        _, stderr = proc.communicate(timeout=600)
        assert proc.returncode == 0, f"{name}: {stderr[-3000:]}"
    left = runs["left"].results("sample") / "subtitles" / "sample.en.srt"
    right = runs["right"].results("right") / "subtitles" / "right.en.srt"
    assert "New Jersey" in left.read_text(encoding="utf-8")
    assert "morning train" in right.read_text(encoding="utf-8").replace("\n", " ")
    assert (cache / "whisper-base" / "model.bin").stat().st_size == BASE_MODEL_BYTES
    assert not list(cache.rglob("*.part"))
