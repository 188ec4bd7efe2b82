"""Benchmark: what delivery costs on a 720p H.264 film: the MKV with subtitle tracks (streams copied) against the
burned-in preview (every frame decoded and encoded again), in wall seconds, times real time and file sizes.

    .venv/bin/python bench/deliver_cost.py [--minutes 2] [--preset veryfast]
"""

import argparse
import sys
import time
from fractions import Fraction
from pathlib import Path

import pysubs2

from cinescribe.deliver.burn import BurnOptions, burn_subtitles
from cinescribe.deliver.mux import mux_film
from cinescribe.deliver.tracks import subtitle_tracks

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from support import cut_video  # noqa: E402

OUT = REPO / "bench" / "out" / "deliver"


def subtitles(folder, seconds):
    """A cue of two lines every 3 s, as SRT and ASS (a dense film's rate of subtitles)."""
    subs = pysubs2.SSAFile()
    for start in range(0, int(seconds) - 3, 3):
        subs.append(pysubs2.SSAEvent(start=start * 1000, end=start * 1000 + 2500,
                                     text=f"Line {start // 3} of the film's dialogue,\\Nshown for two and a half seconds."))
    subs.save(str(folder / "cues.srt"))
    subs.save(str(folder / "cues.ass"))
    return folder / "cues.srt", folder / "cues.ass"


def timed(what, *args, **kwargs):
    start = time.perf_counter()
    what(*args, **kwargs)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=2)
    parser.add_argument("--preset", default="veryfast")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    seconds = args.minutes * 60
    film = OUT / f"film_{args.minutes:g}min_720p.mp4"
    if not film.exists():
        cut_video.build(film, Fraction(24000, 1001), seconds=seconds, size=(1280, 720), crf=23, preset="veryfast")
    srt, ass = subtitles(OUT, seconds)
    mux_s = timed(mux_film, film, subtitle_tracks((str(srt), "en")), OUT / "film.subtitled.mkv")
    burn_s = timed(burn_subtitles, film, ass, OUT / "film.burned.mp4", BurnOptions(burn_preset=args.preset), 2)
    mb = {p: p.stat().st_size / 1e6 for p in (film, OUT / "film.subtitled.mkv", OUT / "film.burned.mp4")}
    print(f"{args.minutes:g}-minute 720p H.264 film ({mb[film]:.1f} MB), 2 threads:")
    print(f"  mux  (copy + 1 SRT track): {mux_s:6.2f} s  ({seconds / mux_s:7.0f}x real time), "
          f"{mb[OUT / 'film.subtitled.mkv']:.1f} MB")
    print(f"  burn (x264 {args.preset}, crf 23): {burn_s:6.1f} s  ({seconds / burn_s:7.2f}x real time), "
          f"{mb[OUT / 'film.burned.mp4']:.1f} MB; a 2.5-hour film: ~{150 * 60 / (seconds / burn_s) / 60:.0f} min")


if __name__ == "__main__":
    main()
