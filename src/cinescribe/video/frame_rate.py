"""The film's frame rate, exact (24000/1001, not 23.976), so every subtitle time can sit on a frame boundary.

Read from the video stream's header (no decoding), checked against what the config says, and against the
timestamps of the first seconds of packets (demuxed, not decoded) to tell variable frame rate. One frame is
decoded to prove the picture can be read at all. What goes wrong with the picture never stops the run: a
stream that cannot be decoded, or a variable rate, gives a warning and timing on the configured (or nominal)
rate. Only a configured rate that contradicts the file is an error, since the user asked for something false.
"""

import logging
from dataclasses import dataclass, field
from fractions import Fraction

import av
import numpy as np

from cinescribe.audio.media import open_media
from cinescribe.runtime.errors import CinescribeError
from cinescribe.video.streams import picture_stream

log = logging.getLogger(__name__)

# The rates films and TV are made at; a header's rate within TOLERANCE of one of them is that rate exactly
# (an MKV stores times in milliseconds, so its average rate of a 23.976 film is 2997/125 or such).
STANDARD_RATES = [Fraction(24000, 1001), Fraction(24), Fraction(25), Fraction(30000, 1001), Fraction(30),
                  Fraction(48), Fraction(50), Fraction(60000, 1001), Fraction(60), Fraction(120)]
TOLERANCE = 0.0005  # 0.05 %: half the gap between 23.976 and 24 (or 29.97 and 30), which differ by 0.1 %
PROBE_SECONDS = 5.0  # packet timestamps sampled to tell a variable frame rate
PROBE_PACKETS = 300  # video packets at most demuxed while probing (also: to find the first decodable frame)
VARIABLE_SHARE = 0.1  # a rate is variable when this share of frame intervals is off the nominal one


@dataclass
class FrameRate:
    """What the subtitles are timed on; `source` is video, config or default (audio_only_frame_rate)."""

    exact: Fraction
    source: str
    variable: bool = False
    has_picture: bool = False  # a decodable video stream, where cuts can be looked for
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self):
        return f"{self.exact.numerator}/{self.exact.denominator}"


def exact_rate(value):
    """A rate as a Fraction, snapped to the standard rate it is within 0.05 % of (23.976 → 24000/1001)."""
    value = Fraction(value).limit_denominator(100000)
    near = min(STANDARD_RATES, key=lambda rate: abs(rate - value))
    return near if abs(near - value) <= TOLERANCE * near else value


def fps(rate):
    """A rate as people write it: 23.976, 25, 29.97."""
    return f"{float(rate):.3f}".rstrip("0").rstrip(".")


def _header_rate(stream):
    """The nominal rate from the header: average, else guessed, else base rate (all three may be unset)."""
    for rate in (stream.average_rate, stream.guessed_rate, stream.base_rate):
        if rate and 1 <= rate <= 1000:
            return exact_rate(rate)
    return None


def _probe(container, stream):
    """Packet times of the first PROBE_SECONDS (sorted: B-frames arrive out of order), and whether a frame
    decodes from the first PROBE_PACKETS. Demuxing reads the file; only packets up to the first frame are
    decoded."""
    times, decoded, packets = [], False, 0
    try:
        for packet in container.demux(stream):
            if packet.pts is None and packet.dts is None:  # the flush packet at the end
                continue
            packets += 1
            if packet.pts is not None:
                times.append(packet.pts)
            if not decoded:
                decoded = bool(packet.decode())
            if packets >= PROBE_PACKETS or (decoded and times and
                                            (times[-1] - times[0]) * stream.time_base >= PROBE_SECONDS):
                break
    except av.error.FFmpegError as err:
        log.info("probing the video stream stopped: %s", err)
    return np.array(sorted(times), dtype=np.float64), decoded


def _variable(times, tick, nominal):
    """Whether the packet timestamps step by other than one frame of the nominal rate (beyond rounding)."""
    if len(times) < 8 or not tick:
        return False, None
    steps = np.diff(times) * float(tick)
    frame = 1 / float(nominal)
    slack = max(1.5 * float(tick), 0.05 * frame)  # MKV rounds times to the millisecond
    off = np.abs(steps - frame) > slack
    return bool(off.mean() > VARIABLE_SHARE), (float(steps.min()), float(steps.max()))


def _configured(configured, audio_only):
    if configured:
        return FrameRate(exact_rate(configured), "config")
    return FrameRate(exact_rate(audio_only), "default")


def film_frame_rate(path, configured=0, audio_only=24):
    """The rate to time `path` on. `configured` > 0 must agree with the film's (within 0.05 %), else a
    CinescribeError; audio-only inputs (or an unreadable picture) get `configured`, else `audio_only`."""
    with open_media(path) as container:
        stream = picture_stream(container)
        if stream is None:
            return _configured(configured, audio_only)
        nominal = _header_rate(stream)
        if stream.codec_context is None:  # no decoder for this codec in our ffmpeg
            times, decoded = np.array([]), False
        else:
            stream.codec_context.thread_count = 1
            times, decoded = _probe(container, stream)
        tick = stream.time_base
    if not decoded:
        rate = _configured(configured, audio_only)
        rate.warnings.append(
            f"The video stream of '{path}' cannot be decoded, so cuts are not looked for and subtitles are timed "
            f"on {fps(rate.exact)} fps (video.{'frame_rate' if configured else 'audio_only_frame_rate'}); "
            "export the film again if the picture matters.")
        return rate
    if nominal is None:
        nominal = exact_rate(configured or audio_only)
    if configured and abs(exact_rate(configured) - nominal) > TOLERANCE * nominal:
        raise CinescribeError(
            f"video.frame_rate is {fps(exact_rate(configured))} fps but '{path}' runs at {fps(nominal)} fps "
            f"({nominal.numerator}/{nominal.denominator}); set video.frame_rate to 0 to use the film's rate, "
            f"or to {fps(nominal)}.")
    rate = FrameRate(nominal, "video", has_picture=True)
    rate.variable, span = _variable(times, tick, nominal)
    if rate.variable:
        rate.warnings.append(
            f"'{path}' has a variable frame rate (frames {span[0] * 1000:.0f}-{span[1] * 1000:.0f} ms apart), so "
            f"subtitles are timed on its nominal {fps(nominal)} fps and may sit up to a frame off the picture; "
            "convert it to a constant rate for frame-exact timing.")
    return rate
