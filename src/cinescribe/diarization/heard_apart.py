"""Voices heard apart: where segmentation-3.0 hears two different people inside one 10 s window, the voice
print windows each of them holds must not end up as one speaker.

CAM++ prints of two voices one synthesiser made (or two readers of one corpus) can sit closer than one voice
does to itself across a music bed and a ringing room, so no similarity threshold keeps them apart. The
segmentation model judges a different thing, inside one window and one room: who is talking to whom. It
misses often (it hears many such pairs as one person), but where it does hear two people each for a second
or more, it was not once wrong on our films, so its verdicts become cannot-link constraints for clustering
(diarization.clustering.Merger), not labels.

What the stages read of each window is kept (SegmentationPass): local_speakers slides the same windows over
the same speech for quick turns and overlap, so no window runs twice.
"""

from dataclasses import dataclass, field

import numpy as np

from cinescribe.audio.media import read_slice
from cinescribe.diarization.local_speakers import window_starts


@dataclass
class SegmentationWindow:
    """What the stages read of one 10 s window, per model frame: its film time, the likeliest powerset class
    (nobody, one local speaker alone, or a pair) and the probability that two voices speak at once. Kept small
    (1-2 bytes a frame beside the times) so a 2.5-hour film's windows stay a few MB."""

    times: np.ndarray
    likeliest: np.ndarray
    overlap: np.ndarray


@dataclass
class SegmentationPass:
    """segmentation-3.0 over one film, each 10 s window run once however many stages ask for it."""

    wav_path: str
    segmenter: object
    _seen: dict = field(default_factory=dict)

    def window(self, first) -> SegmentationWindow:
        """The window that starts at `first` seconds."""
        if first not in self._seen:
            probability, times = self.segmenter.class_probability(
                read_slice(self.wav_path, first, first + self.segmenter.window_s))
            self._seen[first] = SegmentationWindow(
                first + times, np.argmax(probability, 1).astype(np.int8),
                probability[:, self.segmenter.PAIRS].sum(1).astype(np.float16))
        return self._seen[first]


def window_groups(likeliest, times, segmenter, clustering, half, min_frames, share):
    """Per local speaker the model hears alone for at least `min_frames` frames of one window (`likeliest`:
    SegmentationWindow's classes): the indices of the clustering windows (`clustering`:
    diarization.pipeline.Windows, each `half` seconds either side of its centre) inside the window whose frames
    are at least `share` that speaker's. Fewer than two groups: nothing heard apart here."""
    first, last = np.searchsorted(clustering.centres, [times[0] + half, times[-1] - half])
    groups = []
    for k in segmenter.SINGLES:
        alone = likeliest == k
        if alone.sum() < min_frames:
            continue
        members = [i for i in range(first, last)
                   if _share(alone, times, clustering.centres[i], half) >= share]
        if members:
            groups.append(np.array(members))
    return groups if len(groups) >= 2 else []


def _share(alone, times, centre, half_width):
    inside = np.abs(times - centre) <= half_width
    return alone[inside].mean() if inside.any() else 0.0


def voices_heard_apart(segmentation, spans, clustering, local, opts):
    """For every segmentation window over `spans` that hears two or more people: their clustering windows, one
    index array per person. A span whose clustering windows all lie in one local cluster (`local`, stage 1's
    labels) is skipped: a verdict there could only join that cluster to itself."""
    segmenter = segmentation.segmenter
    min_frames = int(opts.apart_min_s / segmenter.frame_step)
    heard = []
    for start, end in spans:
        first, last = np.searchsorted(clustering.centres, [start, end])
        if len(set(local[first:last])) < 2:
            continue
        for window in window_starts(start, end, segmenter.window_s, opts.overlap_step_s):
            heard_here = segmentation.window(window)
            if len(heard_here.times):
                groups = window_groups(heard_here.likeliest, heard_here.times, segmenter, clustering,
                                       opts.window_s / 2, min_frames, opts.apart_share)
                if groups:
                    heard.append(groups)
    return heard
