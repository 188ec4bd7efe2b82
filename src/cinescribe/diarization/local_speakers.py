"""Who speaks each instant inside a 10 s window, from pyannote's segmentation-3.0: the quick turns of an
exchange ("Hello?" / "Hello?" / "Oh, hello.") and where two speak at once.

Voice prints need 0.6-1.5 s of audio and blur a turn shorter than that into its neighbours. The segmentation
model tells up to three local speakers apart every ~17 ms of its window, but not who they are across the film:
each local speaker is given the film's speaker whose voice prints its own frames resemble most (one-to-one per
window), and the windows' votes decide the frames of its quick turns. Its long turns stay with the voice
prints, which hold up better on voices the model was not trained on.
"""

from dataclasses import dataclass

import numpy as np

from cinescribe.spans import join_close, runs


@dataclass
class LocalSpeakers:
    """Per `frame_s` frame of the film: the speaker of a quick turn as the segmentation windows voted (-1: no
    vote), and the mean probability that two voices overlap."""

    speaker: np.ndarray
    overlap: np.ndarray


def speech_spans(regions, max_gap_s=2.0):
    """Speech regions joined across short gaps: the stretches the segmentation model slides over."""
    return join_close(((stretches[0][0], stretches[-1][1]) for stretches in regions), max_gap_s)


def window_starts(start, end, window_s, step_s):
    last = max(start, end - window_s)  # the last window ends with the span
    return [*np.arange(start, last, step_s), last]


def local_to_film(active, scores, voice_labels, min_frames, agreement):
    """Each local speaker (a column of `active`, frames where it speaks alone) → the film speaker (a column of
    `scores`) its frames resemble most, one-to-one; -1 for a local speaker with too few frames to tell, or
    whose frames the voice prints (`voice_labels`) mostly give to others: the model heard two alike voices
    as one there, and its turns are not to be trusted."""
    from scipy.optimize import linear_sum_assignment

    mapping = np.full(active.shape[1], -1)
    heard = [k for k in range(active.shape[1]) if active[:, k].sum() >= min_frames]
    if not heard:
        return mapping
    mean = np.stack([scores[active[:, k]].mean(0) for k in heard])
    rows, cols = linear_sum_assignment(-mean)
    for row, col in zip(rows, cols):
        k = heard[row]
        if np.mean(voice_labels[active[:, k]] == col) >= agreement:
            mapping[k] = col
    return mapping


def short_turns(active, longest):
    """`active` with only its runs of at most `longest` frames kept: the quick turns voice prints blur."""
    kept = np.zeros_like(active)
    for k in range(active.shape[1]):
        for first, last, _ in runs(np.where(active[:, k], 0, -1), 1):
            if last - first <= longest:
                kept[int(first):int(last), k] = True
    return kept


def local_speakers(segmentation, regions, labels, placing_centres, similarity, opts, frame_s):
    """Slide the segmentation model (`segmentation`: diarization.heard_apart.SegmentationPass) over the speech
    that holds more than one voice (`labels`: likeliest speaker per frame, -1 outside speech; `similarity`:
    each placement window's score against each speaker)."""
    segmenter = segmentation.segmenter
    total = len(labels)
    speaker, overlap, count = np.full(total, -1), np.zeros(total), np.zeros(total)
    min_frames = max(1, int(opts.min_turn_s / segmenter.frame_step))
    longest = int(opts.quick_turn_s / segmenter.frame_step)
    for start, end in speech_spans(regions):
        first_frame, last_frame = int(start / frame_s), min(total, int(np.ceil(end / frame_s)) + 1)
        if len(set(labels[first_frame:last_frame]) - {-1}) < 2:
            continue  # one voice here: nobody to change to or overlap with
        votes = np.zeros((last_frame - first_frame, similarity.shape[1]) if longest else (0, 0))
        for first in window_starts(start, end, segmenter.window_s, opts.overlap_step_s):
            window = segmentation.window(first)
            at, likeliest = window.times, window.likeliest
            index = np.clip((at / frame_s).astype(int), first_frame, last_frame - 1)
            np.add.at(overlap, index, window.overlap)
            np.add.at(count, index, 1)
            if not longest:
                continue
            active = np.stack([likeliest == k for k in segmenter.SINGLES], 1)
            scores = np.stack([np.interp(at, placing_centres, similarity[:, j]) for j in range(similarity.shape[1])], 1)
            mapping = local_to_film(active, scores, labels[index], min_frames, opts.quick_agreement)
            if (mapping >= 0).sum() < 2:
                continue  # the model heard one voice here, or could not tell who: no quick turns to place
            quick = short_turns(active, longest)
            for k, film_speaker in enumerate(mapping):
                if film_speaker >= 0:
                    np.add.at(votes[:, film_speaker], index[quick[:, k]] - first_frame, 1)
        if longest:
            voted = votes.sum(1) > 0
            speaker[first_frame:last_frame][voted] = np.argmax(votes[voted], 1)
    return LocalSpeakers(speaker, np.divide(overlap, count, out=np.zeros(total), where=count > 0))


def overlap_turns(local, labels, opts, frame_s):
    """Turns of the second voice where the segmentation model hears two at once; `labels`: the likeliest and
    second likeliest speaker per `frame_s` frame."""
    second = np.where((local.overlap >= opts.overlap_threshold) & (labels[:, 0] >= 0), labels[:, 1], -1)
    return [turn for turn in runs(second, frame_s) if turn[1] - turn[0] >= opts.min_overlap_s]
