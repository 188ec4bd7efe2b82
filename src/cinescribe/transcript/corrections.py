"""Near-misses of glossary terms in the transcript are rewritten to the preferred spelling, and recorded.

A word (or up to three words Whisper split a name into) is a near-miss when it is a listed alias, or when it
is capitalised like a name and its letters are within `min_similarity` (normalised Levenshtein) of a term.

Spellings are compared in Latin letters: a Devanagari word is romanized first, so a term given as "Simran"
matches सिमरन and one given as सिमरन matches "Simran" (Hinglish transcripts mix both). Devanagari has no
capital letters to tell a name from a word, so a Devanagari near-miss must be `DEVANAGARI_MARGIN` closer.
"""

import re

import regex
from rapidfuzz.distance import Levenshtein

from cinescribe.text.graphemes import has_devanagari

MAX_WORDS = 3
MIN_LETTERS = 4
DEVANAGARI_MARGIN = 0.15
_NOT_A_LETTER = regex.compile(r"[^\p{L}\p{M}\p{N}]")


def _letters(text):
    """A spelling's letters for comparing: lower case, in Latin letters (vowel signs are letters too)."""
    if has_devanagari(text):
        from cinescribe.text.romanize import romanize  # loaded only for Hindi text

        text = romanize(text)
    return _NOT_A_LETTER.sub("", text).lower()


def _edges(word):
    """Leading whitespace and trailing punctuation of a Whisper word, kept around a replacement."""
    lead = re.match(r"^\s*", word).group(0)
    trail = regex.search(rf"{_NOT_A_LETTER.pattern}*$", word.strip()).group(0)  # a vowel sign is no punctuation
    return lead, trail


def _spelling_index(terms):
    exact, targets = {}, []
    for term in terms:
        for spelling in term.spellings():
            exact.setdefault(_letters(spelling), term)
        targets += [(letters, term) for letters in dict.fromkeys(_letters(s) for s in (term.preferred, term.term))]
    return exact, targets


def _match(words, exact, targets, min_similarity):
    """(similarity, term) for the term these words stand for, or (0, None)."""
    said = "".join(w["word"] for w in words)
    joined = _letters(said)
    if len(joined) < MIN_LETTERS:
        return 0.0, None
    if joined in exact:
        return 1.0, exact[joined]
    caseless = has_devanagari(said)
    if not caseless and not said.strip()[:1].isupper():
        return 0.0, None
    best, score = None, min(1.0, min_similarity + DEVANAGARI_MARGIN) if caseless else min_similarity
    for letters, term in targets:
        similarity = Levenshtein.normalized_similarity(joined, letters)
        if similarity >= score:
            best, score = term, similarity
    return (score, best) if best else (0.0, None)


def _best_span(words, i, exact, targets, min_similarity):
    """How many words from i make the closest match (fewest on a tie), and its term."""
    best_n, best_score, best_term = 0, 0.0, None
    for n in range(1, min(MAX_WORDS, len(words) - i) + 1):
        score, term = _match(words[i:i + n], exact, targets, min_similarity)
        if term and score > best_score:
            best_n, best_score, best_term = n, score, term
    return best_n, best_score, best_term


def correct_segment(segment, exact, targets, min_similarity):
    words, out, fixes, i = segment.get("words", []), [], [], 0
    while i < len(words):
        n, score, term = _best_span(words, i, exact, targets, min_similarity)
        if n > 1 and _best_span(words, i + 1, exact, targets, min_similarity)[1] >= score:
            term = None  # "Mr. Shekhawat": the name alone, from the next word, matches at least as well
        group = words[i:i + max(n, 1)]
        said = "".join(w["word"] for w in group).strip()
        if not term or said.strip(".,!?;:\"'।") == term.preferred:
            out.append(words[i])
            i += 1
            continue
        lead, _ = _edges(group[0]["word"])
        _, trail = _edges(group[-1]["word"])
        out.append({**group[0], "word": f"{lead}{term.preferred}{trail}", "end": group[-1]["end"],
                    "probability": min(w["probability"] for w in group)})
        fixes.append({"start": group[0]["start"], "end": group[-1]["end"], "from": said, "to": term.preferred,
                      "term": term.term})
        i += n
    if not fixes:
        return segment, []
    return {**segment, "words": out, "text": "".join(w["word"] for w in out).strip()}, fixes


def correct_terms(segments, terms, min_similarity=0.8):
    """Segments with near-misses rewritten, and the list of corrections made (for transcript.json)."""
    if not terms:
        return segments, []
    exact, targets = _spelling_index(terms)
    fixed, corrections = [], []
    for segment in segments:
        segment, fixes = correct_segment(segment, exact, targets, min_similarity)
        fixed.append(segment)
        corrections += fixes
    return fixed, corrections
