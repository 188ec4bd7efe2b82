"""Shared fixtures: a runner for real snakemake in a scratch directory, and synthesized speech."""

import json
import os
import subprocess
import sys
from pathlib import Path

# `make test` runs three workers on two cores: in-process torch and BLAS get one thread each, since a thread
# spinning for a core another worker holds burns the CPU time that worker needs. Workflow runs do not
# inherit this (their stages set their own threads).
THREAD_LIMITS = [name for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS") if name not in os.environ]
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ.update({name: "1" for name in THREAD_LIMITS})

import jiwer  # noqa: E402 - after the thread settings, which numpy reads when it loads
import media  # noqa: E402
import pytest  # noqa: E402
import yaml  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
LOCAL_BIN = REPO / "tools" / "local-bin"
NORMALIZE = jiwer.Compose([jiwer.ToLowerCase(), jiwer.RemovePunctuation(), jiwer.RemoveMultipleSpaces(),
                           jiwer.Strip(), jiwer.ReduceToListOfListOfWords()])


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
        env = {k: v for k, v in os.environ.items() if k not in THREAD_LIMITS}  # as a user would start it
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


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory):
    """One model cache for the whole run, shared by the xdist workers (whose temporary folders are siblings):
    the base model is joined and CAM++ and segmentation-3.0 are exported once, not once per worker. Every
    write into a model cache is atomic, so workers that need a model at the same moment both succeed."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    (shared / "models").mkdir(exist_ok=True)
    return shared / "models"


@pytest.fixture
def workflow(tmp_path, model_cache):
    return Workflow(tmp_path / "work", model_cache)


@pytest.fixture(scope="session")
def long_speech(tmp_path_factory):
    """~70 s of espeak-ng speech in two voices with short pauses, and its known text."""
    folder = tmp_path_factory.mktemp("speech")
    gap = media.silence(folder / "gap.wav", 0.35)
    parts = []
    for i, sentence in enumerate(media.SENTENCES):
        parts.append(media.speak(sentence, folder / f"s{i:02d}.wav", voice=("en-us", "en-gb")[i % 2]))
        parts.append(gap)
    return media.concat(parts, folder / "long speech.wav"), " ".join(media.SENTENCES)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """One headless chromium for the whole run (review page tests)."""
    from browser import Browser

    chrome = Browser(tmp_path_factory.mktemp("downloads"))
    yield chrome
    chrome.quit()


@pytest.fixture(scope="session")
def film_soundtrack(tmp_path_factory):
    """The 10-minute, eight-voice film (tests/film.py) and its reference turns, built once per worker."""
    import film

    return film.build(tmp_path_factory.mktemp("film"))


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory, model_cache):
    """One real run on the demo clip with default settings, shared by the tests that only read its results."""
    workflow = Workflow(tmp_path_factory.mktemp("demo") / "work", model_cache)
    workflow.run({"input": str(media.DEMO_WAV)})
    return workflow


@pytest.fixture(scope="session")
def tiny_demo_run(tmp_path_factory, model_cache):
    """The same with the embedded tiny.en model (English-only, so language detection loads no model)."""
    workflow = Workflow(tmp_path_factory.mktemp("tiny-demo") / "work", model_cache)
    workflow.run({"input": str(media.DEMO_WAV), "asr": {"model": "tiny.en"}})
    return workflow


# `make test` runs the suite on three pytest-xdist workers (two cores: much of a test is waiting on a
# subprocess) with --dist worksteal, which first hands each worker one contiguous third of the collected
# tests; a worker that runs dry later takes the tail of another's queue. So the order below is three lanes
# of about equal time, each a whole file at a time (module fixtures are built once) and its longest files
# first: no long test starts last and leaves one worker running it alone. Seconds per file, measured on 2
# cores (files not listed count 1 s a test); they only steer the order.
FILE_SECONDS = {"test_workflow_inputs.py": 133, "test_workflow_slurm.py": 109, "test_workflow_diarize.py": 79,
                "test_workflow_resume.py": 65, "test_diarize.py": 56, "test_translate.py": 45,
                "test_workflow_hindi.py": 40, "test_workflow_chunks.py": 36, "test_workflow_concurrency.py": 33,
                "test_asr_worker.py": 31, "test_workflow_glossary.py": 28, "test_workflow_disk_full.py": 23,
                "test_workflow_demo.py": 17, "test_translation_model.py": 15, "test_guard.py": 14,
                "test_workflow_failures.py": 14, "test_workflow_review.py": 12, "test_audio.py": 12}


# Files whose tests read the same session fixture (demo_run, tiny_demo_run) go to one lane: one worker
# builds it, not two.
SAME_LANE = ({"test_workflow_slurm.py", "test_workflow_demo.py", "test_workflow_review.py"},)


def lanes_of_equal_time(files, sizes):
    """Whole files (name → items; SAME_LANE sets as one), longest first, each into the lane with the least time
    that still has room for it; one that fits nowhere whole fills the roomiest lanes. Each lane: its longest
    files first."""
    seconds = {name: FILE_SECONDS.get(name, len(tests)) for name, tests in files.items()}
    units = [[name] for name in files if not any(name in group for group in SAME_LANE)]
    units += [sorted((name for name in group if name in files), key=lambda name: -seconds[name])
              for group in SAME_LANE]
    lanes = [{"room": size, "time": 0.0, "units": []} for size in sizes]
    for unit in sorted(filter(None, units), key=lambda unit: -sum(seconds[name] for name in unit)):
        tests = [test for name in unit for test in files[name]]
        per_test = sum(seconds[name] for name in unit) / len(tests)
        while tests:
            fits = [lane for lane in lanes if lane["room"] >= len(tests)] or [max(lanes, key=lambda lane: lane["room"])]
            lane = min(fits, key=lambda lane: lane["time"])
            part, tests = tests[:lane["room"]], tests[lane["room"]:]
            lane["units"].append((per_test * len(part), part))
            lane["room"] -= len(part)
            lane["time"] += per_test * len(part)
    return [test for lane in lanes for _, part in sorted(lane["units"], key=lambda unit: -unit[0]) for test in part]


def pytest_collection_modifyitems(items):
    files = {}
    for item in items:
        files.setdefault(item.path.name, []).append(item)
    workers, left, sizes = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", 1)), len(items), []
    for remaining in range(workers, 0, -1):  # xdist's first split: len(pending) // workers still to serve
        sizes.append(left // remaining)
        left -= sizes[-1]
    items[:] = lanes_of_equal_time(files, sizes)
