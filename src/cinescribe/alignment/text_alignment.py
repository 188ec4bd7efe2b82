"""A script's words timed to the film: cues carrying exactly the script's words, where they are spoken.

The script's words are aligned in order to the recognised words (word_matching). A line counts as found when
at least `min_heard_share` of its words are among them, in one place (its matches, taken as one cluster of
nearby recognised words). Its matched words take their recognised times; the words between two matches share
the time of the recognised words between them (a misheard "lady" gives its time to the script's "baby"); the
words before its first match (after its last) take the unmatched recognised words just before (after) it, or
else a short stretch up to it. Lines not found are listed, not placed. Recognised words that no found line
holds, in runs of `unscripted_min_words` or more, are speech the script lacks: they become cues of their own,
flagged as transcribed. Then cues are cut (one per line, or the segmentation's cues for paragraphs and lines
too long for one cue) and timed by the same rules as the transcript's (subtitles.timing).
"""

import math
from collections import Counter

from cinescribe.alignment.checks import check_shared
from cinescribe.alignment.options import AlignOptions
from cinescribe.alignment.spread import spread
from cinescribe.alignment.word_matching import match_words, token
from cinescribe.subtitles.layout import lines_for
from cinescribe.subtitles.segmentation import segment
from cinescribe.subtitles.timing import time_cues
from cinescribe.text.words import text_of

LEAD_S_PER_WORD = 0.25  # an unheard word before a line's first heard word: about a syllable or two
PHRASE_GAP_S = 0.5  # an unmatched recognised word this close to a line's heard words may be one of its words
MAX_TAKE = 8  # a line takes at most this many unmatched recognised words at either end


def _cluster(matches, slack=4):
    """The largest run of a line's matches [(k, j)] whose recognised words lie together (no jump in j of more
    than the jump in k plus `slack`): a common word matched a scene away is left out."""
    runs, run = [], [matches[0]]
    for prev, cur in zip(matches, matches[1:]):
        if cur[1] - prev[1] > cur[0] - prev[0] + slack:
            runs.append(run)
            run = []
        run.append(cur)
    runs.append(run)
    return max(runs, key=len)


def _joined(heard, js, anchor, backwards):
    """The words of `js` that run on from heard[anchor] without a pause over PHRASE_GAP_S, at most MAX_TAKE."""
    out, last = [], anchor
    for j in (reversed(js) if backwards else js):
        pause = heard[last]["start"] - heard[j]["end"] if backwards else heard[j]["start"] - heard[last]["end"]
        if pause > PHRASE_GAP_S or len(out) == MAX_TAKE:
            break
        out.append(j)
        last = j
    return sorted(out)


def _share_between(heard, js, before, after):
    """The unmatched recognised words between two found lines, shared: (the earlier line's tail, the later
    line's head). Each takes only if it has unmatched words at that end, at most a phrase that runs on from
    its own heard words; when both do, they split at the longest pause."""
    need_left = before is not None and before.matches[-1][0] < len(before.unit.words) - 1
    need_right = after is not None and after.matches[0][0] > 0
    if not js or not (need_left or need_right):
        return [], []
    cut = len(js) if not need_right else 0 if not need_left else 1 + max(
        range(len(js) - 1), key=lambda k: heard[js[k + 1]]["start"] - heard[js[k]]["end"], default=-1)
    left = _joined(heard, js[:cut], before.matches[-1][1], backwards=False) if need_left else []
    right = _joined(heard, js[cut:], after.matches[0][1], backwards=True) if need_right else []
    return left, right


class _Line:
    """A found line as it is timed: its words' times, and the recognised words it takes (lo..hi)."""

    def __init__(self, unit, matches):
        self.unit, self.matches = unit, matches
        self.times = [None] * len(unit.words)
        self.lo, self.hi = matches[0][1], matches[-1][1]
        self.head, self.tail = [], []  # unmatched recognised words before its first match, after its last


def _time_line(line, heard, floor_t, ceil_t):
    """Each of the line's words timed: matched words as heard, the rest by the recognised words around them."""
    words, matches = line.unit.words, line.matches
    for k, j in matches:
        line.times[k] = (heard[j]["start"], heard[j]["end"])
    for (k1, j1), (k2, j2) in zip(matches, matches[1:]):
        if k2 > k1 + 1:
            between = heard[j1 + 1:j2]
            start, end = ((between[0]["start"], between[-1]["end"]) if between
                          else (heard[j1]["end"], heard[j2]["start"]))
            line.times[k1 + 1:k2] = spread(words[k1 + 1:k2], start, end)
    k0, j0 = matches[0]
    if k0:
        start = (heard[line.head[0]]["start"] if line.head
                 else max(floor_t, heard[j0]["start"] - LEAD_S_PER_WORD * k0))
        line.times[:k0] = spread(words[:k0], start, heard[j0]["start"])
        line.lo = line.head[0] if line.head else j0
    k1, j1 = matches[-1]
    if k1 + 1 < len(words):
        end = heard[line.tail[-1]]["end"] if line.tail else min(ceil_t, heard[j1]["end"] + LEAD_S_PER_WORD * (
            len(words) - k1 - 1))
        line.times[k1 + 1:] = spread(words[k1 + 1:], heard[j1]["end"], end)
        line.hi = line.tail[-1] if line.tail else j1


