"""Speaker turns as every backend hands them on: SPEAKER_00, SPEAKER_01 … numbered by first appearance, so
names are stable across reruns and a `diarization.names` entry keeps meaning the same voice."""

from cinescribe.shapes import Turn


def name_speakers(turns) -> list[Turn]:
    """(start, end, label) triples in time order → turns with times rounded to the millisecond and named speakers."""
    order = {}
    return [Turn(start=round(float(start), 3), end=round(float(end), 3),
                 speaker=order.setdefault(label, f"SPEAKER_{len(order):02d}")) for start, end, label in turns]
