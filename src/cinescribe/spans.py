"""Spans in time: runs of equal labels on a grid (speaker frames become turns, music windows become songs),
spans joined across small gaps, and how much of one list of spans another covers.

numpy is imported only where labels are counted: the chunk planner, the merge and the start of every run use
this module and need no numpy loaded for it."""


def runs(labels, step):
    """[start, end, label] in seconds for each run of equal labels; label -1 (nothing) is left out."""
    import numpy as np

    labels = np.asarray(labels)
    if not len(labels):
        return []
    change = np.flatnonzero(np.diff(labels)) + 1
    bounds = np.concatenate([[0], change, [len(labels)]])
    return [[a * step, b * step, int(labels[a])] for a, b in zip(bounds, bounds[1:]) if labels[a] >= 0]


def join_close(spans, max_gap=0.0):
    """Consecutive spans ([start, end] or [start, end, label], sorted by start) with at most `max_gap` between
    them made one; spans that carry labels join only their own label's. Returns new lists."""
    joined = []
    for start, end, *label in spans:
        if joined and joined[-1][2:] == label and start - joined[-1][1] <= max_gap:
            joined[-1][1] = max(joined[-1][1], end)
        else:
            joined.append([start, end, *label])
    return joined


def overlap_seconds(spans, others):
    """Seconds of `spans` that lie inside some span of `others` (each list sorted by start; others may overlap)."""
    merged = join_close(sorted(others))
    total, j = 0.0, 0
    for start, end in sorted(spans):
        while j < len(merged) and merged[j][1] <= start:
            j += 1
        k = j
        while k < len(merged) and merged[k][0] < end:
            total += min(end, merged[k][1]) - max(start, merged[k][0])
            k += 1
    return total


def clipped(spans, start, end):
    """The spans (speech, say) that reach into [start, end], cut to it."""
    return [[max(s, start), min(e, end)] for s, e in spans if e > start and s < end]


def uncovered(start, end, covered):
    """The parts of [start, end] outside every span of `covered` (sorted by start; they may overlap)."""
    parts, at = [], start
    for a, b in covered:
        if b <= at or a >= end:
            continue
        if a > at:
            parts.append((at, a))
        at = max(at, b)
    if at < end:
        parts.append((at, end))
    return parts
