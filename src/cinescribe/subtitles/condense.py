"""Condensation: what a subtitler leaves out of a cue too fast to read. Reading speed is met by timing and
segmentation first (cues.py stretches cues into the silence around them); a cue still over the language's
limit (reading_speed.max_cps_for) may then lose, in this order of preference and only until it fits:

1. fillers: um, uh, er, ah, hmm (anywhere) and "you know", "I mean" where they are set off as fillers (at a
   clause start and followed by a comma, or between commas; "do you know him" and "I mean it" keep theirs);
2. stutters: a word's cut-off start before the word ("I- I", "th- the", "w-we", "I-I"; not "so-so");
3. immediate repeats: "the the", "I I" ("had had" is grammar and stays).

Each removal is listed with its time and reason, for the review page. Punctuation and capitals a removed word
carried are repaired: "Um, yes." → "Yes."; "It's fine, you know." → "It's fine."; "It's, um, fine." →
"It's fine.". The fillers are English only: Hindi's (मतलब, यानी, …) are also ordinary words and no citable list
tells them apart, so Hindi cues lose only stutters and repeats. Sung cues are never condensed.

Where it plugs in (`subtitles.condense`, off by default): cues.build_cues calls condense_cues after timing,
per cue, before the lines are final, with the reading-speed limit reading_speed.resolved_style gives.
"""

import re
from dataclasses import dataclass, field

from cinescribe.shapes import Removal
from cinescribe.subtitles.layout import lines_for as layout_lines
from cinescribe.subtitles.reading_speed import base_language, chars_per_second
from cinescribe.text.words import text_of

FILLERS = frozenset({"um", "umm", "uh", "uhh", "uhm", "er", "erm", "ah", "hmm", "hm", "mm", "mhm"})
PHRASE_FILLERS = (("you", "know"), ("i", "mean"))
KEPT_REPEATS = frozenset({"had", "that"})  # "he had had enough", "I knew that that was…"
CLAUSE_END = ",;:—–…"
SENTENCE_END = ".?!।"
_EDGE = re.compile(r"^[^\w]+|[^\w]+$")


@dataclass
class Condensed:
    """A cue's words after condensation, and what was taken out of it (start, end, text, reason)."""

    words: list = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)


def _bare(word):
    """A word without its space, punctuation around it, or case: 'Um,' → 'um'; 'w-we' stays 'w-we'."""
    return _EDGE.sub("", word["word"].strip()).lower()


def _trailing(word):
    """The punctuation a word ends with ('' for none)."""
    text = word["word"].rstrip()
    return text[len(text.rstrip(CLAUSE_END + SENTENCE_END + "\"'")):]


def _set_off_before(words, i):
    return i == 0 or bool(_trailing(words[i - 1]) and _trailing(words[i - 1])[-1] in CLAUSE_END + SENTENCE_END)


def _fillers(words):
    """(start index, end index) of the first filler."""
    for i, word in enumerate(words):
        if _bare(word) in FILLERS:
            return i, i + 1
        for phrase in PHRASE_FILLERS:
            j = i + len(phrase)
            if tuple(_bare(w) for w in words[i:j]) != phrase:
                continue
            after = _trailing(words[j - 1])
            comma_after = after.startswith(",")
            closes = bool(after) and after[0] in SENTENCE_END and i > 0 and _trailing(words[i - 1]).endswith(",")
            if _set_off_before(words, i) and (comma_after or closes):
                return i, j
    return None


def _stutter_parts(bare):
    """['w', 'we'] for 'w-we': cut-off starts each a prefix of the word they end in (not 'so-so', 'co-op')."""
    parts = bare.split("-")
    if len(parts) < 2 or not all(parts):
        return None
    last = parts[-1]
    if all(last.startswith(p) and (len(p) < len(last) or len(p) == 1) for p in parts[:-1]):
        return parts
    return None


def _stutter(words):
    """('drop', i) for a cut-off word before its word ('I-' then 'I'), or ('trim', i) for 'w-we' in one."""
    for i, word in enumerate(words):
        bare = word["word"].strip().lower()
        bare = re.sub(r"^[^\w]+|[^\w-]+$", "", bare)
        if bare.endswith("-") and i + 1 < len(words):
            start = bare.rstrip("-")
            if start and _bare(words[i + 1]).startswith(start):
                return "drop", i
        elif _stutter_parts(bare):
            return "trim", i
    return None


