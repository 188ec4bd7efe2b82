"""Text length as a viewer sees it: user-perceived characters (extended grapheme clusters), not code points.

In Devanagari a consonant with its vowel sign, or a conjunct joined by a virama, is one visible character
made of two to five code points: counted by code points, a Hindi line of 42 would show ~25 characters and its
reading speed would look twice as fast as it is. The `regex` module's \\X follows Unicode's segmentation rules.
"""

import regex

_CLUSTER = regex.compile(r"\X")
_DEVANAGARI = regex.compile(r"\p{Devanagari}")


def visible_length(text):
    """How many characters a viewer counts in `text` (a space counts as one)."""
    if text.isascii():  # the common case, and every ASCII character is its own cluster (CRLF aside)
        return len(text)
    return len(_CLUSTER.findall(text))


def has_devanagari(text):
    return bool(_DEVANAGARI.search(text))


def clusters(text):
    """`text` split into its visible characters (never between a consonant and its vowel sign or virama)."""
    return _CLUSTER.findall(text)
