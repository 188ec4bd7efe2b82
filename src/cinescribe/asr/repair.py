"""Speech the first pass left without words, decoded again on its own.

Batched decoding hears each window once: where Whisper ends a window early (it did after one sentence of a
30 s window of dialogue over a music bed, and again under reverb), nothing seeks on, and the lines after are
lost without a trace. Decoding with timestamps (asr.segment_timestamps) removes most of it; this pass catches
the rest: every stretch of VAD speech with far fewer words than its length implies is decoded again without the
first pass's window around it (no prompt carried over, the full temperature fallback), and its words replace the
few it had. Such stretches are short (a dropped line, 2-4 s), and Whisper hears 30 s whatever it is given, so
the stretches of a chunk are laid end to end, with silence between, and decoded as one window: one encoder pass
for several lines. A stretch that window still leaves short of words is decoded alone. What still comes back
empty is left for the review page's "speech without subtitles".
"""

from dataclasses import dataclass

from cinescribe.runtime.options import StageOptions
from cinescribe.shapes import Segment, Span
from cinescribe.spans import clipped, uncovered
from cinescribe.text.words import collapse_loops, text_of, words_within


@dataclass
class RepairOptions(StageOptions):
    """When speech counts as unheard, and how it is decoded again (`asr.repair` in config/schema.yaml)."""

    min_speech_s: float = 0.8
    min_words_per_s: float = 0.6
    min_wordless_s: float = 0.8
    join_gap_s: float = 1.0
    max_window_s: float = 28.0
    packed_gap_s: float = 1.0
    pack_below_s: float = 8.0
    min_tokens: int = 16
    tokens_per_s: float = 12.0
    max_compression_ratio: float = 2.4  # the hallucination filter's: a loop it will remove heard nothing
    max_repeats: int = 4  # the hallucination filter's too: a phrase said more often back to back is a loop


def heard_words(segments, options=RepairOptions()):
    """The words a first pass really heard: a repetition loop ("hear me, me, me, …" over 28 s of dialogue) spreads
    its words over the lines it swallowed, and the hallucination filter removes it whole (or its repeats) at merge."""
    return [w for seg in segments if seg.get("compression_ratio", 0.0) <= options.max_compression_ratio
            for w in collapse_loops(seg["words"], options.max_repeats, keep=0)]


WORD_REACH_S = 0.2  # a word's times are Whisper's guess: speech this close to one is taken as its own


def wordless(speech, words, min_seconds) -> list[Span]:
    """Parts of VAD speech at least `min_seconds` long that no word reaches: a line dropped next to one that was
    heard (a region's words per second then look fine, yet a whole line of it has no word)."""
    if not min_seconds:
        return []
    reach = [(w["start"] - WORD_REACH_S, w["end"] + WORD_REACH_S) for w in sorted(words, key=lambda w: w["start"])]
    return [(a, b) for s, e in speech for a, b in uncovered(s, e, reach) if b - a >= min_seconds]


def unheard_spans(speech, segments, options=RepairOptions()) -> list[Span]:
    """VAD speech that came back with too few words, joined across short pauses into windows of at most
    `max_window_s`. A stretch is unheard when it holds `min_speech_s` of speech and fewer than
    `min_words_per_s` words per second of it (people say 2-3 words a second; Whisper's dropped lines give 0),
    or when `min_wordless_s` of it has no word at all."""
    words = heard_words(segments, options)
    thin = sorted([(s, e) for s, e in speech if len(words_within(words, s, e)) < options.min_words_per_s * (e - s)]
                  + wordless(speech, words, options.min_wordless_s))
    windows = []
    for s, e in thin:
        if windows and s - windows[-1][1] <= options.join_gap_s and e - windows[-1][0] <= options.max_window_s:
            windows[-1][1] = max(windows[-1][1], e)
        else:
            windows.append([s, e])
    unheard = []
    for s, e in windows:
        spoken = sum(b - a for a, b in clipped(speech, s, e))
        silent = sum(b - a for a, b in wordless(clipped(speech, s, e), words, options.min_wordless_s))
        if spoken >= options.min_speech_s and (silent or len(words_within(words, s, e)) < options.min_words_per_s * spoken):
            unheard.append([round(s, 3), round(e, 3)])
    return unheard


def replace_words(segments, window, repaired) -> list[Segment]:
    """`segments` with the words inside `window` given up for the `repaired` segments, in time order.

    A first-pass segment that reaches into the window keeps its words outside it (its text rebuilt from them),
    so nothing heard twice is subtitled twice; one that spans the window is split in two around it, so the
    words stay in time order."""
    start, end = window
    out = []
    middle = (start + end) / 2
    for seg in segments:
        inside = words_within(seg["words"], start, end)
        kept = [w for w in seg["words"] if w not in inside]
        parts = [w for w in kept if w["start"] < middle], [w for w in kept if w["start"] >= middle]
        if not inside and not all(parts):
            out.append(seg)
            continue
        for part in parts:
            if part:
                out.append({**seg, "start": part[0]["start"], "end": part[-1]["end"], "words": part,
                            "text": text_of(part)})
    return sorted(out + list(repaired), key=lambda seg: seg["start"])


@dataclass(frozen=True)
class Placed:
    """One stretch of film audio inside a packed window: where it starts there, how long it is, where it starts
    in the film."""

    at: float
    length: float
    film_start: float


def packed_groups(windows, max_window_s, gap_s) -> list[list[Span]]:
    """Consecutive windows grouped so that each group, laid end to end with `gap_s` of silence between, stays
    within `max_window_s`; a window longer than that is a group of its own."""
    groups = []
    for start, end in windows:
        group = groups[-1] if groups else None
        if group and sum(e - s for s, e in group) + gap_s * len(group) + end - start <= max_window_s:
            group.append((start, end))
        else:
            groups.append([(start, end)])
    return groups


def placements(group, gap_s) -> list[Placed]:
    """Where each window of a group lies in its packed window."""
    out, at = [], 0.0
    for start, end in group:
        out.append(Placed(at=at, length=end - start, film_start=start))
        at += end - start + gap_s
    return out


def unpacked(segments, places, gap_s) -> list[list[Segment]]:
    """The packed window's segments (times in it), split by the stretch each word was said in, in film time.

    A word belongs to the stretch its middle falls in (or within half a gap of); its times are clamped to that
    stretch, so nothing lands in the silence laid between."""
    out = [[] for _ in places]
    for seg in segments:
        parts = [[] for _ in places]
        for word in seg["words"]:
            middle = (word["start"] + word["end"]) / 2
            k = min(range(len(places)), key=lambda i: max(places[i].at - middle, middle - places[i].at - places[i].length, 0.0))
            if places[k].at - gap_s / 2 <= middle <= places[k].at + places[k].length + gap_s / 2:
                parts[k].append(word)
        for k, words in enumerate(parts):
            place = places[k]
            words = [{**w, "start": round(_into(w["start"], place), 3), "end": round(_into(w["end"], place), 3)}
                     for w in words]
            if words:
                out[k].append({**seg, "start": words[0]["start"], "end": words[-1]["end"], "words": words,
                               "text": text_of(words)})
    return out


def _into(t, place):
    return place.film_start + min(max(t - place.at, 0.0), place.length)
