"""The workflow on a real one-node SLURM cluster (Debian's slurmctld/slurmd/munge) with profiles/slurm."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from support import media

TOOLS = Path(__file__).resolve().parents[2] / "tools" / "slurm"
LOCAL_BIN = TOOLS.parent / "local-bin"


@pytest.fixture(scope="module")
def slurm_cluster(tmp_path_factory):
    if shutil.which("apt-get") is None and shutil.which("slurmctld") is None:
        pytest.skip("needs Debian's SLURM packages (apt-get) to start a cluster")
    run_dir = tmp_path_factory.mktemp("slurm")
    started = subprocess.run([str(TOOLS / "start-cluster.sh"), str(run_dir)], capture_output=True, text=True)
    assert started.returncode == 0, started.stderr
    pids = [int(line) for line in started.stdout.split()]
    assert len(pids) == 3
    yield pids
    subprocess.run([str(TOOLS / "stop-cluster.sh"), str(run_dir)], check=True)
    for pid in pids:
        assert not Path(f"/proc/{pid}").exists(), f"daemon {pid} still running"


def test_workflow_runs_through_slurm_and_matches_the_local_run(slurm_cluster, workflow, tiny_demo_run):
    config = {"input": str(media.DEMO_WAV), "asr": {"model": "tiny.en"}}
    before = set(subprocess.run(["squeue", "-h", "-t", "all", "-o", "%i"], capture_output=True, text=True,
                                check=True).stdout.split())
    proc = workflow.run(config, "--seconds-between-status-checks", "1", profile="slurm")  # not 10 s per stage
    assert "has been submitted with SLURM jobid" in proc.stderr
    jobs = subprocess.run(["squeue", "-h", "-t", "all", "-o", "%i|%k|%T|%b"], capture_output=True, text=True,
                          check=True).stdout.splitlines()
    ours = {line.split("|")[1].split("_wildcards")[0]: line for line in jobs if line.split("|")[0] not in before}
    print("\n".join(ours.values()))
    for rule in ("rule_extract_audio", "rule_vad", "rule_detect_language", "rule_plan_chunks",
                 "rule_transcribe_chunk", "rule_merge", "rule_subtitles"):
        assert rule in ours and ours[rule].split("|")[2] == "COMPLETED"
    assert ours["rule_transcribe_chunk"].endswith("gpu:1")  # the GPU rule asked for the (fake) GPU

    local = tiny_demo_run  # the same config, run locally
    name = "subtitles/sample.en.srt"
    assert (workflow.results("sample") / name).read_bytes() == (local.results("sample") / name).read_bytes()


def test_run_ends_where_neither_sacct_nor_scontrol_show_config_answers(slurm_cluster, workflow):
    """This cluster keeps no job accounting (sacct: "Slurm accounting storage is disabled"), and with
    tools/local-bin first on PATH `scontrol show config` fails: the slurm plugin then swapped the profile's squeue
    for sacct, lost each job when sacct failed, and waited for it forever (cinescribe/workflow/slurm_status.py)."""
    assert subprocess.run(["sacct", "-X", "-n"], capture_output=True).returncode != 0
    config = {"input": str(media.DEMO_WAV), "asr": {"model": "tiny.en"}}
    cmd = workflow.command(config, "--seconds-between-status-checks", "1", "results/sample/audio.wav",
                           profile="slurm")
    env = workflow.env("slurm")
    env["PATH"] = f"{LOCAL_BIN}{os.pathsep}{env['PATH']}"
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=workflow.workdir, env=env, timeout=180)
    assert proc.returncode == 0, proc.stderr[-6000:]
    assert "has been submitted with SLURM jobid" in proc.stderr
    assert "Falling back to 'sacct'" not in proc.stderr
    assert (workflow.results("sample") / "audio.wav").stat().st_size > 0
