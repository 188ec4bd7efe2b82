"""Offline speaker diarization: CAM++ voice prints over VAD speech, two-stage clustering (diarization.clustering),
then frame-level assignment smoothed into speaker turns, plus a second voice where two speak at once.

Windows long enough for a stable voice print (1.5 s) blur speaker changes, so each 20 ms frame then takes the
speaker whose centroid its nearby short windows resemble most, smoothed within audible stretches only: a
change of speaker falls in the pause between them.
"""

import logging
from dataclasses import dataclass

import numpy as np

from cinescribe.audio.media import read_slice
from cinescribe.diarization.clustering import cluster
from cinescribe.diarization.heard_apart import SegmentationPass, voices_heard_apart
from cinescribe.diarization.local_speakers import local_speakers, overlap_turns, speech_spans
from cinescribe.diarization.models.speaker_encoder import (
    TRUNK_PER_SECOND,
    embed_stats,
    pooled_stats,
    trunk_frames,
    unit,
    window_starts,
)
from cinescribe.diarization.speaker_names import name_speakers
from cinescribe.runtime.options import StageOptions
from cinescribe.spans import join_close, runs

log = logging.getLogger(__name__)
FRAME_S = 0.02
TOUCHING_S = 1e-6  # turns this close are one turn (times are on the frame grid)


@dataclass
class Options(StageOptions):
    """Tunables; defaults and descriptions live in config/schema.yaml under `diarization`."""

    num_speakers: int | None = None
    min_speakers: int = 1
    max_speakers: int = 20
    window_s: float = 1.5
    hop_s: float = 0.75
    assign_window_s: float = 0.6
    assign_hop_s: float = 0.1
    smoothing_s: float = 0.5
    min_turn_s: float = 0.3
    window_similarity: float = 0.55
    speaker_similarity: float = 0.7
    voice_similarity: float | None = None
    min_cluster_s: float = 4.0
    min_speaker_s: float = 4.0
    fragment_s: float = 15.0
    fragment_similarity: float = 0.5
    block_windows: int = 400
    edge_db: float = 30.0
    min_pause_s: float = 0.1
    overlap: bool = True
    quick_turn_s: float = 0.7
    quick_agreement: float = 0.6
    apart_links: int = 2
    apart_min_s: float = 1.0
    apart_share: float = 0.8
    overlap_threshold: float = 0.5
    min_overlap_s: float = 0.2
    overlap_step_s: float = 5
    piece_s: int = 10


@dataclass
class Windows:
    """Voice prints of overlapping windows: unit embeddings, centre times and the speech each stands for."""

    embeddings: np.ndarray
    centres: np.ndarray
    seconds: np.ndarray

    @classmethod
    def stack(cls, parts):
        if not parts:
            return cls(np.zeros((0, 192), np.float32), np.zeros(0), np.zeros(0))
        columns = zip(*((p.embeddings, p.centres, p.seconds) for p in parts))
        return cls(*(np.concatenate(column) for column in columns))


def region_windows(encoder, frames, offset, window_s, hop_s):
    """Windows over one region's frame-level features, pooled (not re-run through the network)."""
    window = max(1, round(window_s * TRUNK_PER_SECOND))
    hop = max(1, round(hop_s * TRUNK_PER_SECOND))
    starts = window_starts(len(frames), window, hop)
    lengths = np.minimum(window, len(frames) - starts)
    embeddings = embed_stats(encoder, pooled_stats(frames, starts, window)).astype(np.float32)
    return Windows(embeddings, offset + (starts + lengths / 2) / TRUNK_PER_SECOND,
                   np.minimum(hop, lengths) / TRUNK_PER_SECOND)


def islands(samples, offset, edge_db, min_pause_s):
    """The audible stretches of one speech region, in seconds: VAD pads speech with quiet, and two speakers
    take turns across a pause; neither quiet belongs to a turn. Quiet is relative to the region's own loud
    level (its 95th-percentile 20 ms frame), so a quiet scene keeps its speech."""
    step = int(FRAME_S * 16000)
    count = len(samples) // step
    if count < 2:
        return [(offset, offset + len(samples) / 16000)]
    level = 10 * np.log10((samples[:count * step].reshape(count, step).astype(np.float64) ** 2).mean(1) + 1e-12)
    loud = np.where(level >= np.percentile(level, 95) - edge_db, 0, -1)
    stretches = join_close(runs(loud, FRAME_S), min_pause_s)
    return [(offset + first, offset + last) for first, last, _ in stretches]


