"""The glossary and the cast list: the names a film uses and how each must be written. Chunk prompts
(asr.prompts), spelling corrections (transcript.corrections), Latin letters (text.romanize) and translations
(translation.cues) all read the same terms."""

import os
import re
from dataclasses import dataclass, field

from cinescribe.runtime.errors import CinescribeError
from cinescribe.runtime.textfiles import tsv_rows

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


def split_terms(cell):
    """A cell's terms: `;` or `|` between them."""
    return [part for part in SEPARATORS.split(cell.strip()) if part] if cell else []


def load_glossary(path):
    """TSV with a header: term, preferred, aliases (; or | between them), translation, context."""
    rows = tsv_rows(path, "glossary")
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
        terms.append(Term(cell["term"], cell.get("preferred") or cell["term"], split_terms(cell.get("aliases", "")),
                          cell.get("translation", ""), cell.get("context", "")))
    return terms


def load_cast(path):
    """One name per line, optionally a tab and its aliases: the cast are glossary terms everywhere."""
    return [Term(row[0].strip(), row[0].strip(), split_terms(row[1]) if len(row) > 1 else [])
            for row in tsv_rows(path, "cast list") if row and row[0].strip()]


def spelling_pattern(spelling):
    """A spelling as a whole word or phrase, any case."""
    return re.compile(rf"(?<!\w){re.escape(spelling)}(?!\w)", re.IGNORECASE)


def mentions(text, term):
    """Whether `text` names `term` by any of its spellings."""
    return any(spelling_pattern(s).search(text) for s in term.spellings())


def configured_terms(glossary):
    """Glossary entries then cast names; a cast name already in the glossary is not repeated."""
    terms = load_glossary(glossary["file"]) if glossary["file"] else []
    known = {t.preferred for t in terms}
    if glossary["cast"]:
        terms += [t for t in load_cast(glossary["cast"]) if t.preferred not in known]
    return terms


GLOSSARY_FILES = ("file", "cast", "windows", "windows_from_subtitles")


def glossary_files(glossary):
    """The files a change in which must redo the stages that read them; a missing one is one sentence."""
    for key in GLOSSARY_FILES:
        if glossary[key] and not os.path.isfile(glossary[key]):
            raise CinescribeError(f"glossary.{key} {glossary[key]} does not exist")
    return [glossary[k] for k in GLOSSARY_FILES if glossary[k]]
