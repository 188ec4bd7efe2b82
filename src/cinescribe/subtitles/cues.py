"""Words → subtitle cues that follow timed-text rules: line length and count, duration 5/6–7 s, reading
speed (in visible characters), a gap of two frames between cues, no cue across a long pause, dialogue dashes for two speakers."""

from dataclasses import dataclass, field

from cinescribe.runtime.options import StageOptions
from cinescribe.shapes import Cue
from cinescribe.subtitles.condense import condense_cues
from cinescribe.subtitles.layout import lines_for
from cinescribe.subtitles.segmentation import BreakCosts, segment
from cinescribe.subtitles.song_marks import mark_song_words, sung
from cinescribe.subtitles.timing import time_cues
from cinescribe.text.words import text_of as _text

EPS = 1e-3  # a millisecond: cue times are written in milliseconds


@dataclass
class CueStyle(StageOptions):
    """The timed-text rules cues are built to (`subtitles` in config/schema.yaml)."""

    max_line_chars: int = 42
    max_lines: int = 2
    max_duration: float = 7.0
    min_duration: float = 5 / 6
    max_gap: float = 1.0
    max_cps: float = 17.0
    segmentation: BreakCosts = field(default_factory=BreakCosts)

    def __post_init__(self):
        if isinstance(self.segmentation, dict):  # the config section
            self.segmentation = BreakCosts.from_config(self.segmentation)


def _merge_short(cues, style):
    """A cue still under the minimum joins a neighbour when the text and the duration allow."""
    out = []
    for cue in cues:
        short = cue["end"] - cue["start"] < style.min_duration - EPS
        if out and short:
            words = out[-1]["words"] + cue["words"]
            pause = cue["words"][0]["start"] - out[-1]["words"][-1]["end"]
            same_kind = sung(cue["words"]) == sung(out[-1]["words"])
            if (same_kind and pause <= style.max_gap and lines_for(words, style.max_line_chars, style.max_lines)
                    and cue["end"] - out[-1]["start"] <= style.max_duration):
                out[-1] = {**out[-1], "end": cue["end"], "words": words,
                           "voice": [out[-1]["voice"][0], cue["voice"][1]]}
                continue
        out.append(cue)
    return out


def build_cues(words, style=CueStyle(), context=None, timing=None, condense=False, language="en") -> list[Cue]:
    """Cues with start, end, lines and words (words keep their speakers), timed on the film's frames
    (`context`: its frame grid, VAD speech and shot changes; subtitles.timing). With `condense`, a cue still
    too fast to read loses fillers, stutters and repeats (subtitles.condense), each listed in its `condensed`."""
    cues = _merge_short(time_cues(segment(words, style), style, context, timing), style)
    for cue in cues:
        cue["lines"] = lines_for(cue["words"], style.max_line_chars, style.max_lines) or [_text(cue["words"])]
        cue["song"] = sung(cue["words"])
    if condense:
        cues, _ = condense_cues(cues, style.max_cps, max_line_chars=style.max_line_chars, max_lines=style.max_lines,
                                language=language)
    return cues


def film_cues(words, songs, song_mode, style=CueStyle(), context=None, timing=None, condense=False,
              language="en") -> list[Cue]:
    """A film's cues: words in songs marked ♪ (or dropped, or kept as speech), then cues built to the rules."""
    return build_cues(mark_song_words(words, songs, song_mode), style, context, timing, condense, language)
