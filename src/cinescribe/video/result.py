"""shots.json from a film and the `video` config section: the frame rate, then the cuts where there is a picture.

Warnings (variable frame rate, a picture that cannot be decoded) are logged, so they reach the terminal, and
kept in the file, so later stages and the report can say them again.
"""

import logging

from cinescribe import SCHEMA_VERSION
from cinescribe.shapes import ShotsResult
from cinescribe.video.frame_rate import film_frame_rate
from cinescribe.video.shots import ShotOptions, find_cuts

log = logging.getLogger(__name__)


def film_shots(path, section, threads=1) -> ShotsResult:
    """The frame rate of `path` and, with `section["shots"]` on and a readable picture, its cuts."""
    rate = film_frame_rate(path, section.get("frame_rate", 0), section.get("audio_only_frame_rate", 24))
    warnings = list(rate.warnings)
    cuts, detector = [], ""
    if rate.has_picture and section.get("shots", False):
        cuts, detector = find_cuts(path, ShotOptions.from_config(section), rate.exact, threads, warnings)
    for sentence in rate.warnings:
        log.warning(sentence)
    log.info("frame rate %s (%s%s), %d cut(s)", rate.text, rate.source, ", variable" if rate.variable else "",
             len(cuts))
    return ShotsResult(schema=SCHEMA_VERSION, frame_rate=round(float(rate.exact), 6), frame_rate_exact=rate.text,
                       frame_rate_source=rate.source, variable_frame_rate=rate.variable, cuts=cuts,
                       detector=detector, warnings=warnings)