def voice_prints(wav_path, speech, encoder, opts):
    """Clustering windows over every speech region and placement windows over each of its audible stretches
    (one network pass per region), with the stretches grouped by region."""
    clustering, placing, audible = [], [], []
    for start, end in speech:
        samples = read_slice(wav_path, start, end)
        frames = trunk_frames(encoder, samples, opts.piece_s)
        if not len(frames):
            continue
        clustering.append(region_windows(encoder, frames, start, opts.window_s, opts.hop_s))
        stretches = islands(samples, start, opts.edge_db, opts.min_pause_s)
        for first, last in stretches:
            part = frames[int((first - start) * TRUNK_PER_SECOND):int(np.ceil((last - start) * TRUNK_PER_SECOND))]
            if len(part):
                placing.append(region_windows(encoder, part, first, opts.assign_window_s, opts.assign_hop_s))
        audible.append(stretches)
    return Windows.stack(clustering), Windows.stack(placing), audible


def centroids(embeddings, labels):
    """Unit-length mean embedding per speaker label."""
    means = np.stack([embeddings[labels == k].mean(0) for k in range(labels.max() + 1)])
    return means / np.linalg.norm(means, axis=1, keepdims=True)


def frame_labels(regions, centres, similarity, opts):
    """The likeliest and second likeliest speaker (or -1 outside speech) per 20 ms frame: window similarities
    interpolated and smoothed within each audible stretch, never across a pause. A pause between two
    stretches of one voice is that voice's; between two voices it is nobody's. `regions`: lists of stretches;
    `centres` (of the placement windows) are in time order."""
    from scipy.ndimage import uniform_filter1d

    total = int(np.ceil(max(stretches[-1][1] for stretches in regions) / FRAME_S)) + 1
    times = np.arange(total) * FRAME_S
    labels = np.full((total, 2), -1)
    width = max(1, int(opts.smoothing_s / FRAME_S))
    for stretches in regions:
        for start, end in stretches:
            inside = slice(np.searchsorted(centres, start), np.searchsorted(centres, end, side="right"))
            first, last = int(round(start / FRAME_S)), min(total, int(round(end / FRAME_S)))
            if inside.stop <= inside.start or last <= first:
                continue
            scores = np.stack([np.interp(times[first:last], centres[inside], similarity[inside, k])
                               for k in range(similarity.shape[1])], 1)
            ranked = np.argsort(-uniform_filter1d(scores, size=width, axis=0, mode="nearest"), axis=1)
            labels[first:last, :ranked.shape[1]] = ranked[:, :2]
        for (_, pause_start), (pause_end, _) in zip(stretches, stretches[1:]):
            before, after = int(round(pause_start / FRAME_S)) - 1, int(round(pause_end / FRAME_S))
            if 0 <= before and after < total and labels[before, 0] == labels[after, 0] >= 0:
                labels[before + 1:after] = labels[before]
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
            turns = join_close(turns, TOUCHING_S)
            i = max(i - 1, 0)  # the merged turn may now touch another short one
        else:
            i += 1
    return turns


def diarize(wav_path, speech, encoder, opts=None, segmenter=None):
    """Speaker turns [{start, end, speaker}] over the VAD speech regions of one film; with a `segmenter`
    (models.segmentation.load_segmenter) a second voice gets turns of its own where two speak at once."""
    opts = opts or Options()
    speech = [(s, e) for s, e in speech if e > s]
    if not speech:
        return []
    clustering, placing, audible = voice_prints(wav_path, speech, encoder, opts)
    if not len(clustering.embeddings):
        return []
    segmentation = SegmentationPass(wav_path, segmenter) if segmenter is not None else None

    def hear_apart(local):
        return voices_heard_apart(segmentation, speech_spans(audible), clustering, local, opts)

    labels, centre = cluster(clustering, opts, hear_apart if segmentation and opts.apart_links else None)
    log.info("diarize: %d windows, %d speakers", len(labels), labels.max() + 1)
    if centre is None:
        similarity = placing.embeddings @ centroids(clustering.embeddings, labels).T
    else:
        similarity = unit(placing.embeddings - centre) @ centroids(unit(clustering.embeddings - centre), labels).T
    frames = frame_labels(audible, placing.centres, similarity, opts)
    if segmenter is None or labels.max() == 0:
        return name_speakers(absorb_short_turns(runs(frames[:, 0], FRAME_S), opts.min_turn_s))
    local = local_speakers(segmentation, audible, frames[:, 0], placing.centres, similarity, opts, FRAME_S)
    frames[:, 0] = np.where((frames[:, 0] >= 0) & (local.speaker >= 0), local.speaker, frames[:, 0])
    turns = absorb_short_turns(runs(frames[:, 0], FRAME_S), opts.min_turn_s)
    return name_speakers(sorted(turns + overlap_turns(local, frames, opts, FRAME_S)))
