"""Shot changes (cuts): the time of the first frame of each new shot, so cues can be kept off them.

Two detectors (`video.detector`): `frames`, this module's own and the default, which decodes every frame and
found every cut exactly on every encode tried, and `packets` (video/packets.py: packet sizes pick the frames
worth decoding, and only those are decoded; 5x cheaper, but it misses cuts on some x264 presets). `packets`
hands over to `frames` where it cannot work (an intra-only codec, a codec other than H.264, no keyframe
flags, a handful of packets), saying why in a log line.

The frame detector is our own on PyAV, chosen over PySceneDetect by measurement (bench/shot_detection.py): the cost is
the decoding, so the decoder does as little as it may (no deblocking filter: the picture is only compared,
never shown), each frame is sampled down to a 64×36 YUV thumbnail, and only thumbnails are compared.

A frame is a cut when its difference from the frame before (mean absolute difference of the thumbnails) is
far above the differences around it: above `ratio` times their median plus `min_difference`, and the largest
within `min_shot_s`. Motion and grain raise the local median, so a moving shot needs a bigger jump; a fade's
differences are many and alike, so none of them stands out. A flash (the picture returns to what it was within
FLASH_FRAMES) is not a cut. Frames stream through; only a few seconds of thumbnails are held.
"""

import functools
import logging
from collections import deque
from dataclasses import dataclass

import av
import numpy as np

from cinescribe.audio.media import open_media
from cinescribe.runtime.options import StageOptions
from cinescribe.video import packets
from cinescribe.video.streams import picture_stream

log = logging.getLogger(__name__)

THUMB = (64, 36)  # width, height: enough to tell shots apart, and a 16:9 frame keeps its shape
FLASH_FRAMES = 3  # a picture that returns to the one before a jump within this many frames was a flash
DETECTOR = "cinescribe-thumbnail-mad"  # the frame detector's name in shots.json (packets.DETECTOR the other's)


@dataclass
class ShotOptions(StageOptions):
    """What counts as a cut (`video` in config/schema.yaml)."""

    detector: str = "frames"  # or "packets" (fast, but misses cuts on some encodes: config/schema.yaml)
    packet_ratio: float = 2.0
    packet_difference: float = 30.0
    packet_like_inter: float = 1.1
    ratio: float = 4.0
    min_difference: float = 4.0
    min_shot_s: float = 0.5
    context_s: float = 1.0
    fast_decode: bool = True


PLANAR_8BIT = {"yuv420p", "yuvj420p", "yuv422p", "yuvj422p", "yuv444p", "yuvj444p"}
SAMPLES = 4  # per thumbnail cell and axis: 16 pixels averaged, enough to hide grain


@functools.lru_cache(maxsize=8)
def _grid(height, width):
    """Rows and columns sampled from a plane: SAMPLES per thumbnail cell, spread evenly."""
    rows = ((np.arange(THUMB[1] * SAMPLES) + 0.5) * height / (THUMB[1] * SAMPLES)).astype(np.intp)
    cols = ((np.arange(THUMB[0] * SAMPLES) + 0.5) * width / (THUMB[0] * SAMPLES)).astype(np.intp)
    return rows, cols


def _thumbnail(frame):
    """A 64×36 YUV picture (3 planes, float32). The usual 8-bit planar frames are sampled straight from their
    planes (16 pixels per cell, not all 400 of a 720p frame: +0.4 ms a frame, swscale's area scaling +0.6 ms);
    others (10-bit, NV12, RGB) go through swscale."""
    if frame.format.name not in PLANAR_8BIT:
        small = frame.reformat(width=THUMB[0], height=THUMB[1], format="yuv444p", interpolation="AREA")
        return np.stack([np.frombuffer(plane, np.uint8).reshape(plane.height, plane.line_size)[:, :plane.width]
                         for plane in small.planes]).astype(np.float32)
    cells = []
    for plane in frame.planes:
        pixels = np.frombuffer(plane, np.uint8).reshape(plane.height, plane.line_size)
        rows, cols = _grid(plane.height, plane.width)
        sampled = pixels[rows][:, cols].reshape(THUMB[1], SAMPLES, THUMB[0], SAMPLES).astype(np.uint16)
        cells.append(sampled.sum(axis=3, dtype=np.uint16).sum(axis=1, dtype=np.uint16))  # rows first: cheaper
    return np.stack(cells).astype(np.float32) / SAMPLES ** 2


