"""Words → subtitle cues that follow timed-text rules: line length and count, duration 5/6–7 s, reading
speed (in visible characters), a gap of two frames between cues, no cue across a long pause, dialogue dashes for two speakers."""

from dataclasses import dataclass, field

from cinescribe.runtime.options import StageOptions
from cinescribe.shapes import Cue
from cinescribe.subtitles.condense import condense_cues
from cinescribe.subtitles.layout import lines_for
from cinescribe.subtitles.reading_speed import chars_per_second
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


def _joined(a, b, style):
    """a and b as one cue, or None where the rules forbid it: song and speech apart, no pause over max_gap,
    the lines fit, max_duration."""
    words = a["words"] + b["words"]
    pause = b["words"][0]["start"] - a["words"][-1]["end"]
    if (sung(a["words"]) != sung(b["words"]) or pause > style.max_gap or b["end"] - a["start"] > style.max_duration
            or not lines_for(words, style.max_line_chars, style.max_lines)):
        return None
    return {**a, "end": b["end"], "words": words, "voice": [a["voice"][0], b["voice"][1]]}


def _merge_short(cues, style):
    """A cue still under the minimum joins a neighbour when the text and the duration allow."""
    out = []
    for cue in cues:
        short = cue["end"] - cue["start"] < style.min_duration - EPS
        joined = _joined(out[-1], cue, style) if out and short else None
        if joined:
            out[-1] = joined
        else:
            out.append(cue)
    return out


def _cps(cue):
    return chars_per_second(cue["words"], cue["end"] - cue["start"])


def _one_speaker(a, b):
    return len({w.get("speaker") for w in a["words"] + b["words"]}) == 1


def _merge_fast(cues, style, cuts=frozenset()):
    """A cue still too fast to read (timing has shared the frames as far as it may) joins a neighbour of the same
    voice when the two read within the limit together: a subtitler's remedy for a quick line (two short
    sentences in one cue) before condensing. Not across a cut the second cue comes up on."""
    out = list(cues)
    i = 0
    while i < len(out):
        if _cps(out[i]) <= style.max_cps + EPS:
            i += 1
            continue
        options = []
        for k in (i - 1, i):
            if 0 <= k and k + 1 < len(out) and _one_speaker(out[k], out[k + 1]) \
                    and out[k + 1]["start"] not in cuts:
                joined = _joined(out[k], out[k + 1], style)
                if joined and (cps := _cps(joined)) <= style.max_cps + EPS:
                    options.append((cps, k, joined))
        if not options:
            i += 1
            continue
        _, k, joined = min(options, key=lambda option: option[0])
        out[k:k + 2] = [joined]
        i = k + 1
    return out


def build_cues(words, style=CueStyle(), context=None, timing=None, condense=False, language="en") -> list[Cue]:
    """Cues with start, end, lines and words (words keep their speakers), timed on the film's frames
    (`context`: its frame grid, VAD speech and shot changes; subtitles.timing). With `condense`, a cue still
    too fast to read loses fillers, stutters and repeats (subtitles.condense), each listed in its `condensed`."""
    cues = _merge_short(time_cues(segment(words, style), style, context, timing), style)
    cuts = {context.grid.time(context.grid.nearest(c)) for c in context.cuts} if context else set()
    cues = _merge_fast(cues, style, cuts)
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
