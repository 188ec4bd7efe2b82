"""Benchmark: the workflow against bare faster-whisper on the same films, model and cores.

Two kinds of film: `mixed` (read-aloud dialogue, reading, music blocks and long silences) and `film-like` (the
held-out film of tests/support/film_like.py: music beds, rooms, level swings, whispers, shouts, overlaps, SFX
and music scenes). For each film (10 and 30 minutes by default; `--long`: 150 minutes) prints wall time and RTF
of bare `BatchedInferencePipeline` (batch 8, all cores as threads, word timestamps; text-only decoding as its
default, and with timestamps as the workflow decodes), and of
the workflow with diarization off and with default settings (diarization on), each as a ratio to bare batched and
to bare with timestamps; WER of each against the
known text (and of bare sequential with `--sequential`, the default for short films); peak RSS of bare and of the
workflow's biggest job; on film-like films, speech left without a cue and unflagged, and cues over music or SFX
scenes. Every wall is the whole command as a user runs it (process start, imports, model load); beside it the
CPU seconds of all its processes, and the workflow's CPU as a ratio to bare's (steadier than walls where other
work shares the machine). Figures are ratios printed in one run, not pass/fail; targets are printed beside them.

    .venv/bin/python bench/vs_bare_faster_whisper.py [--films mixed film-like] [--minutes 10 30] [--model base]
    .venv/bin/python bench/vs_bare_faster_whisper.py --long        # make bench-long: a 2.5-hour film
"""

import argparse
import csv
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import jiwer
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "tests"))
import mixed_film  # noqa: E402

from support import film_like  # noqa: E402

NORMALIZE = jiwer.Compose([jiwer.ToLowerCase(), jiwer.RemovePunctuation(), jiwer.RemoveMultipleSpaces(),
                           jiwer.Strip(), jiwer.ReduceToListOfListOfWords()])
# ratio targets (workflow / bare batched) from the speed issue, by film length and diarization
TARGETS = {("mixed", 10, False): 1.10, ("mixed", 30, False): 1.03, ("mixed", 30, True): 1.25,
           ("film-like", 30, False): 1.05, ("film-like", 30, True): 1.25}
STRETCH_S = 3.0  # speech this long with no cue over it must be flagged (done.json's speech without subtitles)

BARE = r"""
import json, sys
from faster_whisper import WhisperModel, BatchedInferencePipeline
from cinescribe.asr.models import resolve_model
mode, model_name, wav, threads, device, compute_type = sys.argv[1:5] + (sys.argv[5:] or ["cpu", "int8"])
model = WhisperModel(resolve_model(model_name), device=device, compute_type=compute_type, cpu_threads=int(threads))
if mode.startswith("batched"):  # batched-ts: decoding with timestamps, as the workflow does
    segments, _ = BatchedInferencePipeline(model).transcribe(wav, batch_size=8,
                                                             beam_size=5, word_timestamps=True,
                                                             without_timestamps=not mode.startswith("batched-ts"))
else:
    segments, _ = model.transcribe(wav, vad_filter=True, beam_size=5, word_timestamps=True)
print(json.dumps({"text": " ".join(s.text.strip() for s in segments)}))
"""


def wer(ref, hyp):
    return jiwer.wer(ref, hyp, reference_transform=NORMALIZE, hypothesis_transform=NORMALIZE)


def nested(pairs):
    """`asr.repair.enabled=false` … → a config dict to merge over the workflow's defaults."""
    config = {}
    for pair in pairs:
        key, value = pair.split("=", 1)
        *parents, leaf = key.split(".")
        node = config
        for name in parents:
            node = node.setdefault(name, {})
        node[leaf] = yaml.safe_load(value)
    return config


def merged(base, extra):
    return {k: merged(base.get(k, {}), v) if isinstance(v, dict) else v for k, v in extra.items()} | {
        k: v for k, v in base.items() if k not in extra}


