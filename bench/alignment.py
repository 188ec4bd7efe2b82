"""Benchmark: a script aligned to a film, and earlier subtitles re-synced to it, against exact references.

On a film-like soundtrack with an exact reference (tests/support/film_like.py; `heldout` by default, tuned
on `tune`):
(a) script alignment (align.text, one line of the reference per script line): does the output carry exactly
    the script's words, and how many in-times lie within 2 frames of the voice (target >= 90 %)?
(b) re-sync (align.subtitles) of true-timed subtitles (one cue per reference line, its voiced extent)
    distorted three ways — +2.5 s; timed for a 25 fps release and played against this 23.976 fps film (every
    time x 23.976/25); a 20 s scene cut from the film (between two pauses near the middle; its cues kept in
    the old subtitles) — how many cues come back within 2 frames of the truth (target >= 95 %), beside
    ffsubsync 0.5.1 on the same files when it is installed.
The workflow runs once per film (the cut film is a second one); each mode reruns only the subtitles.

    .venv/bin/python bench/alignment.py [--film heldout] [--minutes 10] [--film-dir DIR_WITH_film.wav]
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
import wave
from pathlib import Path

import numpy as np
import pysubs2

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from support import film_like  # noqa: E402
from support.cue_timing import timing_figures  # noqa: E402

FPS = 24.0  # an audio-only film is timed at 24 fps
FRAME = 1 / FPS
SHIFT_S = 2.5
DRIFT = (24000 / 1001) / 25  # times of a 25 fps release, against the 23.976 fps film
CUT_S = 20.0


def run_workflow(wav, workdir, align):
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "bench.yaml").write_text(json.dumps({"input": str(wav), "align": align}))
    cmd = [sys.executable, "-m", "snakemake", "-s", str(REPO / "Snakefile"), "-d", str(workdir), "--profile",
           str(REPO / "profiles" / "cpu"), "--configfile", str(workdir / "bench.yaml"), "--quiet", "all"]
    env = {**os.environ, "PATH": f"{REPO / 'tools' / 'local-bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    job = workdir / "results" / wav.stem
    doc = json.loads(next((job / "subtitles").glob("*.en.json")).read_text())
    rule_s = float((job / "benchmarks" / "subtitles-en.tsv").read_text().splitlines()[-1].split("\t")[0])
    return doc, time.perf_counter() - start, rule_s


def write_srt(cues, path):
    subs = pysubs2.SSAFile()
    for start, end, text in cues:
        subs.append(pysubs2.SSAEvent(start=round(start * 1000), end=round(end * 1000), text=text))
    subs.save(str(path), format_="srt")
    return path


def read_wav(path):
    with wave.open(str(path)) as fh:
        return fh.getparams(), np.frombuffer(fh.readframes(fh.getnframes()), dtype=np.int16)


def cut_film(wav, lines, folder):
    """The film with a scene of about CUT_S removed from the middle, between two pauses: (path, cut start,
    cut length)."""
    params, samples = read_wav(wav)
    rate = params.framerate
    pauses = [(a["end"] + b["start"]) / 2 for a, b in zip(lines, lines[1:]) if b["start"] - a["end"] > 0.4]
    middle = len(samples) / rate / 2
    start = min(pauses, key=lambda t: abs(t - middle))
    end = min((t for t in pauses if t > start), key=lambda t: abs(t - start - CUT_S))
    kept = np.concatenate([samples[:round(start * rate)], samples[round(end * rate):]])
    path = folder / "film_cut.wav"
    folder.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as fh:
        fh.setparams(params)
        fh.writeframes(kept.tobytes())
    return path, start, end - start


def within(cues, truth):
    """Share of truth cues (start, end, text; None: not in this film) whose in-time (and both times) the output
    has within 2 frames; cues are paired in order."""
    out = sorted(cues, key=lambda c: c["start"])
    pairs = [(c, t) for c, t in zip(out, truth) if t is not None]
    ok_in = sum(abs(c["start"] - t[0]) <= 2 * FRAME + 1e-3 for c, t in pairs)
    ok_both = sum(abs(c["start"] - t[0]) <= 2 * FRAME + 1e-3 and abs(c["end"] - t[1]) <= 2 * FRAME + 1e-3
                  for c, t in pairs)
    return ok_in / max(1, len(pairs)), ok_both / max(1, len(pairs)), len(pairs)


def ffsubsync(film, srt, out):
    """ffsubsync's re-sync of `srt` to `film`, as cues, or None when it is not installed."""
    exe = shutil.which("ffsubsync") or shutil.which("ffs")
    if exe is None:
        return None
    subprocess.run([exe, str(film), "-i", str(srt), "-o", str(out)], check=True, capture_output=True)
    return [{"start": e.start / 1000, "end": e.end / 1000} for e in pysubs2.load(str(out))]


