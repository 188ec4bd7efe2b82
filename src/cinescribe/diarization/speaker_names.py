"""Speaker turns as every backend hands them on: SPEAKER_00, SPEAKER_01 … numbered by first appearance, so
names are stable across reruns and a `diarization.names` entry keeps meaning the same voice."""

from itertools import count

from cinescribe.shapes import Turn


def speaker_label(number):
    """SPEAKER_00 for 0."""
    return f"SPEAKER_{number:02d}"


def free_labels(taken):
    """SPEAKER_NN labels not in `taken`, lowest first: for speakers made after the numbering."""
    return (label for label in map(speaker_label, count()) if label not in taken)


def name_speakers(turns) -> list[Turn]:
    """(start, end, label) triples in time order → turns with times rounded to the millisecond and named speakers."""
    order = {}
    return [Turn(start=round(float(start), 3), end=round(float(end), 3),
                 speaker=order.setdefault(label, speaker_label(len(order)))) for start, end, label in turns]
