"""The glossary and cast list named in the config, as one list of terms (used by bias and corrections)."""

import os

from cinescribe.runtime.errors import CinescribeError
from cinescribe.glossary import load_cast, load_glossary


def configured_terms(glossary):
    """Glossary entries then cast names; a cast name already in the glossary is not repeated."""
    terms = load_glossary(glossary["file"]) if glossary["file"] else []
    known = {t.preferred for t in terms}
    if glossary["cast"]:
        terms += [t for t in load_cast(glossary["cast"]) if t.preferred not in known]
    return terms


KEYS = ("file", "cast", "windows", "windows_from_subtitles")


def glossary_files(glossary):
    """The files a change in which must redo the stages that read them; a missing one is one sentence."""
    for key in KEYS:
        if glossary[key] and not os.path.isfile(glossary[key]):
            raise CinescribeError(f"glossary.{key} {glossary[key]} does not exist")
    return [glossary[k] for k in KEYS if glossary[k]]
