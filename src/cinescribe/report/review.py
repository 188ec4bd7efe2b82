"""The review page: one self-contained HTML file per job to see, hear and fix its subtitles.

Everything the page shows is gathered here from the job's files (subtitles, transcript, VAD, chunk plan,
speaker turns, songs) into one JSON document that is inlined into the page: it opens from disk, offline, with
no server. Flags are computed here so a reviewer starts with what most likely needs a fix.
"""

import html
import json
import re
from importlib import resources

from cinescribe.report.checks import speech_without_subtitles
from cinescribe.subtitles.frame_grid import FrameGrid
from cinescribe.subtitles.qc import qc_failures
from cinescribe.subtitles.reading_speed import resolved_style

PAGE_FILES = resources.files("cinescribe.report") / "review_page"
ALIGNMENT_FLAGS = {"unheard": "words not heard: placed by its neighbours",
                   "transcribed": "not in the script: transcribed"}


def _words_by_cue(cues, words):
    """Each cue's words (a word belongs to the cue that holds its midpoint; cues and words are in time order)."""
    out, i = [], 0
    for cue in cues:
        mine = []
        while i < len(words) and (words[i]["start"] + words[i]["end"]) / 2 <= cue["end"] + 1e-3:
            if (words[i]["start"] + words[i]["end"]) / 2 >= cue["start"] - 1e-3:
                mine.append(words[i])
            i += 1
        out.append(mine)
    return out


def _tokens(lines, words):
    """Each line as [[token, probability or None], …]: the probabilities of the words the line shows."""
    said = [(w["word"].strip(), w.get("probability")) for w in words]
    k, out = 0, []
    for line in lines:
        row = []
        for token in line.split():
            probability = None
            for j in range(k, min(k + 3, len(said))):  # a dash or ♪ in the line is no word
                if said[j][0] == token:
                    probability, k = said[j][1], j + 1
                    break
            row.append([token, None if probability is None else round(probability, 3)])
        out.append(row)
    return out


def _ms(seconds):
    """Seconds on the millisecond the subtitle writers use, so a downloaded SRT matches the written one."""
    return int(round(seconds * 1000)) / 1000


def _overlapping(items, start, end):
    return [item for item in items if item["start"] < end and item["end"] > start]


def _seam_times(plan):
    chunks = sorted(plan.get("chunks", []), key=lambda c: c["start"])
    return [round(c["end"], 3) for c in chunks[:-1]]


def track_cues(doc, limits, min_probability, seams, corrections, seam_margin_s=0.5, grid=FrameGrid(), cuts=(),
               timing=None):
    """A subtitle file's cues with everything the page shows and the flags a reviewer filters on (the rules
    each breaks are the QC report's, subtitles.qc)."""
    cues = doc.get("cues", [])
    failures = qc_failures(cues, resolved_style(limits, doc.get("language")), grid, cuts, timing)  # its own speed
    grouped = _words_by_cue(cues, doc.get("words", []))
    out, previous = [], None
    for cue, words, broken in zip(cues, grouped, failures):
        tokens = _tokens(cue["lines"], words)
        speakers = cue.get("speakers") or ([cue["speaker"]] if cue.get("speaker") else [])
        flags = {}
        unsure = [t for line in tokens for t, p in line if p is not None and p < min_probability]
        if unsure:
            flags["unsure"] = unsure
        if broken:
            flags["timing"] = broken
        if cue.get("condensed"):
            flags["condensed"] = [f"{r['text'].strip()} ({r['reason']})" for r in cue["condensed"]]
        fixes = _overlapping(corrections, cue["start"], cue["end"])
        if fixes:
            flags["glossary"] = [f"{fix['from']} → {fix['to']}" for fix in fixes]
        if any(cue["start"] - seam_margin_s <= t <= cue["end"] + seam_margin_s for t in seams):
            flags["seam"] = True
        if cue.get("alignment"):
            flags["alignment"] = ALIGNMENT_FLAGS.get(cue["alignment"], cue["alignment"])
        if len(speakers) > 1 or (speakers and previous and speakers[0] != previous):
            flags["speaker"] = True
        previous = speakers[-1] if speakers else previous
        out.append({"start": _ms(cue["start"]), "end": _ms(cue["end"]), "lines": cue["lines"],
                    "tokens": tokens, "speaker": cue.get("speaker") or "", "speakers": speakers,
                    "song": bool(cue.get("song")), "flags": flags})
    return out


