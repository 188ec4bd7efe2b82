"""Benchmark: are the cues timed and cut as a professional subtitler would deliver them?

Runs the workflow (default settings) on a film-like soundtrack with an exact reference (tests/support/film_like.py;
`heldout` by default: the timing was tuned on `tune`) and prints, against the issue's targets:
- in-times within 2 frames of the voice's first frame (lines after a pause), and how many more than 4 early;
- out-times between the end of the voice and 12 frames after it (chained cues excepted);
- every cue time on the film's frame grid;
- orphan sentence tails and two-speaker cues without a dash pair (bench/segmentation.py's counts);
- cues within the language's reading speed, and the QC report's counts per rule.

    .venv/bin/python bench/cue_timing.py [--films heldout tune] [--minutes 10] [--seed 59]

`--seed` builds each film with that seed instead of its own (same cast, other lines and scenes): a film nobody
has looked at, to confirm a setting that was found by looking at the held-out film.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "bench"))

from cinescribe.subtitles.frame_grid import FrameGrid  # noqa: E402
from support import film_like  # noqa: E402
from support.cue_timing import timing_figures  # noqa: E402


def run_workflow(wav, workdir):
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "bench.yaml").write_text(json.dumps({"input": str(wav)}))
    cmd = [sys.executable, "-m", "snakemake", "-s", str(REPO / "Snakefile"), "-d", str(workdir), "--profile",
           str(REPO / "profiles" / "cpu"), "--configfile", str(workdir / "bench.yaml"), "--quiet", "all"]
    env = {**os.environ, "PATH": f"{REPO / 'tools' / 'local-bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    return time.perf_counter() - start, workdir / "results" / wav.stem


def report(name, reference, job, seconds):
    done = json.loads((job / "done.json").read_text())
    doc = json.loads(next((job / "subtitles").glob("*.en.json")).read_text())
    cues = doc["cues"]
    grid = FrameGrid(Fraction(done["qc"]["frame_rate"]))
    figures = timing_figures(reference, cues, float(grid.rate))
    on_grid = sum(grid.on_grid(c["start"]) and grid.on_grid(c["end"]) for c in cues) / max(1, len(cues))
    reading = next(iter(done["lint"].values()))["reading speed"]
    print(f"\n{name}: {len(cues)} cues, workflow {seconds:.0f} s, frame rate {done['qc']['frame_rate']}")
    print(f"  in-times within 2 frames of the voice   {figures.in_within_2_frames:6.1%}  (target >= 90 %; "
          f"{figures.in_matched} of {figures.onsets} onsets after a pause matched, median {figures.in_median_ms:+.0f} ms; "
          f"{figures.in_dash_pairs} second lines of dash pairs left out)")
    print(f"  in-times more than 4 frames early       {figures.in_early_over_4_frames:6d}  (target 0)")
    print(f"  out-times in [end of voice, +12 frames] {figures.out_within_rule:6.1%}  (target >= 95 %; "
          f"{figures.out_matched} unchained, {figures.out_chained} chained; {figures.out_early} early, "
          f"{figures.out_late} late)")
    print(f"  cue times on the frame grid             {on_grid:6.1%}  (target 100 %)")
    print(f"  cues within the reading-speed limit     {reading:6.1%}  (target >= 98 %)")
    try:
        import segmentation
        counts = segmentation.film_counts(doc, reference)
        print(f"  orphan sentence tails                   {counts['orphans']:6d}  (target 0)")
        print(f"  two-speaker cues without a dash pair    {counts['undashed']:6d}  (target 0)")
        print(f"  dash pairs over one voice's lines       {counts['one_voice_dashes']:6d}  (of {counts['dash_pairs']} dash pairs)")
    except (ImportError, AttributeError):
        pass
    rules = {rule: n for rule, n in done["qc"]["rules"].items() if n}
    print(f"  QC: {done['qc']['flagged']} of {done['qc']['cues']} cues flagged; {rules}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", nargs="+", default=["heldout"], choices=sorted(film_like.FILMS))
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "cue-timing")
    parser.add_argument("--seed", type=int, help="build the films with this seed instead of their own")
    args = parser.parse_args()
    for name in args.films:
        folder = args.out / film_like.film_folder(name, args.minutes, args.seed)
        wav, reference = film_like.build(folder / "film", film_like.film_spec(name, args.seed), args.minutes)
        seconds, job = run_workflow(wav, folder / "work")
        report(name, reference, job, seconds)


if __name__ == "__main__":
    main()
