"""Benchmark: the workflow against bare faster-whisper on the same mixed file, model and threads.

Prints ratios (not pass/fail): wall time workflow / bare BatchedInferencePipeline, WER of the workflow,
bare batched and bare sequential against the known text, and the peak RSS of the biggest workflow job
for a short and a three-times-longer film (should be equal within 10 %: memory must not grow with length).
Usage: python bench/vs_bare_faster_whisper.py [--model base] [--minutes 10] [--long-minutes 30]
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import jiwer

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import mixed_film  # noqa: E402

NORMALIZE = jiwer.Compose([jiwer.ToLowerCase(), jiwer.RemovePunctuation(), jiwer.RemoveMultipleSpaces(),
                           jiwer.Strip(), jiwer.ReduceToListOfListOfWords()])

BARE = r"""
import json, sys, time
from faster_whisper import WhisperModel, BatchedInferencePipeline
from cinescribe.models import resolve_model
mode, model_name, wav, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
t = time.perf_counter()
model = WhisperModel(resolve_model(model_name), device="cpu", compute_type="int8", cpu_threads=threads)
if mode == "batched":
    segments, _ = BatchedInferencePipeline(model).transcribe(wav, batch_size=8, beam_size=5, word_timestamps=True)
else:
    segments, _ = model.transcribe(wav, vad_filter=True, beam_size=5, word_timestamps=True)
text = " ".join(s.text.strip() for s in segments)
print(json.dumps({"seconds": time.perf_counter() - t, "text": text}))
"""


def wer(ref, hyp):
    return jiwer.wer(ref, hyp, reference_transform=NORMALIZE, hypothesis_transform=NORMALIZE)


def run_workflow(wav, workdir, model, threads, asr_threads, diarization=False):
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    (workdir / "bench.yaml").write_text(json.dumps({"input": str(wav), "asr": {"model": model, "threads": asr_threads},
                                                         "diarization": {"enabled": diarization}}))
    cmd = [sys.executable, "-m", "snakemake", "-s", str(REPO / "Snakefile"), "-d", str(workdir), "--cores",
           str(threads), "--configfile", str(workdir / "bench.yaml"), "--quiet", "all"]
    # tools/local-bin first: no ~9 s wait in the slurm plugin where a SLURM client has no controller
    env = {**os.environ, "PATH": f"{REPO / 'tools' / 'local-bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    seconds = time.perf_counter() - start
    job = workdir / "results" / wav.stem
    doc = json.loads((job / "transcript.json").read_text())
    peak = {}
    for tsv in (job / "benchmarks").glob("*.tsv"):
        row = next(csv.DictReader(tsv.open(), delimiter="\t"))
        peak[tsv.stem] = float(row["max_rss"])
    return seconds, " ".join(s["text"] for s in doc["segments"]), peak


def run_bare(mode, wav, model, threads):
    out = subprocess.run([sys.executable, "-c", BARE, mode, model, str(wav), str(threads)],
                         check=True, capture_output=True, text=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return result["seconds"], result["text"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="base")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--long-minutes", type=float, default=30)
    parser.add_argument("--threads", type=int, default=2, help="cores for the workflow, threads for bare runs")
    parser.add_argument("--asr-threads", type=int, default=1, help="threads per workflow ASR job")
    parser.add_argument("--out", default=str(REPO / "bench" / "out"))
    parser.add_argument("--diarization", action="store_true",
                        help="keep diarization on in the workflow (off by default: bare faster-whisper has none)")
    args = parser.parse_args()
    out = Path(args.out)
    wav, text = mixed_film.build(out / "media", args.minutes)
    duration = mixed_film.media.read_wav(wav).shape[0] / 16000
    print(f"file: {wav.name}, {duration / 60:.1f} min, model {args.model}, {args.threads} cores "
          f"(workflow ASR jobs of {args.asr_threads} thread(s); bare runs {args.threads} threads)", flush=True)

    # warm the model cache (base is joined on first use) so no run pays for it
    run_bare("batched", mixed_film.media.DEMO_WAV, args.model, args.threads)
    wf_s, wf_text, wf_peak = run_workflow(wav, out / "work", args.model, args.threads, args.asr_threads,
                                           args.diarization)
    batched_s, batched_text = run_bare("batched", wav, args.model, args.threads)
    seq_s, seq_text = run_bare("sequential", wav, args.model, args.threads)
    print(f"wall  workflow {wf_s:7.1f} s | bare batched {batched_s:7.1f} s | bare sequential {seq_s:7.1f} s")
    print(f"ratio workflow / bare batched = {wf_s / batched_s:.3f} (target <= 1.05); "
          f"bare sequential / bare batched = {seq_s / batched_s:.2f}")
    print(f"WER   workflow {wer(text, wf_text):.3f} | bare batched {wer(text, batched_text):.3f} | "
          f"bare sequential {wer(text, seq_text):.3f}")
    biggest = max(wf_peak, key=wf_peak.get)
    print(f"peak RSS {args.minutes:g} min: {wf_peak[biggest]:.0f} MB ({biggest})", flush=True)

    if args.long_minutes:
        long_wav, long_text = mixed_film.build(out / "media", args.long_minutes)
        long_s, long_wf_text, long_peak = run_workflow(long_wav, out / "work_long", args.model, args.threads,
                                                       args.asr_threads, args.diarization)
        long_bare_s, long_bare_text = run_bare("batched", long_wav, args.model, args.threads)
        long_biggest = max(long_peak, key=long_peak.get)
        print(f"{args.long_minutes:g} min: workflow {long_s:.1f} s, bare batched {long_bare_s:.1f} s, "
              f"ratio {long_s / long_bare_s:.3f}; WER workflow {wer(long_text, long_wf_text):.3f}, "
              f"bare batched {wer(long_text, long_bare_text):.3f}")
        print(f"peak RSS {args.long_minutes:g} min: {long_peak[long_biggest]:.0f} MB ({long_biggest}); "
              f"ratio long/short = {long_peak[long_biggest] / wf_peak[biggest]:.3f} (target within 1.10)")


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "2")
    main()
