"""Cues → subtitle files via pysubs2 (SRT, WebVTT with voice tags, ASS with speaker names), plus TSV and
JSON for review tools; every file written atomically."""

import json

import pysubs2

from cinescribe.runtime.atomic import atomic_path, write_text
from cinescribe.shapes import CueRecord


def cue_speaker(cue, names):
    """The cue's one speaker (by display name if given), or None for none or a dialogue cue."""
    speakers = {w.get("speaker") for w in cue["words"]} - {None}
    if len(speakers) != 1:
        return None
    speaker = speakers.pop()
    return names.get(speaker, speaker)


def cue_speakers(cue, names):
    """Every speaker of the cue in order of speaking, by display name where one is given."""
    order = dict.fromkeys(w["speaker"] for w in cue["words"] if w.get("speaker"))
    return [names.get(s, s) for s in order]


def _file(cues, fmt, names):
    subs = pysubs2.SSAFile()
    for cue in cues:
        speaker = cue_speaker(cue, names)
        text = r"\N".join(cue["lines"])
        if fmt == "vtt" and speaker and names:
            text = f"<v {speaker}>{text}"  # WebVTT voice tag: players can show or style the speaker
        if fmt == "ass" and cue.get("song"):
            text = rf"{{\i1}}{text}{{\i0}}"  # lyrics in italics, the ASS convention
        event = pysubs2.SSAEvent(start=int(round(cue["start"] * 1000)), end=int(round(cue["end"] * 1000)),
                                 text=text, name=speaker or "")
        subs.append(event)
    return subs


def _record(cue, names):
    record = CueRecord(start=cue["start"], end=cue["end"], lines=cue["lines"], speaker=cue_speaker(cue, names),
                       speakers=cue_speakers(cue, names), song=bool(cue.get("song")))
    for optional in ("voice", "condensed", "alignment"):
        if cue.get(optional):
            record[optional] = cue[optional]
    return record


def write_subtitles(cues, paths, meta=None, names=None):
    """`paths`: {format: path} for any of srt, vtt, ass, tsv, json; `names` maps SPEAKER_00 → Diane."""
    names = names or {}
    for fmt, path in paths.items():
        if fmt in ("srt", "vtt", "ass"):
            with atomic_path(path) as tmp:
                _file(cues, fmt, names).save(str(tmp), format_=fmt, encoding="utf-8")
        elif fmt == "tsv":
            rows = ["start\tend\tspeaker\ttext"] + [
                f"{c['start']:.3f}\t{c['end']:.3f}\t{cue_speaker(c, names) or ''}\t{' / '.join(c['lines'])}"
                for c in cues]
            write_text(path, "\n".join(rows) + "\n")
        elif fmt == "json":
            doc = {**(meta or {}),
                   "cues": [_record(c, names) for c in cues],
                   "words": [w for c in cues for w in c["words"]]}
            write_text(path, json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
        else:
            raise ValueError(f"unknown subtitle format {fmt}")
