"""Word lists as the stages share them: their text, and a normalized form for comparing words."""

import re

SENTENCE_ENDS = ".?!।॥"  # the danda ends a Hindi sentence
CLOSERS = "\"'»”’)]"


CLAUSE_ENDS = ",;:—–"


def ends_sentence(word):
    """Whether a word (its text, leading space and all) ends a sentence, closing quotes aside."""
    return word.rstrip().rstrip(CLOSERS)[-1:] in SENTENCE_ENDS


def ends_clause(word, marks=CLAUSE_ENDS):
    """Whether a word (its text) ends on one of `marks`, closing quotes aside: a clause ends there."""
    return word.rstrip().rstrip(CLOSERS)[-1:] in marks


def text_of(words):
    """Whisper's words carry their own leading spaces; joined, they are the text."""
    return "".join(w["word"] for w in words).strip()


def normalize(text):
    """Lower case without punctuation (apostrophes kept), for comparing words and phrases."""
    return re.sub(r"[^\w' ]", "", text.lower()).strip()


def words_of(segments):
    return [w for seg in segments for w in seg["words"]]


def words_within(words, start, end):
    """The words whose middle lies in [start, end): a word straddling a boundary belongs to one side only."""
    return [w for w in words if start <= (w["start"] + w["end"]) / 2 < end]


def collapse_loops(words, max_repeats, keep=None):
    """Words with every run of more than `max_repeats` back-to-back copies of a 1-4 word phrase cut to `keep`
    copies (default `max_repeats`): Whisper stuck in a loop ("I'm out. I'm out. …") heard nothing there."""
    keep = max_repeats if keep is None else keep
    kept = list(words)
    for n in (1, 2, 3, 4):
        out, i = [], 0
        while i < len(kept):
            phrase = [normalize(w["word"]) for w in kept[i:i + n]]
            copies = 1
            while [normalize(w["word"]) for w in kept[i + copies * n:i + (copies + 1) * n]] == phrase:
                copies += 1
            if copies > max_repeats:
                out += kept[i:i + keep * n]
            else:
                out += kept[i:i + copies * n] if copies > 1 else kept[i:i + 1]
            i += copies * n if copies > 1 else 1
        kept = out
    return kept
