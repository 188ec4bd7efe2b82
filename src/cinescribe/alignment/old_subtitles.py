"""Earlier subtitles (SRT, WebVTT, ASS, through pysubs2) read into cues to re-sync: their text, line breaks,
times and speaker names (ASS's Name field); styling tags are left out."""

from dataclasses import dataclass

import pysubs2

from cinescribe.runtime.errors import CinescribeError
from cinescribe.runtime.textfiles import read_text_file


@dataclass
class OldCue:
    start: float
    end: float
    lines: list[str]
    speaker: str | None = None

    @property
    def words(self):
        return " ".join(self.lines).split()


def parse_subtitles(text, path="subtitles"):
    """The cues of an SRT, WebVTT or ASS text, in time order (comments and blank cues left out)."""
    try:
        subs = pysubs2.SSAFile.from_string(text)
    except Exception as err:  # pysubs2 raises its own errors and ValueError/KeyError on broken files
        raise CinescribeError(f"the subtitle file (align.subtitles) {path} is not SRT, WebVTT or ASS that "
                              f"pysubs2 can read ({type(err).__name__}: {err})") from None
    cues = []
    for event in subs:
        lines = [line.strip() for line in event.plaintext.split("\n") if line.strip()]
        if event.is_comment or not lines:
            continue
        cues.append(OldCue(event.start / 1000, event.end / 1000, lines, event.name or None))
    return sorted(cues, key=lambda c: (c.start, c.end))


def read_subtitles(path):
    """An earlier subtitle file's cues; one sentence for a file that is not UTF-8, not subtitles, or empty."""
    text = read_text_file(path, "subtitle file (align.subtitles)")
    cues = parse_subtitles(text, path) if text.strip() else []
    if not cues:
        raise CinescribeError(f"the subtitle file (align.subtitles) {path} holds no cues")
    return cues
