"""Old time → film time as a piecewise-linear map, fitted to pairs of the same word's time in both.

Subtitles of another release differ from this film in three ways: a constant offset (a logo, a recap), a
speed (a 25 fps release plays 4 % faster than 23.976 fps film: every time scales by the ratio of the two
rates) and scenes cut or inserted (the offset jumps). So the map has one slope for the whole film, taken from
the ratios of the standard rates (1 included), and a constant offset per piece, with a jump between pieces.

Word pairs are noisy (an old cue's word times are estimated within the cue, Whisper's by ±0.1 s) and some are
wrong (a common word matched in the wrong scene). For each slope the offsets `film - slope × old` are
histogrammed; the peaks are the candidate offsets; a Viterbi pass over the pairs in old-time order gives each
pair one candidate, paying each pair's distance to it (capped at `outlier_s`: a wrong pair costs at most
that) and `switch_cost` per jump. The slope with the cheapest path wins (1 by a small margin on a tie), each
run of one candidate is a piece, and its offset is the median of its pairs.
"""

import bisect
import statistics
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

RATES = (Fraction(24000, 1001), Fraction(24), Fraction(25), Fraction(30000, 1001))
SLOPES = tuple(sorted({float(a / b) for a in RATES for b in RATES}))  # 1.0 among them
BIN_S = 0.2
MAX_CANDIDATES = 16
OTHER_SLOPE_COST = 3.0  # a speed change must save more than this to be believed


@dataclass(frozen=True)
class Piece:
    """Old times from `old_start` to `old_end` (its first and last pair) move by slope × t + offset."""

    old_start: float
    old_end: float
    offset: float
    pairs: int


@dataclass(frozen=True)
class TimeMap:
    slope: float
    pieces: tuple

    def piece_at(self, t):
        """The piece holding old time `t`; between two pieces, the one whose pair is nearer."""
        starts = [p.old_start for p in self.pieces]
        i = max(bisect.bisect_right(starts, t) - 1, 0)
        piece = self.pieces[i]
        if t > piece.old_end and i + 1 < len(self.pieces):
            following = self.pieces[i + 1]
            if following.old_start - t < t - piece.old_end:
                return following
        return piece

    def __call__(self, t, piece=None):
        return self.slope * t + (piece or self.piece_at(t)).offset

    def as_dict(self):
        return {"slope": round(self.slope, 6),
                "pieces": [{"from": round(p.old_start, 3), "to": round(p.old_end, 3), "offset": round(p.offset, 3),
                            "pairs": p.pairs} for p in self.pieces]}


def _candidates(offsets, min_support):
    """Offsets many pairs agree on: histogram peaks, each refined to the median of the pairs near it."""
    lo = np.floor(offsets.min() / BIN_S)
    bins = np.floor(offsets / BIN_S) - lo
    counts = np.bincount(bins.astype(int))
    smooth = np.convolve(counts, [1, 1, 1], mode="same")
    peaks = [k for k in np.argsort(-smooth, kind="stable") if smooth[k] >= min_support
             and smooth[k] >= smooth[max(k - 1, 0)] and smooth[k] >= smooth[min(k + 1, len(smooth) - 1)]]
    chosen = []
    for k in peaks:
        centre = (k + lo + 0.5) * BIN_S
        near = offsets[np.abs(offsets - centre) <= 2 * BIN_S]
        value = float(np.median(near))
        if all(abs(value - c) > 2 * BIN_S for c in chosen):
            chosen.append(value)
        if len(chosen) == MAX_CANDIDATES:
            break
    return chosen or [float(np.median(offsets))]


def _viterbi(offsets, candidates, cap, switch_cost):
    """(cost, state per pair): each pair's candidate, jumps paid for."""
    cost = np.minimum(np.abs(offsets[:, None] - np.asarray(candidates)[None, :]), cap) / cap
    n, k = cost.shape
    back = np.zeros((n, k), dtype=np.int32)
    total = cost[0].copy()
    for i in range(1, n):
        best = int(np.argmin(total))
        switch = total[best] + switch_cost
        stay = total <= switch
        back[i] = np.where(stay, np.arange(k), best)
        total = np.where(stay, total, switch) + cost[i]
    states = np.empty(n, dtype=np.int32)
    states[-1] = int(np.argmin(total))
    for i in range(n - 1, 0, -1):
        states[i - 1] = back[i, states[i]]
    return float(total.min()), states


def fit_map(pairs, outlier_s=1.0, switch_cost=10.0, slopes=SLOPES):
    """The TimeMap for [(old time, film time)] (at least one pair)."""
    pairs = sorted(pairs)
    old = np.array([p[0] for p in pairs], dtype=float)
    film = np.array([p[1] for p in pairs], dtype=float)
    min_support = max(3, min(12, len(pairs) // 50))
    best = None
    for slope in slopes:
        offsets = film - slope * old
        candidates = _candidates(offsets, min_support)
        cost, states = _viterbi(offsets, candidates, outlier_s, switch_cost)
        cost += 0.0 if slope == 1.0 else OTHER_SLOPE_COST
        if best is None or cost < best[0]:
            best = (cost, slope, offsets, states)
    _, slope, offsets, states = best
    pieces, start = [], 0
    for i in range(1, len(states) + 1):
        if i == len(states) or states[i] != states[start]:
            mine = offsets[start:i]
            centre = float(np.median(mine))
            inliers = mine[np.abs(mine - centre) <= outlier_s]
            pieces.append(Piece(float(old[start]), float(old[i - 1]), float(np.median(inliers)), i - start))
            start = i
    return TimeMap(slope, tuple(pieces))


def refine_offsets(time_map, starts, onsets, window_s=0.3, min_votes=5):
    """Each piece's offset moved by the median distance from its mapped in-times (`starts`, old) to the VAD
    onsets (film) within `window_s` of them: the subtitler's in-time is the voice's first frame, and VAD marks
    that frame more surely than Whisper's word starts (which run ~0.1 s early)."""
    onsets = sorted(onsets)
    if not onsets:
        return time_map
    pieces = []
    for piece in time_map.pieces:
        votes = []
        for t in starts:
            if time_map.piece_at(t) is not piece:
                continue
            mapped = time_map(t, piece)
            i = bisect.bisect_left(onsets, mapped - window_s)
            near = [o for o in onsets[i:i + 3] if abs(o - mapped) <= window_s]
            if near:
                votes.append(min(near, key=lambda o: abs(o - mapped)) - mapped)
        shift = statistics.median(votes) if len(votes) >= min_votes else 0.0
        pieces.append(Piece(piece.old_start, piece.old_end, piece.offset + shift, piece.pairs))
    return TimeMap(time_map.slope, tuple(pieces))
