"""Cue translation into other languages through a backend (translation.backends); bilingual cues for
learners and checkers.

Whisper itself only translates into English (`asr.task: translate`). For any other target the `translate`
stage sends the cue texts to a backend. Timing stays the source cue's; the text is re-wrapped to the line
rules. A dialogue cue (one dash line per speaker) is translated line by line so its dashes survive, and a
glossary term with a `translation` comes out as the glossary says.
"""

from cinescribe.runtime.errors import CinescribeError
from cinescribe.subtitles.cues import CueStyle
from cinescribe.subtitles.line_breaks import wrap
from cinescribe.subtitles.song_marks import SONG, with_song_marks
from cinescribe.text.glossary import spelling_pattern

DASH = "- "


def _utterances(cue):
    """The texts to translate for a cue: one per dialogue line, else the whole cue as one sentence."""
    lines = [line.replace(SONG, "").strip() for line in cue["lines"]]
    if len(lines) > 1 and all(line.startswith(DASH) for line in lines):
        return [line.removeprefix(DASH) for line in lines]
    return [" ".join(lines)]


def glossary_translations(terms):
    """[(pattern matching any spelling of a term, its translation)] for terms that have one, longest first."""
    pairs = []
    for term in terms:
        if term.translation:
            pairs += [(spelling, term.translation) for spelling in term.spellings() if spelling]
    pairs.sort(key=lambda pair: -len(pair[0]))
    return [(spelling_pattern(spelling), translation) for spelling, translation in pairs]


def _with_glossary(text, glossary):
    """The glossary's translation put in place of each term before MT: a name-like phrase passes through."""
    used = []
    for pattern, translation in glossary:
        text, n = pattern.subn(translation, text)
        used += [translation] * bool(n)
    return text, used


def _restore_case(text, used):
    """MT may lower-case or re-case a term it copied; write it as the glossary does."""
    for translation in used:
        text = spelling_pattern(translation).sub(translation, text)
    return text


def translate_cues(cues, backend, source, target, style=CueStyle(), glossary=()):
    """The cues with their text in `target`, same times; a translation too long to wrap keeps one line."""
    per_cue = [_utterances(cue) for cue in cues]
    prepared = [_with_glossary(text, glossary) for texts in per_cue for text in texts]
    flat = [text for text, _ in prepared]
    translated = backend.translate(flat, source, target) if flat else []
    if len(translated) != len(flat):
        raise CinescribeError(f"the translation backend returned {len(translated)} texts for {len(flat)}")
    translated = [_restore_case(text.strip(), used) for text, (_, used) in zip(translated, prepared)]
    out, i = [], 0
    for cue, texts in zip(cues, per_cue):
        parts, i = translated[i:i + len(texts)], i + len(texts)
        if len(parts) > 1:
            lines = [f"{DASH}{part}" for part in parts]
        else:
            room = style.max_line_chars - 2 if cue.get("song") else style.max_line_chars
            lines = wrap(parts[0], room, style.max_lines) or [parts[0]]
            if cue.get("song"):
                lines = with_song_marks(lines)
        out.append({**cue, "lines": lines, "source_lines": cue["lines"], "words": cue.get("words", [])})
    return out


def bilingual_cues(cues):
    """One cue per source cue: the translation above, the original below (as learners' subtitles do)."""
    return [{**cue, "lines": cue["lines"] + cue["source_lines"]} for cue in cues]
