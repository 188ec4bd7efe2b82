"""Song detection on the labelled music soundtrack (tests/support/music_kinds.py): precision and recall per kind of
music, on the tuning seed and a held-out seed, before (spectral stability ≥ 0.9 alone) and after, and seconds per
hour of audio.

    PYTHONPATH=src:tests .venv/bin/python bench/music_detection.py [--folder /tmp/music_kinds] [--seeds 1 2]
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / d) for d in ("src", "tests")]

from cinescribe.audio.songs import SongOptions, detect_songs  # noqa: E402
from cinescribe.spans import runs  # noqa: E402
from support import music_kinds  # noqa: E402


def before(wav_path, min_stability=0.9, min_song_s=6.0, window_s=2.0):
    """The detector as it was: median spectral stability of each 2 s window ≥ 0.9, median of 3 windows."""
    from scipy.ndimage import median_filter

    from cinescribe.audio.media import SAMPLE_RATE, iter_blocks

    frame, hop, silent = 1024, 512, 10 ** (-50 / 20)
    window = int(window_s * SAMPLE_RATE)
    scores = []
    for samples in iter_blocks(wav_path, 600 * SAMPLE_RATE // window * window):
        for start in range(0, len(samples), window):
            chunk = samples[start:start + window]
            if len(chunk) < frame + hop:
                scores.append(np.nan)
                continue
            frames = np.lib.stride_tricks.sliding_window_view(chunk, frame)[::hop] * np.hanning(frame)
            spectra = np.abs(np.fft.rfft(frames, axis=1))
            unit = spectra / (np.linalg.norm(spectra, axis=1, keepdims=True) + 1e-9)
            similarity = np.sum(unit[1:] * unit[:-1], axis=1)
            loud = np.sqrt(np.mean(frames[1:] ** 2, axis=1)) > silent
            scores.append(float(np.median(similarity[loud])) if loud.sum() >= len(loud) / 2 and loud.any()
                          else np.nan)
    music = median_filter((np.nan_to_num(np.array(scores)) >= min_stability).astype(int), size=3, mode="nearest")
    return [[s, e] for s, e, _ in runs(music - 1, window_s) if e - s >= min_song_s]


def timed(detector, path, total):
    start, wall = time.process_time(), time.perf_counter()
    found = detector(str(path))
    return found, ((time.process_time() - start) / total * 3600, (time.perf_counter() - wall) / total * 3600)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", default="/tmp/music_kinds")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2], help="first: tuned on; the rest: held out")
    args = parser.parse_args()
    results = {}
    for seed in args.seeds:
        path, blocks, total = music_kinds.build(Path(args.folder), seed)
        for name, detector in (("before", before), ("after", lambda p: detect_songs(p, SongOptions()))):
            found, speed = timed(detector, path, total)
            results[seed, name] = music_kinds.score(found, blocks, total), speed
    columns = [(seed, name) for seed in args.seeds for name in ("before", "after")]
    role = {seed: "tune" if i == 0 else "held-out" for i, seed in enumerate(args.seeds)}
    print("share of each group's 0.5 s frames marked as song (songs: want 1.00; beds, speech, effects: want 0.00)")
    print(f"{'group':22s}" + "".join(f"{f'{role[s]} {s} {n}':>20s}" for s, n in columns))
    for group in results[columns[0]][0]["marked"]:
        print(f"{group:22s}" + "".join(f"{results[c][0]['marked'].get(group, float('nan')):20.2f}" for c in columns))
    for key in ("frame_precision", "frame_recall", "segment_precision", "segment_recall"):
        print(f"{key:22s}" + "".join(f"{results[c][0][key]:20.3f}" for c in columns))
    beds = {c: np.mean([v for g, v in results[c][0]["marked"].items() if g.startswith("bed")]) for c in columns}
    print(f"{'bed time marked':22s}" + "".join(f"{beds[c]:20.3f}" for c in columns))
    print(f"{'CPU s / audio hour':22s}" + "".join(f"{results[c][1][0]:20.1f}" for c in columns))
    print(f"{'wall s / audio hour':22s}" + "".join(f"{results[c][1][1]:20.1f}" for c in columns))


if __name__ == "__main__":
    main()
