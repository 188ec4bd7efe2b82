"""Where two people speak at once: the segmentation model slid over speech that holds two voices gives the
second voice turns of its own (voice prints give one speaker per instant)."""

import numpy as np

from cinescribe.audio.media import read_slice
from cinescribe.spans import join_close, runs


def overlap_frames(wav_path, spans, segmenter, frame_s, total_frames, step_s=5.0):
    """Mean probability of overlapped speech per `frame_s` frame, from windows slid over the speech `spans`."""
    total = np.zeros(total_frames)
    count = np.zeros(total_frames)
    for start, end in spans:
        last_start = max(start, end - segmenter.window_s)  # the last window ends with the span
        for first in [*np.arange(start, last_start, step_s), last_start]:
            probability, times = segmenter.pair_probability(read_slice(wav_path, first, first + segmenter.window_s))
            index = np.clip(((first + times) / frame_s).astype(int), 0, total_frames - 1)
            np.add.at(total, index, probability)
            np.add.at(count, index, 1)
    return np.divide(total, count, out=np.zeros(total_frames), where=count > 0)


def speech_spans(regions, max_gap_s=2.0):
    """Speech regions joined across short gaps: the stretches the segmentation model slides over."""
    return join_close(((stretches[0][0], stretches[-1][1]) for stretches in regions), max_gap_s)


def overlap_turns(wav_path, regions, labels, segmenter, opts, frame_s):
    """Turns of the second voice where the segmentation model hears two at once; `labels`: the likeliest and
    second likeliest speaker per `frame_s` frame."""
    spans = [(start, end) for start, end in speech_spans(regions)  # one voice there: nobody to overlap with
             if len(set(labels[int(start / frame_s):int(end / frame_s), 0]) - {-1}) > 1]
    probability = overlap_frames(wav_path, spans, segmenter, frame_s, len(labels), opts.overlap_step_s)
    second = np.where((probability >= opts.overlap_threshold) & (labels[:, 0] >= 0), labels[:, 1], -1)
    return [turn for turn in runs(second, frame_s) if turn[1] - turn[0] >= opts.min_overlap_s]
