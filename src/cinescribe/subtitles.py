"""Words → subtitle cues (basic line and duration limits) and SRT/WebVTT/JSON files via pysubs2."""

import json

import pysubs2

from .atomic import atomic_path, write_text


def wrap(text, max_chars=42, max_lines=2):
    """Split text into at most max_lines lines of at most max_chars, balanced; None if it cannot fit."""
    words = text.split()
    if not words:
        return []
    if len(text) <= max_chars:
        return [text]
    if max_lines == 1:
        return None
    best = None
    for i in range(1, len(words)):
        head = " ".join(words[:i])
        if len(head) > max_chars:
            break
        rest = wrap(" ".join(words[i:]), max_chars, max_lines - 1)
        if rest is None:
            continue
        # prefer balanced lines, and breaks after punctuation
        score = abs(len(head) - max(len(r) for r in rest)) - (8 if head[-1] in ",.;:?!" else 0)
        if best is None or score < best[0]:
            best = (score, [head] + rest)
    return best[1] if best else None


def _text(words):
    return "".join(w["word"] for w in words).strip()


def build_cues(words, max_line_chars=42, max_lines=2, max_duration=7.0, min_duration=5 / 6, max_gap=1.0,
               min_gap=2 / 24):
    """Greedy cues: a new cue starts at a long pause, after a sentence end, or when text or time runs out."""
    groups, current = [], []
    for word in words:
        if current:
            text = _text(current + [word])
            too_long = wrap(text, max_line_chars, max_lines) is None or word["end"] - current[0]["start"] > max_duration
            pause = word["start"] - current[-1]["end"] > max_gap
            sentence_end = current[-1]["word"].rstrip()[-1:] in ".?!" and len(_text(current)) > max_line_chars / 2
            if too_long or pause or sentence_end:
                groups.append(current)
                current = []
        current.append(word)
    if current:
        groups.append(current)
    cues = []
    for i, group in enumerate(groups):
        start, end = group[0]["start"], group[-1]["end"]
        next_start = groups[i + 1][0]["start"] - min_gap if i + 1 < len(groups) else float("inf")
        end = max(end, min(start + min_duration, next_start))
        end = min(end, start + max_duration)
        text = _text(group)
        cues.append({"start": round(start, 3), "end": round(end, 3),
                     "lines": wrap(text, max_line_chars, max_lines) or [text], "words": group})
    return cues


def _ssa(cues):
    subs = pysubs2.SSAFile()
    for cue in cues:
        subs.append(pysubs2.SSAEvent(start=int(round(cue["start"] * 1000)), end=int(round(cue["end"] * 1000)),
                                     text=r"\N".join(cue["lines"])))
    return subs


def write_subtitles(cues, srt=None, vtt=None, json_path=None, meta=None):
    """Write each requested format atomically."""
    subs = _ssa(cues)
    for path, fmt in ((srt, "srt"), (vtt, "vtt")):
        if path:
            with atomic_path(path) as tmp:
                subs.save(str(tmp), format_=fmt, encoding="utf-8")
    if json_path:
        doc = {**(meta or {}), "cues": [{k: c[k] for k in ("start", "end", "lines")} for c in cues],
               "words": [w for c in cues for w in c["words"]]}
        write_text(json_path, json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
