"""Where one cue ends and the next begins, chosen over the whole word stream by dynamic programming.

Filling each cue until it is full breaks where the space runs out, not where the sentence breaks: a cue then
opens with the last word of the sentence before ("deep. This is Diane in New Jersey."). Here every way of
cutting the stream into cues that meet the rules is scored and the cheapest is kept. A cue must fit its lines,
last at most max_duration, hold no pause over max_gap, keep song and speech apart and carry at most one change
of speaker, as a dash pair (`layout.lines_for`). Among those cuts, breaks at a sentence end, clause
punctuation, before a conjunction, at a pause or a change of speaker are rewarded; breaks after a dangling
word, before a one- or two-word sentence tail, or that leave short or unbalanced cues cost (`BreakCosts`); a
dash pair holds whole sentences: neither line may run on from the cue before or into the cue after.

Each cue looks back only as far as a cue can reach (its lines' characters, max_duration, a pause), so the work
grows linearly with the film: 25,000 words (a 2.5-3 hour film) take 0.5-0.7 s (bench/segmentation.py). The
balance of neighbouring durations is judged against the cue before on the cheapest path so far, which keeps
the search linear (an exact pairwise term would multiply it by the words a cue can hold).
"""

import math
from dataclasses import dataclass

from cinescribe.runtime.options import StageOptions
from cinescribe.subtitles.line_breaks import CONJUNCTIONS, DANGLING, POSTPOSITIONS
from cinescribe.text.graphemes import visible_length
from cinescribe.text.words import ends_clause, ends_sentence

AUXILIARIES = {"is", "are", "was", "were", "am", "be", "been", "have", "has", "had", "do", "does", "did",
               "will", "would", "can", "could", "should", "must", "shall", "may", "might"}
# a cue ending on one of these leaves its phrase open: articles, prepositions, pronouns (line_breaks.DANGLING),
# auxiliaries and conjunctions
PHRASE_OPENERS = DANGLING | AUXILIARIES | CONJUNCTIONS
MAX_WORDS = 60  # no cue holds more words, whatever its characters would allow
GAP_S, LINGER_MAX_S = 2 / 24, 0.5  # a cue may stay into the silence after it, up to half a second, 2 frames clear


@dataclass
class BreakCosts(StageOptions):
    """What a break between two cues costs (negative: a reward); `subtitles.segmentation` in config/schema.yaml."""

    sentence_end: float = -10.0
    clause: float = -4.0
    conjunction: float = -2.0
    pause: float = -6.0
    speaker_change: float = -4.0
    mid_phrase: float = 2.0
    dangling: float = 8.0
    orphan: float = 30.0
    tail_cue: float = 4.0
    dash_tail: float = 20.0
    short_cue: float = 12.0
    balance: float = 1.0
    per_cue: float = 10.0
    fast: float = 0.0
    fast_dash: float = 1.0


def _bare(word):
    return word.strip().strip(".,;:!?\"'“”‘’()[]-—–…।॥").lower()


def _speaker(word):
    return word.get("speaker")


def _song(word):
    return bool(word.get("song"))


def break_costs(words, style, costs):
    """cost[b]: what a cue break before words[b] costs, for 0 < b < len(words) (the pause, the punctuation,
    the words either side, and whether the next cue would open with the end of this cue's sentence)."""
    n = len(words)
    ends = [ends_sentence(w["word"]) for w in words]
    out = [0.0] * (n + 1)
    for b in range(1, n):
        before, after = words[b - 1], words[b]
        cost = 0.0
        if ends[b - 1]:
            cost += costs.sentence_end
        elif ends_clause(before["word"]):
            cost += costs.clause
        else:
            cost += costs.mid_phrase
            if _bare(before["word"]) in PHRASE_OPENERS or _bare(after["word"]) in POSTPOSITIONS:
                cost += costs.dangling
        if not ends[b - 1]:
            if _bare(after["word"]) in CONJUNCTIONS:
                cost += costs.conjunction
            if ends[b] or (b + 1 < n and ends[b + 1]):  # the next cue would open with this sentence's tail
                cost += costs.orphan
        pause = min(max(after["start"] - before["end"], 0.0), style.max_gap)
        cost += costs.pause * pause
        if _speaker(after) != _speaker(before):
            cost += costs.speaker_change
        out[b] = cost
    return out


