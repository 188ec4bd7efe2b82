"""Glossary, cast list and bias windows: what Whisper is told to expect in each chunk, and the spelling
fixes applied after it has spoken.

Whisper spells a name it has never seen by ear ("Rathor", "Busewil"); shown the names in its prompt it
spells most of them right, and a near-miss that slips through is corrected to the preferred spelling.
"""

import csv
import re
from dataclasses import dataclass, field

from cinescribe.runtime.errors import CinescribeError
from cinescribe.runtime.textfiles import read_text_file

SEPARATORS = re.compile(r"\s*[;|]\s*")


@dataclass
class Term:
    """One glossary entry: `preferred` is how it must be written; aliases are spellings to correct."""

    term: str
    preferred: str
    aliases: list = field(default_factory=list)
    translation: str = ""
    context: str = ""

    def spellings(self):
        return [self.preferred, self.term, *self.aliases]


def _rows(path, what):
    lines = [line for line in read_text_file(path, what).split("\n") if line.strip() and not line.lstrip().startswith("#")]
    return list(csv.reader(lines, delimiter="\t"))


def _split(cell):
    return [part for part in SEPARATORS.split(cell.strip()) if part] if cell else []


def load_glossary(path):
    """TSV with a header: term, preferred, aliases (; or | between them), translation, context."""
    rows = _rows(path, "glossary")
    if not rows:
        return []
    header = [h.strip().lower() for h in rows[0]]
    if "term" not in header:
        raise CinescribeError(f"the glossary {path} needs a header row with a 'term' column")
    terms = []
    for row in rows[1:]:
        cell = dict(zip(header, (c.strip() for c in row)))
        if not cell.get("term"):
            continue
        terms.append(Term(cell["term"], cell.get("preferred") or cell["term"], _split(cell.get("aliases", "")),
                          cell.get("translation", ""), cell.get("context", "")))
    return terms


def load_cast(path):
    """One name per line, optionally a tab and its aliases: the cast are glossary terms everywhere."""
    return [Term(row[0].strip(), row[0].strip(), _split(row[1]) if len(row) > 1 else [])
            for row in _rows(path, "cast list") if row and row[0].strip()]


def parse_time(text):
    """Seconds from `93.5`, `1:33.5` or `01:01:33,500`."""
    try:
        seconds = 0.0
        for part in text.strip().replace(",", ".").split(":"):
            seconds = seconds * 60 + float(part)
        return seconds
    except ValueError:
        raise CinescribeError(f"bias window time {text!r} is not seconds or HH:MM:SS") from None


def load_windows(path):
    """TSV rows `start, end, terms` (terms separated by ; or |): these names are expected in that span."""
    windows = []
    for row in _rows(path, "bias windows file"):
        if len(row) < 3 or row[0].strip().lower() == "start":
            continue
        windows.append({"start": parse_time(row[0]), "end": parse_time(row[1]), "terms": _split(row[2])})
    return windows


def spelling_pattern(spelling):
    """A spelling as a whole word or phrase, any case."""
    return re.compile(rf"(?<!\w){re.escape(spelling)}(?!\w)", re.IGNORECASE)


def _mentions(text, term):
    return any(spelling_pattern(s).search(text) for s in term.spellings())


def windows_from_subtitles(path, terms, margin_s=60.0):
    """Bias windows from an earlier subtitle file of the same film: a term is expected near where it was said."""
    import pysubs2

    try:
        subs = pysubs2.SSAFile.from_string(read_text_file(path, "subtitle file for bias windows"))
    except pysubs2.exceptions.FormatAutodetectionError as err:
        raise CinescribeError(f"cannot read the subtitle file for bias windows {path}: {err}") from None
    windows = []
    for event in subs:
        found = [t.preferred for t in terms if _mentions(event.plaintext, t)]
        if found:
            windows.append({"start": max(0.0, event.start / 1000 - margin_s), "end": event.end / 1000 + margin_s,
                            "terms": found})
    return windows


def chunk_terms(start, end, global_terms, windows):
    """Terms for [start, end]: those of overlapping windows first (they are the likeliest), then the rest."""
    local = [t for w in windows if w["start"] < end and w["end"] > start for t in w["terms"]]
    return list(dict.fromkeys(local + list(global_terms)))


# The prompt is written in the film's language: Whisper continues in the language and script it is shown.
PROMPTS = {"hi": "इस फ़िल्म में ये नाम आते हैं: {names}।", "en": "Names in this film: {names}."}


def bias_for(terms, prompt_chars, hotword_chars, language="en"):
    """initial_prompt and hotwords within budget; Whisper keeps only the end of a long prompt, so whole
    terms are dropped from the end of the list (the least likely) instead."""
    def fit(budget, joiner):
        kept, used = [], 0
        for term in terms:
            cost = len(term) + len(joiner)
            if used + cost > budget:
                break
            kept.append(term)
            used += cost
        return kept

    in_prompt = fit(prompt_chars, ", ")
    in_hotwords = fit(hotword_chars, " ")
    template = PROMPTS.get(language, PROMPTS["en"])
    return {"initial_prompt": template.format(names=", ".join(in_prompt)) if in_prompt else "",
            "hotwords": " ".join(in_hotwords), "terms": in_prompt}


def chunk_biases(chunks, terms, windows, prompt_chars, hotword_chars, language="en"):
    """{chunk index: bias} for a chunk plan: a term tied to windows is prompted only in chunks they overlap."""
    windowed = {t for w in windows for t in w["terms"]}
    everywhere = [t.preferred for t in terms if t.preferred not in windowed]
    return {str(c["index"]): bias_for(chunk_terms(c["audio_start"], c["audio_end"], everywhere, windows),
                                      prompt_chars, hotword_chars, language) for c in chunks}


def with_bias(asr, bias):
    """ASR options with the chunk's glossary prompt and hotwords after what the user set for every chunk."""
    prompt = " ".join(p for p in (asr["initial_prompt"], bias["initial_prompt"]) if p)
    hotwords = " ".join(h for h in (asr["hotwords"], bias["hotwords"]) if h)
    return dict(asr, initial_prompt=prompt, hotwords=hotwords)
