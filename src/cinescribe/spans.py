"""Spans in time: runs of equal labels on a grid (speaker frames become turns, music windows become songs),
and how much of one list of spans another covers."""

import numpy as np


def runs(labels, step):
    """[start, end, label] in seconds for each run of equal labels; label -1 (nothing) is left out."""
    labels = np.asarray(labels)
    if not len(labels):
        return []
    change = np.flatnonzero(np.diff(labels)) + 1
    bounds = np.concatenate([[0], change, [len(labels)]])
    return [[a * step, b * step, int(labels[a])] for a, b in zip(bounds, bounds[1:]) if labels[a] >= 0]


def overlap_seconds(spans, others):
    """Seconds of `spans` that lie inside some span of `others` (each list sorted by start; others may overlap)."""
    merged = []
    for start, end in sorted(others):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    total, j = 0.0, 0
    for start, end in sorted(spans):
        while j < len(merged) and merged[j][1] <= start:
            j += 1
        k = j
        while k < len(merged) and merged[k][0] < end:
            total += min(end, merged[k][1]) - max(start, merged[k][0])
            k += 1
    return total