def _open_decoder(stream, threads, fast_decode):
    stream.thread_type = "AUTO"
    stream.codec_context.thread_count = threads
    if fast_decode:  # skip the in-loop deblocking filter: a fifth to a quarter of H.264's decoding, unseen at 64×36
        stream.codec_context.options = {"skip_loop_filter": "all"}


def frame_differences(path, threads=1, fast_decode=True, warnings=None, progress_every_s=600.0):
    """Yield (time of the frame, its thumbnail, difference from the frame before) for every frame of the
    film's picture; nothing for audio-only inputs. A decoding error ends the stream early, with a sentence
    appended to `warnings`."""
    with open_media(path) as container:
        stream = picture_stream(container)
        if stream is None or stream.codec_context is None:
            return
        _open_decoder(stream, threads, fast_decode)
        previous, time, next_report = None, 0.0, progress_every_s
        try:
            for frame in container.decode(stream):
                if frame.time is None:
                    continue
                time, thumb = frame.time, _thumbnail(frame)
                diff = 0.0 if previous is None else float(np.abs(thumb - previous).mean())
                yield time, thumb, diff
                previous = thumb
                if time >= next_report:
                    log.info("shots: %.0f min of picture scanned", time / 60)
                    next_report += progress_every_s
        except av.error.FFmpegError as err:
            said = (f"Decoding the picture of '{path}' failed at {time:.1f} s ({err.strerror}), so cuts after it "
                    "are not known; export the film again if the picture matters.")
            log.warning(said)
            if warnings is not None:
                warnings.append(said)


def detect_cuts(path, options=ShotOptions(), frame_rate=24.0, threads=1, warnings=None):
    """Times (s) of the first frame of each new shot, in order; [] for audio-only inputs. Sentences about a
    picture that stops decoding are appended to `warnings`."""
    return find_cuts(path, options, frame_rate, threads, warnings)[0]


def find_cuts(path, options=ShotOptions(), frame_rate=24.0, threads=1, warnings=None):
    """(cuts, the name of the detector that found them): `options.detector`'s, or the frame detector's where
    the packet detector cannot work."""
    if options.detector == "packets":
        try:
            return packets.detect_cuts(path, options, frame_rate, _thumbnail), packets.DETECTOR
        except packets.Unsuitable as why:
            log.info("shots: the packets cannot tell the cuts (%s); decoding every frame instead", why)
        except av.error.FFmpegError as err:
            log.info("shots: reading the packets failed (%s); decoding every frame instead", err)
    return frame_cuts(path, options, frame_rate, threads, warnings), DETECTOR


def frame_cuts(path, options=ShotOptions(), frame_rate=24.0, threads=1, warnings=None):
    """The frame detector: every frame decoded, its thumbnail compared with the one before."""
    frame_s = 1 / float(frame_rate)
    context = max(3, round(options.context_s / frame_s))  # frames of differences either side of a candidate
    min_shot = max(1, round(options.min_shot_s / frame_s))
    window = deque(maxlen=2 * context + 1)  # (time, thumbnail, difference); the candidate is in the middle
    cuts, last_cut = [], -min_shot
    index = -1

    def judge(position, centre):
        nonlocal last_cut
        time, _, diff = window[centre]
        others = [w[2] for i, w in enumerate(window) if abs(i - centre) > 1]
        if not others or diff < options.min_difference:
            return
        if diff < options.ratio * float(np.median(others)) + options.min_difference:
            return
        near = [w[2] for i, w in enumerate(window) if 0 < abs(i - centre) < min_shot]
        if near and diff < max(near):
            return
        before = [window[i][1] for i in range(max(0, centre - FLASH_FRAMES), centre)]
        after = [window[i][1] for i in range(centre, min(len(window), centre + FLASH_FRAMES + 1))]
        if any(np.abs(a - b).mean() < diff / 3 for a in after for b in before):
            return  # a flash, in or out: the picture before the jump comes back within FLASH_FRAMES
        if position - last_cut >= min_shot:
            cuts.append(round(time, 3))
            last_cut = position

    for index, item in enumerate(frame_differences(path, threads, options.fast_decode, warnings)):
        window.append(item)
        if index >= context and len(window) > context:
            judge(index - context, len(window) - 1 - context)
    first_unjudged = max(0, index - context + 1)
    for position in range(first_unjudged, index + 1):  # the last frames, judged with what follows them
        judge(position, len(window) - 1 - (index - position))
    return [cut for cut in cuts if cut > 0]
