"""Word lists as the stages share them: their text, and a normalized form for comparing words."""

import re

SENTENCE_ENDS = ".?!।॥"  # the danda ends a Hindi sentence
CLOSERS = "\"'»”’)]"


def ends_sentence(word):
    """Whether a word (its text, leading space and all) ends a sentence, closing quotes aside."""
    return word.rstrip().rstrip(CLOSERS)[-1:] in SENTENCE_ENDS


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
