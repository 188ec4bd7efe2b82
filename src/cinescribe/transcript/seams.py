"""Chunk results → one transcript; a word heard by two overlapping chunks is kept once."""

from cinescribe.text.words import normalize, text_of, words_within


def _owned(segment, start, end):
    """Keep the words whose middle lies in the chunk's own span [start, end)."""
    words = words_within(segment["words"], start, end)
    if not words:
        return None
    return {**segment, "start": words[0]["start"], "end": words[-1]["end"],
            "text": text_of(words), "words": words}


def _drop_seam_repeats(previous, current):
    """Drop the leading words of `current` that repeat the trailing words of `previous` in time and text."""
    if not previous or not current:
        return current
    tail = [w for seg in previous[-2:] for w in seg["words"]]
    first = current[0]
    keep = list(first["words"])
    while keep and any(normalize(keep[0]["word"]) == normalize(t["word"]) and keep[0]["start"] < t["end"] + 0.3
                       for t in tail[-6:]):
        keep.pop(0)
    if len(keep) == len(first["words"]):
        return current
    rest = current[1:]
    return ([{**first, "start": keep[0]["start"], "text": text_of(keep),
              "words": keep}] if keep else []) + rest


def merge_chunks(chunks):
    """`chunks`: list of (chunk plan entry, segments) in order. Returns the merged segment list."""
    merged = []
    last = len(chunks) - 1
    for i, (chunk, segments) in enumerate(chunks):
        start = float("-inf") if i == 0 else chunk["start"]
        end = float("inf") if i == last else chunk["end"]
        owned = [s for s in (_owned(seg, start, end) for seg in segments) if s]
        merged.extend(_drop_seam_repeats(merged, owned))
    return merged
