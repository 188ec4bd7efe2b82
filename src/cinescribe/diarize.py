"""Offline speaker diarization: GE2E embeddings of overlapping windows over VAD speech, spectral clustering
with an automatic speaker count, then frame-level assignment smoothed into speaker turns.

Windows long enough for a stable voice print (1.5 s) blur speaker changes, so clustering decides *who* the
speakers are, and each 20 ms frame then takes the speaker whose centroid its nearby windows resemble most.
"""

import logging
from dataclasses import dataclass, fields

import numpy as np

from .audio import read_slice
from .embeddings import FRAMES_PER_SECOND, embed_windows, region_mels, window_starts
from .timeline import runs

log = logging.getLogger(__name__)
FRAME_S = 0.02


@dataclass
class Options:
    """Tunables; defaults and descriptions live in config/schema.yaml under `diarization`."""

    num_speakers: int | None = None
    min_speakers: int = 1
    max_speakers: int = 8
    window_s: float = 1.5
    hop_s: float = 0.25
    assign_window_s: float = 1.0
    assign_hop_s: float = 0.1
    smoothing_s: float = 1.0
    min_turn_s: float = 0.3
    max_cluster_windows: int = 2000
    single_speaker_similarity: float = 0.92
    batch_size: int = 256

    @classmethod
    def from_config(cls, section, **overrides):
        """Options from the `diarization` config section (keys of other stages' concern are ignored)."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in {**section, **overrides}.items() if k in known})


def region_frames(wav_path, speech):
    """Mel frames of each speech region, computed once for both window scales."""
    return [(start, region_mels(read_slice(wav_path, start, end))) for start, end in speech]


def speech_windows(regions, encoder, window_s, hop_s, batch_size):
    """Embeddings of overlapping windows over each speech region, with their centre times in seconds."""
    window = int(window_s * FRAMES_PER_SECOND)
    hop = max(1, int(hop_s * FRAMES_PER_SECOND))
    mels, centres = [], []
    for start, frames in regions:
        for first in window_starts(len(frames), window, hop):
            piece = frames[first:first + window]
            mels.append(piece)
            centres.append(start + (first + len(piece) / 2) / FRAMES_PER_SECOND)
    return embed_windows(encoder, mels, window, batch_size), np.array(centres)


def clustering_hop(speech, opts):
    """The hop between clustering windows, widened on long films: the affinity matrix grows with its square."""
    seconds = sum(end - start for start, end in speech)
    return max(opts.hop_s, seconds / opts.max_cluster_windows)


def cluster(embeddings, opts):
    """Speaker label per window; the count is found by eigengap within the configured bounds.

    spectralcluster's Turn-to-Diarize setting (auto-tuned affinity pruning, graph-cut Laplacian) separates
    similar voices that the plain eigengap merges.
    """
    from spectralcluster import SpectralClusterer, configs

    n = len(embeddings)
    low = opts.num_speakers or opts.min_speakers
    high = opts.num_speakers or opts.max_speakers
    if n < 3 or high == 1:
        return np.zeros(n, int)
    clusterer = SpectralClusterer(
        min_clusters=max(2, min(low, n - 1)), max_clusters=max(2, min(high, n - 1)),
        autotune=configs.turntodiarize_auto_tune, refinement_options=configs.turntodiarize_refinement_options,
        laplacian_type=configs.LaplacianType.GraphCut, row_wise_renorm=True)
    labels = np.unique(clusterer.predict(embeddings), return_inverse=True)[1]
    if low == 1 and one_voice(embeddings, labels, opts.single_speaker_similarity):
        return np.zeros(n, int)
    return labels


def one_voice(embeddings, labels, threshold):
    """Two clusters whose centroids are this alike are one speaker split by what they said."""
    means = centroids(embeddings, labels)
    similarity = means @ means.T
    return bool((similarity[np.triu_indices(len(means), 1)] >= threshold).all())


def centroids(embeddings, labels):
    """Unit-length mean embedding per speaker label."""
    means = np.stack([embeddings[labels == k].mean(0) for k in range(labels.max() + 1)])
    return means / np.linalg.norm(means, axis=1, keepdims=True)


def frame_labels(speech, centres, similarity, opts):
    """Speaker (or -1 outside speech) per 20 ms frame: window similarities interpolated and smoothed in time."""
    from scipy.ndimage import uniform_filter1d

    total = int(np.ceil(speech[-1][1] / FRAME_S)) + 1
    times = np.arange(total) * FRAME_S
    labels = np.full(total, -1)
    width = max(1, int(opts.smoothing_s / FRAME_S))
    for start, end in speech:
        inside = (centres >= start) & (centres <= end)
        first, last = int(start / FRAME_S), min(total, int(np.ceil(end / FRAME_S)))
        if not inside.any() or last <= first:
            continue
        scores = np.stack([np.interp(times[first:last], centres[inside], similarity[inside, k])
                           for k in range(similarity.shape[1])], 1)
        labels[first:last] = uniform_filter1d(scores, size=width, axis=0, mode="nearest").argmax(1)
    return labels


def absorb_short_turns(turns, min_turn_s):
    """A turn too short to be a real change of speaker joins the longer touching neighbour."""
    turns = [list(t) for t in turns]
    i = 0
    while i < len(turns):
        start, end, _ = turns[i]
        touching = [j for j in (i - 1, i + 1) if 0 <= j < len(turns)
                    and min(abs(turns[j][1] - start), abs(turns[j][0] - end)) < 1e-6]
        if end - start < min_turn_s and touching:
            j = max(touching, key=lambda j: turns[j][1] - turns[j][0])
            turns[i][2] = turns[j][2]
            turns = merge_touching(turns)
            i = max(i - 1, 0)  # the merged turn may now touch another short one
        else:
            i += 1
    return turns


def merge_touching(turns, max_gap_s=1e-6):
    """Consecutive turns of one speaker with at most `max_gap_s` between them become one."""
    merged = []
    for start, end, who in turns:
        if merged and merged[-1][2] == who and start - merged[-1][1] <= max_gap_s:
            merged[-1][1] = end
        else:
            merged.append([start, end, who])
    return merged


def speaker_names(turns):
    """SPEAKER_00, SPEAKER_01 … numbered by first appearance, so names are stable across reruns."""
    order = {}
    for _, _, who in turns:
        order.setdefault(who, f"SPEAKER_{len(order):02d}")
    return [{"start": round(float(a), 3), "end": round(float(b), 3), "speaker": order[who]} for a, b, who in turns]


def diarize(wav_path, speech, encoder, opts=None):
    """Speaker turns [{start, end, speaker}] over the VAD speech regions of one film."""
    opts = opts or Options()
    speech = [(s, e) for s, e in speech if e > s]
    if not speech:
        return []
    regions = region_frames(wav_path, speech)
    embeddings, _ = speech_windows(regions, encoder, opts.window_s, clustering_hop(speech, opts), opts.batch_size)
    labels = cluster(embeddings, opts)
    log.info("diarize: %d windows, %d speakers", len(labels), labels.max() + 1)
    local, centres = speech_windows(regions, encoder, opts.assign_window_s, opts.assign_hop_s, opts.batch_size)
    similarity = local @ centroids(embeddings, labels).T
    turns = runs(frame_labels(speech, centres, similarity, opts), FRAME_S)
    return speaker_names(absorb_short_turns(turns, opts.min_turn_s))
