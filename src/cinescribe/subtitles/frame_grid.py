"""The film's frame grid: subtitle times are frames of the picture, not milliseconds of audio.

A cue that starts between two frames is shown from the next one, and a 2-frame gap at 25 fps is not a
2-frame gap at 23.976 fps; so cue times are worked out as whole frames of the film's own rate (an exact
fraction: 24000/1001 is not 23.976) and written as the time of that frame.
"""

import math
from dataclasses import dataclass
from fractions import Fraction

DEFAULT_RATE = Fraction(24)
SLACK = 1e-6  # a time written in milliseconds and read back still names its frame


@dataclass(frozen=True)
class FrameGrid:
    rate: Fraction = DEFAULT_RATE

    @classmethod
    def of(cls, rate):
        """A grid from a rate given as a number or as text ("24000/1001", "25")."""
        return cls(Fraction(str(rate)).limit_denominator(1001) if rate else DEFAULT_RATE)

    def floor(self, seconds) -> int:
        """The frame showing at `seconds` (an in-time on the first frame of the sound)."""
        return math.floor(seconds * self.rate + SLACK)

    def ceil(self, seconds) -> int:
        """The first frame starting at or after `seconds` (an out-time never cuts the sound short)."""
        return math.ceil(seconds * self.rate - SLACK)

    def nearest(self, seconds) -> int:
        return math.floor(seconds * self.rate + Fraction(1, 2))

    def frames(self, seconds) -> int:
        """A duration given in seconds as whole frames of this rate (half a second is 12 at 24 fps, 15 at 30)."""
        return round(seconds * self.rate)

    def time(self, frame) -> float:
        """The frame's start time in seconds, to the millisecond subtitle files hold."""
        return round(float(frame / self.rate), 3)

    def on_grid(self, seconds, tolerance_ms=0.5) -> bool:
        """Whether a written time (ms) names a frame start: within half a millisecond of one."""
        return abs(float(self.nearest(seconds) / self.rate) - seconds) <= tolerance_ms / 1000 + 1e-9