def _speakers(line, heard):
    """Each word's speaker: the script's NAME, else (a line) the recognised words' majority, else (a paragraph)
    the recognised word's own, carried over the words between."""
    if line.unit.speaker:
        return [line.unit.speaker] * len(line.unit.words)
    said = [heard[j].get("speaker") for j in range(line.lo, line.hi + 1)]
    if not line.unit.paragraph:
        common = Counter(s for s in said if s).most_common(1)
        return [common[0][0] if common else None] * len(line.unit.words)
    by_k = dict((k, heard[j].get("speaker")) for k, j in line.matches)
    out, current = [], next((s for s in by_k.values() if s), None)
    for k in range(len(line.unit.words)):
        current = by_k.get(k) or current
        out.append(current)
    return out


def _groups(line, words, style):
    """A line that fits one cue stays one; a paragraph (or a line too long) is cut by the segmentation."""
    if not line.unit.paragraph and lines_for(words, style.max_line_chars, style.max_lines) \
            and words[-1]["end"] - words[0]["start"] <= style.max_duration:
        return [words]
    return segment(words, style)


def find_lines(units, heard, options, film_language=None, path="script"):
    """The found lines (timing not yet done), the units not found, and the recognised words matched."""
    known = [(u, k) for u, unit in enumerate(units) for k in range(len(unit.words))]
    tokens = [token(units[u].words[k]) for u, k in known]
    pairs = match_words(tokens, [token(w["word"]) for w in heard])
    check_shared("script (align.text)", path, [t for t in tokens if t], len(pairs), film_language,
                 options.min_shared_share)
    by_unit = {}
    for i, j in pairs:
        u, k = known[i]
        by_unit.setdefault(u, []).append((k, j))
    found, missing = [], []
    for u, unit in enumerate(units):
        spoken = sum(1 for w in unit.words if token(w)) or 1
        matches = _cluster(by_unit[u]) if u in by_unit else []
        if matches and len(matches) >= max(min(2, spoken), math.ceil(options.min_heard_share * spoken)):
            found.append(_Line(unit, matches))
        else:
            missing.append(unit)
    matched = {j for line in found for _, j in line.matches}
    return found, missing, matched


def align_script(units, heard, style, context=None, timing=None, options=None, film_language=None,
                 path="script"):
    """(cues, summary): the script's lines (script.ScriptLine) as timed cues, speech the script lacks as
    flagged cues (`alignment: transcribed`), and what was not found."""
    options = options or AlignOptions()
    found, missing, matched = find_lines(units, heard, options, film_language, path)
    for n in range(len(found) + 1):
        before, after = found[n - 1] if n else None, found[n] if n < len(found) else None
        lo, hi = before.matches[-1][1] + 1 if before else 0, after.matches[0][1] if after else len(heard)
        tail, head = _share_between(heard, [j for j in range(lo, hi) if j not in matched], before, after)
        if before:
            before.tail = tail
        if after:
            after.head = head
    groups, flags = [], []
    for n, line in enumerate(found):
        floor_t = heard[found[n - 1].tail[-1] if found[n - 1].tail else found[n - 1].matches[-1][1]]["end"] \
            if n else 0.0
        ceil_t = heard[found[n + 1].head[0] if found[n + 1].head else found[n + 1].matches[0][1]]["start"] \
            if n + 1 < len(found) else math.inf
        _time_line(line, heard, floor_t, ceil_t)
        speakers = _speakers(line, heard)
        words = [{"start": s, "end": max(e, s), "word": f" {w}", "probability": 1.0, "speaker": who}
                 for w, (s, e), who in zip(line.unit.words, line.times, speakers)]
        for group in _groups(line, [{k: v for k, v in w.items() if v is not None} for w in words], style):
            groups.append(group)
            flags.append(None)
    held = [False] * len(heard)
    for line in found:
        held[line.lo:line.hi + 1] = [True] * (line.hi + 1 - line.lo)
    transcribed = 0
    for run in _runs([j for j in range(len(heard)) if not held[j]], heard, style.max_gap):
        if len(run) >= options.unscripted_min_words:
            transcribed += len(run)
            for group in segment([heard[j] for j in run], style):
                groups.append(group)
                flags.append("transcribed")
    order = sorted(range(len(groups)), key=lambda g: groups[g][0]["start"])
    timed = time_cues([groups[g] for g in order], style, context, timing)
    cues = []
    for cue, g in zip(timed, order):
        cue["lines"] = lines_for(cue["words"], style.max_line_chars, style.max_lines) or [text_of(cue["words"])]
        cue["song"] = False
        if flags[g]:
            cue["alignment"] = flags[g]
        cues.append(cue)
    summary = {"mode": "text", "lines": len(units), "found": len(found),
               "not_found": [{"line": u.number, "text": u.text} for u in missing],
               "transcribed_cues": sum(1 for f in flags if f), "transcribed_words": transcribed}
    return cues, summary


def _runs(js, heard, max_gap):
    """Consecutive recognised words (no index skipped, no pause over max_gap) as lists of indices."""
    runs = []
    for j in js:
        if runs and runs[-1][-1] == j - 1 and heard[j]["start"] - heard[j - 1]["end"] <= max_gap:
            runs[-1].append(j)
        else:
            runs.append([j])
    return runs
