"""Benchmark: Whisper loaded once per run (the ASR worker) against once per chunk job, beside bare faster-whisper.

On a GPU the per-chunk load is what the worker removes (large-v3 loads in seconds; a chunk decodes in
seconds too). Prints, for each mode: wall, RTF, WER, the chunk jobs' summed time, and the model-load share
of it (per job: from "loading Whisper" to the next log line; with the worker: its one load). On a CPU, chunks
take turns here in both modes (asr.threads = all cores), so the comparison is the same as on one GPU.

    .venv/bin/python bench/asr_worker.py [--minutes 10] [--chunk-seconds 120]          # cpu, base
    .venv/bin/python bench/asr_worker.py --profile cuda --model large-v3 --minutes 30    # one GPU
"""

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import mixed_film  # noqa: E402
from vs_bare_faster_whisper import run_bare, wer  # noqa: E402

STAMP = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) ")


def _stamp(line):
    match = STAMP.match(line)
    return datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S,%f") if match else None


def load_seconds(log_text):
    """Seconds from 'loading Whisper' to the log line after it: one job's model load."""
    lines = [line for line in log_text.splitlines() if _stamp(line)]
    for i, line in enumerate(lines[:-1]):
        if "loading Whisper" in line:
            return (_stamp(lines[i + 1]) - _stamp(line)).total_seconds()
    return 0.0


def run(wav, workdir, args, worker):
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    config = {"input": str(wav), "diarization": {"enabled": False}, "asr_worker": {"use": worker},
              "asr": {"model": args.model, "chunking": "always", "chunk_seconds": args.chunk_seconds}}
    if args.profile == "cpu":
        config["asr"]["threads"] = args.threads  # chunks take turns, as on one GPU
    (workdir / "bench.yaml").write_text(json.dumps(config))
    cmd = [sys.executable, "-m", "snakemake", "-s", str(REPO / "Snakefile"), "-d", str(workdir), "--profile",
           str(REPO / "profiles" / args.profile), "--cores", str(args.threads), "--configfile",
           str(workdir / "bench.yaml"), "--quiet", "all"]
    env = {**os.environ, "PATH": f"{REPO / 'tools' / 'local-bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - start
    job = workdir / "results" / wav.stem
    chunk_s = sum(float(next(csv.DictReader(tsv.open(), delimiter="\t"))["s"])
                  for tsv in (job / "benchmarks").glob("transcribe_chunk-*.tsv"))
    logs = [p.read_text(encoding="utf-8") for p in (job / "logs").glob("transcribe_chunk-*.log")]
    if worker == "always":
        worker_log = (job / "logs" / "asr_worker.log").read_text(encoding="utf-8")
        loads = [float(x) for x in re.findall(r"model loaded once for the run in ([\d.]+) s", worker_log)]
    else:
        loads = [load_seconds(text) for text in logs]
    text = " ".join(s["text"] for s in json.loads((job / "transcript.json").read_text())["segments"])
    return wall, text, chunk_s, len(logs), loads


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="base")
    parser.add_argument("--profile", default="cpu", help="cpu, or cuda on a GPU machine")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--chunk-seconds", type=float, default=120)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--out", default=str(REPO / "bench" / "out"))
    args = parser.parse_args()
    out = Path(args.out)
    device, compute_type = ("cuda", "float16") if args.profile == "cuda" else ("cpu", "int8")
    run_bare("batched", mixed_film.media.DEMO_WAV, args.model, args.threads, device, compute_type)  # warm caches
    wav, text = mixed_film.build(out / "media", args.minutes)
    seconds = mixed_film.media.read_wav(wav).shape[0] / 16000
    bare_s, bare_text, *_ = run_bare("batched", wav, args.model, args.threads, device, compute_type)
    print(f"\n{args.minutes:g}-minute film, {args.model} on {device} ({args.profile} profile), "
          f"chunks of ~{args.chunk_seconds:g} s, {args.threads} cores:")
    print(f"  {'bare batched':28s} {bare_s:7.1f} s  RTF {bare_s / seconds:.4f}  WER {wer(text, bare_text):.3f}")
    for worker in ("never", "always"):
        wall, wf_text, chunk_s, chunks, loads = run(wav, out / f"worker-{worker}", args, worker)
        label = "workflow, model per chunk" if worker == "never" else "workflow, one ASR worker"
        print(f"  {label:28s} {wall:7.1f} s  RTF {wall / seconds:.4f}  WER {wer(text, wf_text):.3f}  "
              f"ratio {wall / bare_s:.3f}; {chunks} chunk jobs {chunk_s:.1f} s, {len(loads)} model loads "
              f"{sum(loads):.1f} s ({sum(loads) / max(chunk_s, 1e-9):.1%} of the chunk jobs)", flush=True)


if __name__ == "__main__":
    main()