def absent_notes(turns, songs, cues, audio, alignment=None):
    """What the page cannot show, in words, so an empty lane is never mistaken for a finding (and the script
    lines that alignment could not place)."""
    notes = [f"Script line {row['line']} was not found in the film, so it has no cue: “{row['text']}”"
             for row in (alignment or {}).get("not_found", [])]
    if turns is None:
        notes.append("No speaker turns: diarization was off for this job (diarization.enabled).")
    elif not turns:
        notes.append("No speaker turns: diarization found no speech.")
    if songs is None:
        notes.append("No song detection: songs.mode is keep.")
    elif not songs:
        notes.append("No songs were found.")
    if not cues:
        notes.append("No cues: nothing was transcribed (a silent film, or speech the model did not understand).")
    if not audio:
        notes.append("No audio preview: review.audio is off.")
    return notes


def review_data(job, tracks, transcript, vad, plan, diarization=None, songs=None, *, limits, names=None,
                min_probability=0.5, seam_margin_s=0.5, audio=None, min_unsubtitled_s=2.0, unsubtitled_join_s=1.0,
                grid=FrameGrid(), cuts=(), timing=None, source=""):
    """The page's document. `tracks`: subtitle JSON documents, the film's own language first; `source`: the
    film's path, the source of the rows "Export cast" writes for the next film of a series."""
    names = names or {}
    seams = _seam_times(plan)
    corrections = transcript.get("corrections", [])
    removed = [{"start": round(r["start"], 3), "end": round(r["end"], 3), "text": r["text"],
                "reason": r.get("reason", "")} for r in transcript.get("removed", [])]
    turns = None
    if diarization is not None:
        turns = [[round(t["start"], 3), round(t["end"], 3), names.get(t["speaker"], t["speaker"])]
                 for t in diarization.get("turns", [])]
    song_spans = None if songs is None else [[round(s, 3), round(e, 3)] for s, e in songs.get("songs", [])]
    built = [{"language": doc.get("language", "?"), "source": i == 0,
              "cues": track_cues(doc, limits, min_probability, seams, corrections if i == 0 else [],
                                   seam_margin_s, grid, cuts, timing)}
             for i, doc in enumerate(tracks)]
    speakers = list(dict.fromkeys([names.get(s, s) for s in transcript.get("speakers", [])]
                                  + [t[2] for t in turns or []]))
    return {
        "job": job,
        "duration": vad.get("duration") or max([c["end"] for t in built for c in t["cues"]] + [0.0]),
        "audio": audio,
        "speech": [[round(s, 3), round(e, 3)] for s, e in vad.get("speech", [])],
        "seams": seams,
        "cuts": [round(c, 3) for c in cuts],
        "frame_rate": float(grid.rate),
        "speakers": speakers,
        "turns": turns,
        "songs": song_spans,
        "removed": removed,
        "unsubtitled": speech_without_subtitles(vad.get("speech", []), tracks[0]["cues"] if tracks else [],
                                                song_spans or [], min_unsubtitled_s, unsubtitled_join_s,
                                                vad.get("voice_like", [])),
        "tracks": built,
        "min_probability": min_probability,
        "named": bool(names),
        "source": source,
        "absent": absent_notes(turns, song_spans, built[0]["cues"] if built else [], audio,
                               tracks[0].get("alignment") if tracks else None) + unnamed_note(diarization),
    }


def unnamed_note(diarization):
    """With a cast: the voices no cast name matched clearly (they keep SPEAKER_NN), said, not hidden."""
    if not diarization or "cast" not in diarization:
        return []
    names = diarization.get("names", {})
    unnamed = [s for s in diarization.get("speakers", []) if s not in names]
    return [f"Voices no cast name matched clearly: {', '.join(unnamed)} (rename them here, then Export cast)."] \
        if unnamed else []


def _inline_json(data):
    """JSON safe inside <script>: no '</script>' or '<!--' can end the block early, whatever a cue says."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_page(data):
    """The whole page as one string: styles, script and data inline (no CDN, no network)."""
    page = (PAGE_FILES / "page.html").read_text(encoding="utf-8")
    parts = {
        "__TITLE__": html.escape(f"Review · {data['job']}"),
        "/*__CSS__*/": (PAGE_FILES / "review.css").read_text(encoding="utf-8"),
        "/*__JS__*/": (PAGE_FILES / "review.js").read_text(encoding="utf-8"),
        "__DATA__": _inline_json(data),
    }
    return re.sub("|".join(re.escape(marker) for marker in parts), lambda m: parts[m.group()], page)
