"""Earlier subtitles retimed to this film: the same cues, text and line breaks, moved by a fitted time map.

Each old cue's words get times inside the cue (by characters) and are aligned in order to the recognised
words (word_matching); the pairs of times fit a piecewise-linear map (time_map: one speed, a jump per scene
cut or inserted), whose pieces are then set on the VAD onsets the old in-times land near. Each cue moves by
its piece of the map, in- and out-time alike (the subtitler's durations are kept), and is set on this film's
frames by the cue timing rules (subtitles.timing: the 2-frame gap, chaining, minimum duration, shot changes;
without a linger or word-end lag, since the out-time is the subtitler's, not Whisper's).

A cue is heard when at least `min_heard_share` of its words were recognised where the map puts them. One not
heard stays where the map puts it, between its heard neighbours (the cues of a scene cut from this film are
squeezed into the gap between the scenes either side), and is flagged: `alignment: unheard`.
"""

import math
from dataclasses import replace

from cinescribe.alignment.checks import check_shared
from cinescribe.alignment.options import AlignOptions
from cinescribe.alignment.spread import spread
from cinescribe.alignment.time_map import fit_map, refine_offsets
from cinescribe.alignment.word_matching import match_words, token
from cinescribe.subtitles.timing import CueTiming, TimingContext, time_cues


def _known_words(old):
    """(tokens, owning cue, estimated old start) of every word of the old cues."""
    tokens, owner, times = [], [], []
    for c, cue in enumerate(old):
        words = cue.words
        for word, (start, _) in zip(words, spread(words, cue.start, cue.end)):
            tokens.append(token(word))
            owner.append(c)
            times.append(start)
    return tokens, owner, times


def heard_cues(old, time_map, pairs, owner, times, heard, options):
    """Per old cue: whether enough of its words were recognised where the map puts them."""
    hits = [0] * len(old)
    for i, j in pairs:
        if abs(time_map(times[i]) - heard[j]["start"]) <= options.outlier_s:
            hits[owner[i]] += 1
    need = [max(1, math.ceil(options.min_heard_share * sum(1 for w in cue.words if token(w)))) for cue in old]
    return [h >= n for h, n in zip(hits, need)]


def _placed(old, time_map, heard_flags, gap_s, min_s):
    """Each cue's [start, end] on the film: by its piece of the map; a run of unheard cues that the map puts
    out of order (a scene cut from this film) shared out evenly between its heard neighbours. Also which
    ones had to be squeezed under the minimum duration."""
    spans = []
    for cue in old:
        piece = time_map.piece_at(cue.start)
        spans.append([time_map(cue.start, piece), time_map(cue.end, piece)])
    squeezed = [False] * len(old)
    i = 0
    while i < len(old):
        if heard_flags[i]:
            i += 1
            continue
        j = i
        while j < len(old) and not heard_flags[j]:
            j += 1
        lo = spans[i - 1][1] + gap_s if i else 0.0
        hi = spans[j][0] - gap_s if j < len(old) else math.inf
        after = spans[i - 1][0] if i else -math.inf
        before = spans[j][0] if j < len(old) else math.inf
        if not all(after < spans[k][0] < before for k in range(i, j)):  # the map put them out of order
            room = max(hi - lo, 0.0)
            step = room / (j - i)
            for k in range(i, j):
                spans[k] = [lo + step * (k - i), lo + step * (k - i + 1) - (gap_s if step > 2 * gap_s else 0.0)]
                squeezed[k] = step < min_s + gap_s
        i = j
    return spans, squeezed


def resync_cues(old, heard, style, context=None, timing=None, options=None, film_language=None, path="subtitles"):
    """(cues, summary): old cues (old_subtitles.OldCue) retimed to the film whose recognised words are
    `heard`, in the film's order; `summary` holds the map and the count of cues not heard."""
    options, context, timing = options or AlignOptions(), context or TimingContext(), timing or CueTiming()
    tokens, owner, times = _known_words(old)
    pairs = match_words(tokens, [token(w["word"]) for w in heard])
    check_shared("subtitle file (align.subtitles)", path, [t for t in tokens if t], len(pairs), film_language,
                 options.min_shared_share)
    time_map = fit_map([(times[i], heard[j]["start"]) for i, j in pairs], options.outlier_s, options.switch_cost)
    first = {}  # an old cue's first word, heard: its in-time against that word's start (not a time guessed
    for i, j in pairs:  # inside the cue)
        if i == 0 or owner[i - 1] != owner[i]:
            first[owner[i]] = heard[j]["start"]
    time_map = refine_offsets(time_map, [old[c].start for c in first], list(first.values()), options.outlier_s / 2)
    onsets = [start + context.vad_pad_s for start, _ in context.speech]
    time_map = refine_offsets(time_map, [cue.start for cue in old], onsets, options.onset_window_s)
    heard_flags = heard_cues(old, time_map, pairs, owner, times, heard, options)
    grid = context.grid
    frame = float(1 / grid.rate)
    spans, squeezed = _placed(old, time_map, heard_flags, timing.min_gap_frames * frame, style.min_duration)
    half = frame / 2  # timing floors an in-time and ceils an out-time: a mapped time goes to its nearest frame
    groups = [[{"start": s + half, "end": max(e - half, s + half), "word": f" {w}", "probability": 1.0,
                **({"speaker": cue.speaker} if cue.speaker else {})} for w in cue.words] or
              [{"start": s + half, "end": e - half, "word": "", "probability": 1.0}]
              for cue, (s, e) in zip(old, spans)]
    timed_ids = [k for k in range(len(old)) if not squeezed[k]]
    rules = TimingContext(grid=grid, cuts=context.cuts)  # no VAD: the in- and out-times are the subtitler's
    kept = replace(style, max_cps=math.inf)  # the old durations were the subtitler's: no reading-speed stretch
    timed = dict(zip(timed_ids, time_cues([groups[k] for k in timed_ids], kept, rules,
                                          replace(timing, word_end_lag_s=0.0, linger_s=0.0, reading_lead_frames=0,
                                                  chain_s=0.0))))  # the old gaps were the subtitler's choice
    cues = []
    for k, cue in enumerate(old):
        if k in timed:
            out = timed[k]
        else:
            first = grid.nearest(spans[k][0])
            out = {"start": grid.time(first), "end": grid.time(max(grid.nearest(spans[k][1]), first + 1))}
        words = [{"start": s, "end": e, "word": f" {w}", "probability": 1.0,
                  **({"speaker": cue.speaker} if cue.speaker else {})}
                 for w, (s, e) in zip(cue.words, spread(cue.words, out["start"], out["end"]))]
        record = {"start": out["start"], "end": out["end"], "words": words, "lines": list(cue.lines), "song": False,
                  "voice": out.get("voice", [out["start"], out["end"]])}  # the mapped times, before the rules
        if not heard_flags[k]:
            record["alignment"] = "unheard"
        cues.append(record)
    cues.sort(key=lambda c: c["start"])
    summary = {"mode": "subtitles", "cues": len(old), "unheard": heard_flags.count(False), **time_map.as_dict()}
    return cues, summary