def run_workflow(wav, workdir, model, threads, asr_threads, diarization=False, overrides=None):
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    config = {"input": str(wav), "asr": {"model": model, "threads": asr_threads}, "diarization": {"enabled": diarization}}
    (workdir / "bench.yaml").write_text(json.dumps(merged(config, overrides or {})))
    cmd = [sys.executable, "-m", "snakemake", "-s", str(REPO / "Snakefile"), "-d", str(workdir), "--cores",
           str(threads), "--configfile", str(workdir / "bench.yaml"), "--quiet", "all"]
    # tools/local-bin first: no ~9 s wait in the slurm plugin where a SLURM client has no controller
    env = {**os.environ, "PATH": f"{REPO / 'tools' / 'local-bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    start, cpu = time.perf_counter(), children_cpu()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    seconds, cpu = time.perf_counter() - start, children_cpu() - cpu
    job = workdir / "results" / wav.stem
    doc = json.loads((job / "transcript.json").read_text())
    jobs = {tsv.stem: next(csv.DictReader(tsv.open(), delimiter="\t")) for tsv in (job / "benchmarks").glob("*.tsv")}
    peak = {name: float(row["max_rss"]) for name, row in jobs.items()}
    return seconds, " ".join(s["text"] for s in doc["segments"]), peak, cpu, where_time_went(job, jobs)


def where_time_went(job, jobs):
    """Seconds of job wall per rule (`jobs`: each job's Snakemake benchmark row), and of the chunk jobs' the repair
    pass's (from each chunk log's first-pass end to its last repaired stretch): where the workflow spends what bare
    does not."""
    per_rule = {}
    for name, row in jobs.items():
        rule = name.split("-")[0]
        per_rule[rule] = per_rule.get(rule, 0.0) + float(row["s"])
    repair = 0.0
    for log in (job / "logs").glob("transcribe_chunk-*.log"):
        stamps = [(line[:23], line) for line in log.read_text(errors="replace").splitlines() if " INFO " in line]
        first_pass_end = next((t for t, line in stamps if "% — " in line and "windows" in line), None)
        repaired = [t for t, line in stamps if " had " in line and " decoded " in line]
        if first_pass_end and repaired:
            repair += (_clock(repaired[-1]) - _clock(first_pass_end))
    ranked = sorted(per_rule.items(), key=lambda kv: -kv[1])
    return ", ".join(f"{rule} {seconds:.1f}" for rule, seconds in ranked if seconds >= 0.5) + \
        f" (of transcribe_chunk: repair pass {repair:.1f})"


def _clock(stamp):
    """Seconds of the day of a log line's `2026-12-06 21:59:46,742` stamp."""
    hours, minutes, seconds = stamp[11:23].replace(",", ".").split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def run_bare(mode, wav, model, threads, device="cpu", compute_type="int8"):
    """Bare faster-whisper as a script a user would write: (wall seconds, text, peak RSS in MB, CPU seconds)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", BARE, mode, model, str(wav), str(threads), device, compute_type],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    stdout = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"bare faster-whisper failed on {wav}")
    return (seconds, json.loads(stdout.strip().splitlines()[-1])["text"], usage.ru_maxrss / 1024,
            usage.ru_utime + usage.ru_stime)


def children_cpu():
    """CPU seconds (user + system) of every finished child process and their waited-for children: on a machine
    shared with other work, the CPU a run needs is steadier than its wall."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def film_checks(reference, job):
    """On a film-like film: reference speech of STRETCH_S or more with no cue and not flagged, and cues over
    music-only or SFX-only scenes (none of either is the target)."""
    cues = json.loads(next((job / "subtitles").glob("*.en.json")).read_text())["cues"]
    flagged = json.loads((job / "done.json").read_text())["speech_without_subtitles"]["stretches"]
    silent = film_like.speech_without_cues(reference, cues, flagged, STRETCH_S)
    over = film_like.cues_over_empty_scenes(reference, cues)
    return (f"{len(silent)} unflagged stretches >= {STRETCH_S:g} s without a cue ({sum(b - a for a, b in silent):.0f} s); "
            f"{len(flagged)} flagged; {len(over)} cues over music/SFX-only scenes")


def median_run(runner, repeats):
    """Median wall over `repeats` runs (one run on a shared machine can be seconds off), with the last run's
    other figures."""
    runs = [runner() for _ in range(repeats)]
    return (statistics.median(r[0] for r in runs),) + tuple(runs[-1][1:])


def compare(wav, text, minutes, args, out, kind="mixed", reference=None):
    """One film: bare batched, the workflow with diarization off and on; one printed block of figures."""
    seconds = mixed_film.media.read_wav(wav).shape[0] / 16000
    bare_s, bare_text, bare_rss, bare_cpu = median_run(lambda: run_bare("batched", wav, args.model, args.threads),
                                                       args.repeats)
    rows = [("bare batched", bare_s, wer(text, bare_text), bare_rss, bare_cpu, "")]
    # Text-only decoding (bare's default) often ends a window after its first sentence and drops the rest
    # (docs/benchmarks.md); with timestamps it decodes what is said, and costs what the words cost.
    ts_s, ts_text, ts_rss, ts_cpu = run_bare("batched-ts", wav, args.model, args.threads)
    rows.append(("bare batched, timestamps", ts_s, wer(text, ts_text), ts_rss, ts_cpu, ""))
    peaks = {}
    for diarization in (False, True):
        label = "workflow, diarization " + ("on (default)" if diarization else "off")
        workdir = out / f"work-{kind}-{minutes:g}-{int(diarization)}"
        wf_s, wf_text, peak, wf_cpu, spent = median_run(lambda: run_workflow(wav, workdir, args.model, args.threads, 1,
                                                                     diarization, nested(args.set)), args.repeats)
        biggest = max(peak, key=peak.get)
        peaks[diarization] = peak[biggest]
        target = TARGETS.get((kind, round(minutes), diarization))
        ratio = (f"ratio {wf_s / bare_s:.3f}" + (f" (target <= {target:.2f})" if target else "")
                 + f", {wf_s / ts_s:.3f} to bare with timestamps; "
                 f"CPU ratio {wf_cpu / bare_cpu:.3f}")
        checks = f"; {film_checks(reference, workdir / 'results' / wav.stem)}" if reference else ""
        rows.append((label, wf_s, wer(text, wf_text), peak[biggest], wf_cpu,
                     f"{ratio}; biggest job {biggest}{checks}\n      job seconds by rule: {spent}"))
    if args.sequential:
        seq_s, seq_text, seq_rss, seq_cpu = run_bare("sequential", wav, args.model, args.threads)
        rows.append(("bare sequential", seq_s, wer(text, seq_text), seq_rss, seq_cpu, ""))
    print(f"\n{minutes:g}-minute {kind} film ({seconds / 60:.1f} min), {args.model}, {args.threads} cores:", flush=True)
    for label, wall, error, rss, cpu, note in rows:
        print(f"  {label:34s} {wall:7.1f} s  RTF {wall / seconds:.4f}  CPU {cpu:6.1f} s  WER {error:.3f}  "
              f"peak RSS {rss:6.0f} MB  {note}",
              flush=True)
    return peaks


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="base")
    parser.add_argument("--films", nargs="+", choices=["mixed", "film-like"], default=["mixed", "film-like"])
    parser.add_argument("--minutes", type=float, nargs="+", default=[10, 30])
    parser.add_argument("--long", action="store_true", help="one 150-minute film (about 20 minutes on 2 cores)")
    parser.add_argument("--threads", type=int, default=2, help="cores for the workflow, threads for bare runs")
    parser.add_argument("--repeats", type=int, default=1, help="runs per measurement; the median wall is printed")
    parser.add_argument("--sequential", action=argparse.BooleanOptionalAction, default=None,
                        help="also bare sequential (WER reference; default: on for films under an hour)")
    parser.add_argument("--set", nargs="*", default=[], metavar="KEY=VALUE",
                        help="workflow settings to try, e.g. asr.segment_timestamps=false")
    parser.add_argument("--out", default=str(REPO / "bench" / "out"))
    args = parser.parse_args()
    minutes = [150.0] if args.long else args.minutes
    if args.sequential is None:
        args.sequential = max(minutes) < 60
    out = Path(args.out)
    run_bare("batched", mixed_film.media.DEMO_WAV, args.model, args.threads)  # join the base model once
    for kind in args.films:
        peaks = []
        for length in minutes:
            if kind == "mixed":
                wav, text = mixed_film.build(out / "media", length)
                reference = None
            else:
                wav, reference = film_like.build(out / "media" / f"film-like-{length:g}", film_like.FILMS["heldout"],
                                                 length)
                text = film_like.reference_text(reference)
            peaks.append(compare(wav, text, length, args, out, kind, reference))
        if len(peaks) > 1:
            for diarization in (False, True):
                print(f"peak RSS of the biggest job, {kind}, diarization {'on' if diarization else 'off'}: "
                      f"{minutes[-1]:g} min / {minutes[0]:g} min = "
                      f"{peaks[-1][diarization] / peaks[0][diarization]:.3f} (target within 1.10)")


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "2")
    main()
