"""Real snakemake on the repository's Snakefile, with results in a test's own folder, and WER as the tests
measure it."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jiwer
import yaml

from support import SET_BY_THE_SUITE

REPO = Path(__file__).resolve().parents[2]
LOCAL_BIN = REPO / "tools" / "local-bin"
NORMALIZE = jiwer.Compose([jiwer.ToLowerCase(), jiwer.RemovePunctuation(), jiwer.RemoveMultipleSpaces(),
                           jiwer.Strip(), jiwer.ReduceToListOfListOfWords()])


PROGRESS_LINE = re.compile(r"cinescribe: film .+: \d+/\d+ chunks, ")


def told(stderr):
    """The sentences cinescribe told the terminal, in order, without the progress lines a chunk's end prints
    (whether one comes before an error depends on which test ran the chunk first)."""
    return [line for line in stderr.splitlines() if line.startswith("cinescribe:") and not PROGRESS_LINE.match(line)]


def wer(reference, hypothesis):
    return jiwer.wer(reference, hypothesis, reference_transform=NORMALIZE, hypothesis_transform=NORMALIZE)


class Workflow:
    """Runs `snakemake` on the repo's Snakefile with results in `workdir` (a test's own folder)."""

    def __init__(self, workdir, cache_dir):
        self.workdir = Path(workdir)
        self.cache_dir = cache_dir
    def command(self, config=None, *args, profile="cpu"):
        """The snakemake command line for `config` (written to an override file in the workdir)."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        config = {"models": {"cache_dir": str(self.cache_dir)}, **(config or {})}
        override = self.workdir / "override.yaml"
        override.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        return [sys.executable, "-m", "snakemake", "-s", str(REPO / "Snakefile"), "-d", str(self.workdir),
                "--profile", str(REPO / "profiles" / profile), "--configfile", str(override), *args]

    @staticmethod
    def env(profile="cpu"):
        """The environment of a run: local runs get tools/local-bin first on PATH, whose scontrol answers
        `show config` at once (the slurm plugin asks at every start and waits ~9 s with no controller)."""
        path = [p for p in os.environ.get("PATH", "").split(os.pathsep) if p and Path(p) != LOCAL_BIN]
        if profile != "slurm":  # a SLURM run needs the real answer (MinJobAge picks its status command)
            path.insert(0, str(LOCAL_BIN))
        env = {k: v for k, v in os.environ.items() if k not in SET_BY_THE_SUITE}  # as a user would start it
        return {**env, "PATH": os.pathsep.join(path)}

    def run(self, config=None, *args, check=True, profile="cpu"):
        cmd = self.command(config, *args, profile=profile)
        if profile == "cpu" and "--cores" not in args:
            cmd += ["--cores", "2"]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=self.workdir, env=self.env(profile))
        if check and proc.returncode != 0:
            raise AssertionError(f"snakemake failed ({proc.returncode}):\n{proc.stderr[-6000:]}")
        return proc

    def results(self, job):
        return self.workdir / "results" / job

    def transcript_text(self, job):
        doc = json.loads((self.results(job) / "transcript.json").read_text(encoding="utf-8"))
        return " ".join(seg["text"] for seg in doc["segments"])

    def words(self, job):
        doc = json.loads((self.results(job) / "transcript.json").read_text(encoding="utf-8"))
        return [w for seg in doc["segments"] for w in seg["words"]]
