"""Benchmark: what speakers cost. The same workflow with diarization on and off, on films of two lengths.

Prints both walls and their ratio (target ≤ 1.25 on 2 cores), the diarize job's own time and RTF, and its
peak RSS at each length (target: the longer film within 10 % of the shorter; memory must not grow with length).
Runs alternate off/on `--repeats` times and the medians are compared: one run on a shared machine can be
10 s off either way.

    .venv/bin/python bench/diarization_cost.py [--minutes 10 30] [--model base] [--repeats 3]
"""

import argparse
import csv
import os
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import mixed_film  # noqa: E402
from vs_bare_faster_whisper import run_bare, run_workflow  # noqa: E402


def diarize_job(workdir, wav):
    """The diarize job's own wall seconds and peak RSS (MB), from its Snakemake benchmark file."""
    row = next(csv.DictReader((workdir / "results" / wav.stem / "benchmarks" / "diarize.tsv").open(), delimiter="\t"))
    return float(row["s"]), float(row["max_rss"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, nargs="+", default=[10, 30])
    parser.add_argument("--model", default="base")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", default=str(REPO / "bench" / "out" / "diarization"))
    args = parser.parse_args()
    out = Path(args.out)
    run_bare("batched", mixed_film.media.DEMO_WAV, args.model, args.threads)  # join/warm the model once
    peaks = []
    for minutes in args.minutes:
        wav, _ = mixed_film.build(out / "media", minutes)
        walls = {False: [], True: []}
        for _ in range(args.repeats):
            for diarization in (False, True):
                folder = out / f"{'on' if diarization else 'off'}-{minutes:g}"
                walls[diarization].append(run_workflow(wav, folder, args.model, args.threads, 1, diarization)[0])
        off_s, on_s = statistics.median(walls[False]), statistics.median(walls[True])
        job_s, job_rss = diarize_job(out / f"on-{minutes:g}", wav)
        peaks.append(job_rss)
        runs = f"off {[round(s, 1) for s in walls[False]]}, on {[round(s, 1) for s in walls[True]]}"
        print(f"{minutes:g} min, {args.threads} cores, {args.model}: workflow diarization off {off_s:.1f} s | on "
              f"{on_s:.1f} s (medians; {runs}) | ratio on/off {on_s / off_s:.3f} (target <= 1.25) | diarize job "
              f"{job_s:.1f} s (RTF {job_s / (minutes * 60):.4f}), peak RSS {job_rss:.0f} MB", flush=True)
    if len(peaks) > 1:
        print(f"diarize peak RSS {args.minutes[-1]:g} min / {args.minutes[0]:g} min = {peaks[-1] / peaks[0]:.3f} "
              "(target within 1.10)")


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "2")
    main()