def segment(words, style, costs=None):
    """The words cut into cues (lists of words) that meet `style`'s rules, at the cheapest breaks."""
    costs = costs or getattr(style, "segmentation", None) or BreakCosts()
    n = len(words)
    if not n:
        return []
    width, lines_max = style.max_line_chars, style.max_lines
    lengths = [visible_length(" ".join(w["word"].split())) for w in words]
    ends = [ends_sentence(w["word"]) for w in words]
    cut = break_costs(words, style, costs)
    pause_after = [b["start"] - a["end"] for a, b in zip(words, words[1:])] + [LINGER_MAX_S + GAP_S]
    best = [0.0] + [math.inf] * n
    back = [0] * (n + 1)
    for j in range(1, n + 1):
        last = words[j - 1]
        sung = _song(last)
        line_width = width - 2 if sung else width  # room for the ♪ marks
        lines, line = 1, 0  # the cue's lines filled from its end backwards: words prepended keep the fill
        chars = -1  # all the cue's text on one line
        change = None  # the first word after the change of speaker
        first = 0  # characters of the first speaker's part (a dash pair)
        inner_end = False  # a sentence ends inside the cue (before its last word)
        for i in range(j - 1, max(j - 1 - MAX_WORDS, -1), -1):
            word = words[i]
            if i < j - 1:
                nxt = words[i + 1]
                if (_song(word) != sung or nxt["start"] - word["end"] > style.max_gap
                        or last["end"] - word["start"] > style.max_duration):
                    break
                inner_end = inner_end or ends[i]
            length = lengths[i]
            chars += 1 + length
            fits = True
            if not sung and i < j - 1 and _speaker(word) != _speaker(words[i + 1]):
                if change is not None or lines_max < 2:
                    fits = False
                else:
                    change, first = i + 1, length
                    fits = chars - length - 1 + 2 <= width and first + 2 <= width
            elif change is not None:
                first += 1 + length
                fits = first + 2 <= width
            else:
                if line and line + 1 + length <= line_width:
                    line += 1 + length
                elif line:
                    lines, line = lines + 1, length
                else:
                    line = length
                fits = lines <= lines_max and length <= line_width
            if not fits and i < j - 1:
                break
            duration = last["end"] - word["start"]
            cost = best[i] + costs.per_cue
            if change is not None and j < n and not ends[j - 1]:  # its second line's sentence runs on
                cost += costs.dash_tail
            if i:
                cost += cut[i]
                if not ends[i - 1]:  # the cue goes on a sentence begun in the cue before
                    if change is not None:
                        cost += costs.dash_tail
                    elif ends[j - 1] and not inner_end:
                        cost += costs.tail_cue
                before = words[i - 1]["end"] - words[back[i]]["start"]
                cost += costs.balance * abs(math.log((duration + 1.0) / (before + 1.0)))
            if duration < style.min_duration:
                cost += costs.short_cue * (1 - duration / style.min_duration)
            fast = costs.fast + (costs.fast_dash if change is not None else 0.0)
            if fast:  # faster than the reading speed even with the silence after it (up to half a second)
                shown = duration + min(max(pause_after[j - 1] - GAP_S, 0.0), LINGER_MAX_S)
                cost += fast * max(0.0, chars / max(shown, 1e-3) - style.max_cps)
            if cost < best[j]:
                best[j], back[j] = cost, i
    groups, j = [], n
    while j:
        groups.append(words[back[j]:j])
        j = back[j]
    return groups[::-1]
