"""A script file read into lines: one line per subtitle, or free paragraphs, with `NAME: line` speakers.

A subtitler's script has one line per subtitle; a screenplay or a transcript has paragraphs (hard-wrapped or
not, blank lines between). `layout: auto` reads paragraphs when any line is longer than a cue can hold
(max_line_chars × max_lines), and lines otherwise. A speaker's name before a colon ("DIANE:", "Mrs. Smith:")
is kept as the speaker's name, not as words to time: one to four words, each capitalised, and no sentence
punctuation.
"""

import re
from dataclasses import dataclass, field

from cinescribe.runtime.errors import CinescribeError
from cinescribe.runtime.textfiles import read_text_file

NAME = re.compile(r"^\s*((?:[^\W\d_][\w.'’-]*)(?:\s+[^\W\d_][\w.'’-]*){0,3})\s*:\s+(\S.*)$")
LAYOUTS = ("auto", "lines", "paragraphs")


@dataclass
class ScriptLine:
    """One unit of the script: a subtitle's line, or a paragraph to be cut into cues."""

    number: int  # the file's line number where it starts
    text: str
    speaker: str | None = None
    paragraph: bool = False
    words: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.words = self.text.split()


def speaker_and_text(line):
    """("NAME", "the line") for `NAME: the line` (a name: capitalised words), else (None, line)."""
    found = NAME.match(line)
    if found and all(word[0].isupper() for word in found.group(1).split()):
        return found.group(1).strip(), found.group(2).strip()
    return None, line.strip()


def parse_script(text, layout="auto", max_cue_chars=84):
    """The script's lines (`layout` lines) or paragraphs (`layout` paragraphs, or auto with a long line)."""
    if layout not in LAYOUTS:
        raise CinescribeError(f"align.layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    rows = text.split("\n")
    if layout == "auto":
        lengths = sorted(len(row.strip()) for row in rows if row.strip())
        long_text = lengths and (lengths[len(lengths) // 2] > max_cue_chars or lengths[-1] > 2 * max_cue_chars)
        layout = "paragraphs" if long_text else "lines"
    units = []
    if layout == "lines":
        for number, row in enumerate(rows, 1):
            speaker, said = speaker_and_text(row)
            if said:
                units.append(ScriptLine(number, said, speaker))
        return units
    current = None
    for number, row in enumerate(rows, 1):
        if not row.strip():
            current = None
            continue
        speaker, said = speaker_and_text(row)
        if current is None or speaker:  # a blank line or a new speaker starts a paragraph
            current = ScriptLine(number, said, speaker, paragraph=True)
            units.append(current)
        else:
            current.text = f"{current.text} {said}"
            current.words = current.text.split()
    return [unit for unit in units if unit.words]


def read_script(path, layout="auto", max_cue_chars=84):
    """A script file's lines; one sentence for a file that is not UTF-8 or holds no words."""
    units = parse_script(read_text_file(path, "script (align.text)"), layout, max_cue_chars)
    if not units:
        raise CinescribeError(f"the script (align.text) {path} holds no words: give the film's lines, one per "
                              "subtitle or in paragraphs")
    return units
