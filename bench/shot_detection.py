"""Shot detection's cost: cinescribe's two detectors (packets, frames) against PySceneDetect, on a generated film
with known cuts.

The film (H.264, 10 minutes at 1280x720 by default) is made once by tests/support/cut_video.py and cached in
the temporary folder. Each detector runs pinned to one core (the `shots` rule has one thread); printed are its
seconds, seconds per film minute, cuts found against the known ones (on the exact frame, and within one), and
its wall against
extracting the audio of the same file (the issue's target: detection under 10 % of the workflow's wall, which
is 31-33 s for the 10-minute bench film on two cores with video.shots false).

    make bench-shots   # or: .venv/bin/python bench/shot_detection.py [--minutes 10] [--size 1280x720] [--crf 19]
                       #     [--detectors packets,own,own-full-decode,content,adaptive] (PySceneDetect: '.[bench]')

With --presets (a list of x264 presets, or `all`) it measures instead 40 s clips at 640x360, crf 19, one per
preset (9 cuts, a flash and a fade each; cached too): for each detector the cuts on their exact frame, false
cuts, a frame off included (the flash or a fade's frames among them), the detector that answered (packets hands over to frames where
it cannot tell) and the CPU seconds.

    .venv/bin/python bench/shot_detection.py --presets all --detectors packets,own
"""

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO / "tests")]

from cinescribe.audio.media import extract_audio  # noqa: E402
from cinescribe.video.frame_rate import film_frame_rate  # noqa: E402
from cinescribe.video.shots import ShotOptions, detect_cuts, find_cuts  # noqa: E402
from support import cut_video  # noqa: E402


def film(minutes, size, rate, crf):
    """The cached bench film and its known cuts (built on first use: a few minutes for 10 min of 720p)."""
    folder = Path(tempfile.gettempdir()) / "cinescribe-bench"
    folder.mkdir(exist_ok=True)
    stem = folder / f"cuts-{minutes:g}min-{size[0]}x{size[1]}-{rate.numerator}_{rate.denominator}-crf{crf}"
    path, info_path = stem.with_suffix(".mp4"), stem.with_suffix(".json")
    if not info_path.exists():
        print(f"building {path} …", flush=True)
        info = cut_video.build(path, rate, minutes * 60, size, crf=crf)
        info_path.write_text(json.dumps(info))
    return path, json.loads(info_path.read_text())


PRESETS = ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"]


def preset_clip(preset, seconds=40, size=(640, 360), crf=19):
    """The cached 40 s clip of one x264 preset and its known cuts."""
    folder = Path(tempfile.gettempdir()) / "cinescribe-bench"
    folder.mkdir(exist_ok=True)
    stem = folder / f"cuts-{seconds}s-{size[0]}x{size[1]}-crf{crf}-{preset}"
    path, info_path = stem.with_suffix(".mp4"), stem.with_suffix(".json")
    if not info_path.exists():
        info = cut_video.build(path, Fraction(24000, 1001), seconds, size, crf=crf, preset=preset)
        info_path.write_text(json.dumps(info))
    return path, json.loads(info_path.read_text())


def bench_presets(presets, detectors):
    """One line per preset and detector: exact cuts, false ones (the flash, the fade), who answered, CPU."""
    for preset in presets:
        path, info = preset_clip(preset)
        rate = Fraction(info["rate"])
        frame_s = 1 / float(rate)
        flash, fade = info["flash_frame"], range(*info["fade_frames"])
        for name in detectors:
            cpu = time.process_time()
            found, used = find_cuts(path, ShotOptions(detector="packets" if name == "packets" else "frames"), rate)
            cpu = time.process_time() - cpu
            exact, _, _ = score(found, info["cuts"], frame_s)
            frames = [round(f / frame_s) for f in found if f not in [round(c, 3) for c in info["cuts"]]]
            said = [f"flash {f}" if abs(f - flash) <= 2 else f"fade {f}" if f in fade else str(f) for f in frames]
            print(f"{preset:10s} {name:8s} cuts {exact}/{len(info['cuts'])} exact, false at frames {said or '-'}  "
                  f"answered by {used}  {cpu:5.2f} s CPU", flush=True)


def own(path, rate, fast_decode=True, detector="frames"):
    return detect_cuts(path, ShotOptions(fast_decode=fast_decode, detector=detector), rate)