def words(text):
    return re.sub(r"[^\w' ]", " ", text.lower()).split()


def script_case(wav, reference, lines, work, folder):
    script = folder / "script.txt"
    script.write_text("\n".join(line["text"] for line in lines) + "\n", encoding="utf-8")
    doc, seconds, rule_s = run_workflow(wav, work, {"text": str(script)})
    summary = doc["alignment"]
    missing = {row["line"] for row in summary["not_found"]}
    given = [w for n, line in enumerate(lines, 1) if n not in missing for w in words(line["text"])]
    said = [w for cue in doc["cues"] if not cue.get("alignment") for w in words(" ".join(cue["lines"]))]
    figures = timing_figures(reference, doc["cues"], FPS)
    print(f"\n(a) script alignment: {summary['found']} of {summary['lines']} lines found, "
          f"{summary['transcribed_cues']} transcribed cues; workflow {seconds:.0f} s (subtitles rule {rule_s:.1f} s)")
    print(f"  output words equal the script's (found lines)  {'yes' if said == given else 'NO'}"
          f" ({len(said)} words)")
    print(f"  in-times within 2 frames of the voice          {figures.in_within_2_frames:6.1%}  (target >= 90 %; "
          f"{figures.in_matched} of {figures.onsets} onsets after a pause, median {figures.in_median_ms:+.0f} ms)")
    print(f"  in-times more than 4 frames early              {figures.in_early_over_4_frames:6d}")
    print(f"  out-times in [end of voice, +12 frames]        {figures.out_within_rule:6.1%}  "
          f"({figures.out_chained} chained)")
    if summary["not_found"]:
        print("  not found:", "; ".join(f"{r['line']}: {r['text'][:40]}" for r in summary["not_found"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--film", default="heldout", choices=sorted(film_like.FILMS))
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--film-dir", type=Path, help="a film already built (film.wav, reference.json)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "alignment")
    args = parser.parse_args()
    folder = args.out / f"{args.film}-{args.minutes:g}"
    folder.mkdir(parents=True, exist_ok=True)
    wav, reference = film_like.film_at(args.film_dir, folder, args.film, args.minutes)
    lines = sorted(reference["lines"], key=lambda x: x["start"])
    print(f"film {args.film}, {reference['duration'] / 60:.1f} min, {len(lines)} lines, at {FPS:g} fps")
    script_case(wav, reference, lines, folder / "work", folder)

    truth = [(x["start"], x["end"], x["text"]) for x in lines]
    cut_path, cut_at, cut_len = cut_film(wav, lines, folder / "cut")
    in_cut = [(s, e, t) if e <= cut_at else (s - cut_len, e - cut_len, t) if s >= cut_at + cut_len else None
              for s, e, t in truth]
    cases = [(f"+{SHIFT_S} s offset", wav, folder / "work", [(s + SHIFT_S, e + SHIFT_S, t) for s, e, t in truth],
              truth),
             ("25 -> 23.976 fps", wav, folder / "work", [(s * DRIFT, e * DRIFT, t) for s, e, t in truth], truth),
             (f"{cut_len:.1f} s scene cut at {cut_at:.0f} s", cut_path, folder / "cut" / "work", truth, in_cut)]
    print("\n(b) re-sync: cues within 2 frames of the truth (in-time; in- and out-time)   target >= 95 %")
    for n, (name, film, work, old, expected) in enumerate(cases):
        srt = write_srt(old, folder / f"old_{n}.srt")
        doc, seconds, rule_s = run_workflow(film, work, {"subtitles": str(srt)})
        summary = doc["alignment"]
        share_in, share_both, counted = within(doc["cues"], expected)
        theirs = ffsubsync(film, srt, folder / f"ffsubsync_{n}.srt")
        other = ("ffsubsync {:6.1%}; {:5.1%}".format(*within(theirs, expected)[:2]) if theirs is not None
                 else "ffsubsync not installed (the issue measured 52 %, 52 %, 18 %)")
        pieces = ", ".join(f"{p['offset']:+.3f} s from {p['from']:.0f} s" for p in summary["pieces"])
        print(f"  {name:28s} cinescribe {share_in:6.1%}; {share_both:6.1%} of {counted}; {other}")
        print(f"  {'':28s} map: slope {summary['slope']:.6f}, {pieces}; {summary['unheard']} cues unheard "
              f"(flagged); workflow {seconds:.0f} s, subtitles rule {rule_s:.1f} s")


if __name__ == "__main__":
    main()
