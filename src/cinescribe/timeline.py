"""Runs of equal labels on a regular time grid: speaker frames become turns, music windows become songs."""

import numpy as np


def runs(labels, step):
    """[start, end, label] in seconds for each run of equal labels; label -1 (nothing) is left out."""
    labels = np.asarray(labels)
    if not len(labels):
        return []
    change = np.flatnonzero(np.diff(labels)) + 1
    bounds = np.concatenate([[0], change, [len(labels)]])
    return [[a * step, b * step, int(labels[a])] for a, b in zip(bounds, bounds[1:]) if labels[a] >= 0]
