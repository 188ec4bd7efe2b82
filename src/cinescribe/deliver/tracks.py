"""Which subtitle tracks go into the film, and how a player names them: an ISO 639-2 tag and a title each.

Matroska's Language element holds ISO 639-2 bibliographic codes (`fre`, `ger`, `chi`), which players map to
their menus; langcodes knows the table, so `fr` becomes `fre` and `hi-Latn` `hin` (the script goes in the
title, which is where a viewer reads it).
"""

from dataclasses import dataclass

import langcodes

from cinescribe.text.languages import ENGLISH_NAMES


@dataclass(frozen=True)
class SubtitleTrack:
    """One subtitle file to mux: its path, its language as the run names it (`hi`, `hi-Latn`, `pt`), the
    Matroska tag and title a player shows, and whether players pick it by default."""

    path: str
    language: str
    tag: str
    title: str
    default: bool = False


def matroska_language(code):
    """ISO 639-2/B code of a language tag (`en` → `eng`, `fr` → `fre`, `hi-Latn` → `hin`); `und` if unknown."""
    try:
        return langcodes.Language.get(code).to_alpha3(variant="B")
    except (LookupError, ValueError):
        return "und"


def _name(code):
    return ENGLISH_NAMES.get(code, code)


def subtitle_tracks(main, latin=None, translations=(), source_language=None):
    """The tracks in the order a player lists them: the film's language first (the default), its Latin-letter
    twin, then each translation. `main`, `latin`: (path, language); `translations`: (path, target) pairs."""
    path, lang = main
    tracks = [SubtitleTrack(path, lang, matroska_language(lang), _name(lang), default=True)]
    if latin:
        tracks.append(SubtitleTrack(latin[0], f"{lang}-Latn", matroska_language(lang),
                                    f"{_name(lang)} (Latin letters)"))
    for path, target in translations:
        tracks.append(SubtitleTrack(path, target, matroska_language(target),
                                    f"{_name(target)} (translated from {_name(source_language or lang)})"))
    return tracks