def _repeat(words):
    for i in range(len(words) - 1):
        bare = _bare(words[i])
        if bare and bare == _bare(words[i + 1]) and bare not in KEPT_REPEATS:
            return i, i + 1
    return None


def _capitalized(word):
    text = word["word"].strip()
    return text[:1].isupper()


def _with_text(word, text):
    """A copy of the word with new text, keeping its leading space."""
    lead = word["word"][: len(word["word"]) - len(word["word"].lstrip())]
    return {**word, "word": lead + text}


def _drop(words, i, j):
    """words without words[i:j], punctuation and capitals repaired around the gap."""
    removed, out = words[i:j], [dict(w) for w in words]
    before, after = (out[i - 1] if i else None), (out[j] if j < len(out) else None)
    carried = _trailing(removed[-1])
    if before is not None:
        prev_end = _trailing(before)
        if carried and carried[0] in SENTENCE_END and prev_end.endswith(","):
            # "fine, you know." → "fine."
            out[i - 1] = _with_text(before, before["word"].strip()[: -len(prev_end)] + carried)
        elif prev_end.endswith(",") and (carried.startswith(",") or after is None):
            # "It's, um, fine." → "It's fine."; "It's fine, um" → "It's fine"
            out[i - 1] = _with_text(before, before["word"].strip()[:-1])
        elif after is None and carried and not prev_end:
            out[i - 1] = _with_text(before, before["word"].strip() + carried)
    starts_sentence = before is None or (_trailing(before)[-1:] in SENTENCE_END and _trailing(before) != "")
    if after is not None and starts_sentence and _capitalized(removed[0]):
        text = after["word"].strip()
        out[j] = _with_text(after, text[:1].upper() + text[1:])
    return out[:i] + out[j:]


def _removal(words, reason):
    return Removal(start=round(words[0]["start"], 3), end=round(words[-1]["end"], 3), text=text_of(words),
                   reason=reason)


def condense(words, seconds, max_cps, language="en") -> Condensed:
    """The cue's words with fillers, then stutters, then immediate repeats taken out one at a time, only while
    the cue (its words' text over `seconds` on screen) reads faster than `max_cps`; the input is not changed.
    Fillers are English words ("er" is German for "he"): other languages lose only stutters and repeats."""
    words, removals = [dict(w) for w in words], []
    english = base_language(language) == "en"
    while words and chars_per_second(words, seconds) > max_cps:
        span = _fillers(words) if english else None
        if span:
            removals.append(_removal(words[span[0]:span[1]], "filler"))
            words = _drop(words, *span)
            continue
        stutter = _stutter(words)
        if stutter:
            kind, i = stutter
            if kind == "drop":
                removals.append(_removal(words[i:i + 1], "stutter"))
                words = _drop(words, i, i + 1)
            else:
                text = words[i]["word"].strip()
                cut = text.rfind("-") + 1
                kept = text[cut:]
                if text[:1].isupper():
                    kept = kept[:1].upper() + kept[1:]
                removals.append(Removal(start=round(words[i]["start"], 3), end=round(words[i]["end"], 3),
                                        text=text[:cut], reason="stutter"))
                words[i] = _with_text(words[i], kept)
            continue
        span = _repeat(words)
        if span:
            removals.append(_removal(words[span[0]:span[1]], "repeat"))
            words = _drop(words, *span)
            continue
        break
    return Condensed(words=words, removals=removals)


def condense_cues(cues, max_cps, lines_for=None, max_line_chars=42, max_lines=2, language="en"):
    """(cues, removals): each cue over `max_cps` condensed and its lines rebuilt with `lines_for` (words,
    max_line_chars, max_lines → lines or None; cues.lines_for when not given); other cues as they were."""
    lines_for = lines_for or layout_lines
    out, removals = [], []
    for cue in cues:
        seconds = cue["end"] - cue["start"]
        if cue.get("song") or chars_per_second(cue["words"], seconds) <= max_cps:
            out.append(cue)
            continue
        condensed = condense(cue["words"], seconds, max_cps, language)
        if not condensed.removals:
            out.append(cue)
            continue
        lines = lines_for(condensed.words, max_line_chars, max_lines) or [text_of(condensed.words)]
        out.append({**cue, "words": condensed.words, "lines": lines, "condensed": condensed.removals})
        removals += condensed.removals
    return out, removals