def scenedetect(path, rate, detector):
    from scenedetect import AdaptiveDetector, ContentDetector, SceneManager
    from scenedetect.backends.pyav import VideoStreamAv

    video = VideoStreamAv(str(path))
    manager = SceneManager()
    manager.add_detector(ContentDetector() if detector == "content" else AdaptiveDetector())
    manager.detect_scenes(video)
    return [round(scene[0].seconds, 3) for scene in manager.get_scene_list()[1:]]


DETECTORS = {
    "packets": lambda path, rate: own(path, rate, detector="packets"),
    "own": lambda path, rate: own(path, rate),
    "own-full-decode": lambda path, rate: own(path, rate, fast_decode=False),
    "content": lambda path, rate: scenedetect(path, rate, "content"),
    "adaptive": lambda path, rate: scenedetect(path, rate, "adaptive"),
}


def score(found, known, frame_s):
    exact = sum(any(abs(f - k) <= frame_s / 2 + 0.001 for f in found) for k in known)
    hits = sum(any(abs(f - k) <= frame_s * 1.01 for f in found) for k in known)
    false = [f for f in found if all(abs(f - k) > frame_s * 1.01 for k in known)]
    return exact, hits, false


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--rate", choices=cut_video.RATES, default="23.976")
    parser.add_argument("--crf", type=int, default=19, help="x264 quality: 19 gives ~3 Mbit/s at 720p (a web film), 23 ~0.4")
    parser.add_argument("--detectors", default="packets,own,own-full-decode,content,adaptive",
                        help="packets: video.detector packets; own: frames; own-full-decode: frames with deblocking")
    parser.add_argument("--all-cores", action="store_true", help="do not pin to one core")
    parser.add_argument("--workflow-s-per-minute", type=float, default=3.2,
                        help="the workflow's wall per film minute on 2 cores (31-33 s for the 10-minute bench film "
                             "with video.shots false)")
    parser.add_argument("--presets", help="x264 presets (comma-separated, or all): 40 s 640x360 clips instead of the film")
    args = parser.parse_args(argv)
    if not args.all_cores and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    if args.presets:
        presets = PRESETS if args.presets == "all" else args.presets.split(",")
        return bench_presets(presets, [d for d in args.detectors.split(",") if d in ("packets", "own")])
    rate = cut_video.RATES[args.rate]
    path, info = film(args.minutes, tuple(map(int, args.size.split("x"))), rate, args.crf)
    frame_s = 1 / float(Fraction(info["rate"]))
    minutes = info["seconds"] / 60
    megabits = path.stat().st_size * 8 / 1e6
    print(f"film: {path} ({megabits / 8:.0f} MB, {megabits / info['seconds']:.1f} Mbit/s, {minutes:.1f} min, "
          f"{len(info['cuts'])} cuts)")

    started, cpu = time.perf_counter(), time.process_time()
    with tempfile.TemporaryDirectory() as tmp:
        extract_audio(path, Path(tmp) / "audio.wav")
    audio_s = time.perf_counter() - started
    print(f"extract_audio: {audio_s:.1f} s wall ({time.process_time() - cpu:.1f} s CPU)")
    print(f"load: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall times are inflated when others run)")

    started = time.perf_counter()
    rate_found = film_frame_rate(path)
    print(f"frame rate: {rate_found.text} ({time.perf_counter() - started:.3f} s)")
    wav = REPO / "data" / "demo" / "sample.wav"
    started = time.perf_counter()
    assert film_frame_rate(wav).source == "default" and detect_cuts(wav) == []
    print(f"audio-only input (frame rate and cuts of a WAV): {time.perf_counter() - started:.3f} s")

    for name in args.detectors.split(","):
        if name in ("content", "adaptive") and importlib.util.find_spec("scenedetect") is None:
            print(f"{name:16s} skipped: PySceneDetect is not installed (pip install -e '.[bench]')")
            continue
        started, cpu = time.perf_counter(), time.process_time()
        found = DETECTORS[name](path, rate_found.exact)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        exact, hits, false = score(found, info["cuts"], frame_s)
        print(f"{name:16s} {seconds:7.1f} s wall ({cpu:6.1f} s CPU)  {seconds / minutes:5.2f} s per film minute  "
              f"{seconds / audio_s:5.2f}x extract_audio  {cpu / (args.workflow_s_per_minute * minutes):4.1%} of "
              f"the workflow's wall (CPU)  cuts {exact}/{len(info['cuts'])} exact, {hits} within a frame, "
              f"{len(false)} false {false[:5]}", flush=True)


if __name__ == "__main__":
    main()
