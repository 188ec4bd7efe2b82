"""Songs on screen: words sung inside a detected song are marked, dropped or kept (songs.mode), and a sung cue
is its own cue between ♪ marks (italic in ASS).
"""

import numpy as np

from cinescribe.subtitles.line_breaks import wrap
from cinescribe.text.words import text_of

SONG = "♪"


def with_song_marks(lines):
    """♪ before the first line and after the last (the lines were wrapped 2 characters short for them)."""
    lines = list(lines)
    lines[0] = f"{SONG} {lines[0]}"
    lines[-1] = f"{lines[-1]} {SONG}"
    return lines


def sung(words):
    """Whether a run of words is lyrics (song words are never mixed with speech in one cue)."""
    return bool(words and words[0].get("song"))


def song_lines(words, max_line_chars, max_lines):
    """Sung words between ♪ marks, wrapped to leave room for them."""
    lines = wrap(text_of(words), max_line_chars - 2, max_lines)
    return with_song_marks(lines) if lines else None


def mark_song_words(words, songs, mode="mark"):
    """Words sung inside a song get `song: True` (mark), are removed (drop), or are left alone (keep)."""
    if mode == "keep" or not songs:
        return words
    starts = np.array([s for s, _ in songs])
    ends = np.array([e for _, e in songs])

    def in_song(word):
        middle = (word["start"] + word["end"]) / 2
        i = np.searchsorted(starts, middle, side="right") - 1
        return i >= 0 and middle < ends[i]

    if mode == "drop":
        return [w for w in words if not in_song(w)]
    return [dict(w, song=True) if in_song(w) else w for w in words]
