"""Atomic writes: a killed writer leaves no output that looks complete, and its temporary file is removed by
the next writer of that output (or the job's done step) — never one a live writer is still filling."""

import signal
import subprocess
import sys

import pytest

from cinescribe.runtime.atomic import atomic_path, remove_stale_parts, write_text

SLOW_WRITER = """
import sys, time
from cinescribe.runtime.atomic import atomic_path
with atomic_path(sys.argv[1]) as tmp:
    tmp.write_text("half")
    print("writing", flush=True)
    time.sleep(60)
"""


def _writer(path):
    proc = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "writing\n"
    return proc


@pytest.mark.parametrize("name", ["transcript.json", "film [director's cut].en.srt"])
def test_a_killed_writers_temporary_file_goes_with_the_next_write(tmp_path, name):
    out = tmp_path / "results" / name
    writer = _writer(out)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    left = list(out.parent.iterdir())
    assert not out.exists() and len(left) == 1 and left[0].name.endswith(".part")
    write_text(out, "whole")
    assert [p.name for p in out.parent.iterdir()] == [name] and out.read_text() == "whole"


def test_a_live_writers_temporary_file_is_left_alone(tmp_path):
    out = tmp_path / "models" / "model.bin"
    writer = _writer(out)
    try:
        assert remove_stale_parts(tmp_path) == []
        write_text(tmp_path / "models" / "config.json", "{}")  # a neighbour's write touches nothing else
        assert len(list(out.parent.glob(".model.bin~*.part"))) == 1
    finally:
        writer.kill()
        writer.wait()
    removed = remove_stale_parts(tmp_path)  # what the done step does for the whole results folder
    assert len(removed) == 1 and not list(out.parent.glob("*.part"))


def test_a_failed_block_leaves_neither_output_nor_temporary_file(tmp_path):
    out = tmp_path / "subtitles.srt"
    out.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_path(out) as tmp:
            tmp.write_text("new, half")
            raise RuntimeError("disk trouble")
    assert out.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["subtitles.srt"]
