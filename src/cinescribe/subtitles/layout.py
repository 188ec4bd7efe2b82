"""What a cue's words look like on screen: its lines, or None when they cannot fit. Both cue building and
segmentation ask this, so it lives apart from either (segmentation must not import cues)."""

from cinescribe.subtitles.line_breaks import wrap
from cinescribe.subtitles.song_marks import song_lines, sung
from cinescribe.text.graphemes import visible_length
from cinescribe.text.words import SENTENCE_ENDS  # noqa: F401 - where segmentation and benches look for it
from cinescribe.text.words import text_of as _text


def lines_for(words, max_line_chars=42, max_lines=2):
    """The cue's lines, or None if they cannot fit; two speakers in turn get one dash line each."""
    if sung(words):
        return song_lines(words, max_line_chars, max_lines)
    changes = [i for i in range(1, len(words)) if words[i].get("speaker") != words[i - 1].get("speaker")]
    if not changes:
        return wrap(_text(words), max_line_chars, max_lines)
    if len(changes) == 1 and max_lines >= 2:
        lines = [f"- {_text(words[:changes[0]])}", f"- {_text(words[changes[0]:])}"]
        if all(visible_length(line) <= max_line_chars for line in lines):
            return lines
    return None
