"""Where a film is cut into ASR chunks, and how a chunk's speech is grouped into Whisper windows."""


def _gaps(speech, duration):
    """Silences between speech segments, including before the first and after the last."""
    edges = [0.0] + [x for seg in speech for x in seg] + [duration]
    return [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2) if edges[i + 1] > edges[i]]


def best_cut(speech, duration, lo, hi):
    """Middle of the longest silence inside [lo, hi]; (target, True) when only speech is there."""
    best, best_len = None, 0.0
    for start, end in _gaps(speech, duration):
        a, b = max(start, lo), min(end, hi)
        if b - a > best_len:
            best, best_len = (a + b) / 2, b - a
    if best is None:
        return (lo + hi) / 2, True
    return round(best, 3), False


def plan_chunks(speech, duration, chunk_seconds=300.0, search_seconds=30.0, mode="auto", overlap_seconds=2.0):
    """Chunks of about chunk_seconds, each cut in the longest nearby silence.

    `auto` leaves films shorter than 1.5 chunks whole (one model load); `always` cuts whenever the film
    is longer than one chunk; `never` keeps one chunk. A cut inside speech gets an overlap on both sides
    so the words it splits are heard whole by one of the two chunks.
    """
    min_rest = {"auto": 1.5, "always": 1.0, "never": float("inf")}[mode] * chunk_seconds
    cuts, start = [], 0.0
    while duration - start > min_rest:
        target = start + chunk_seconds
        lo = max(start + chunk_seconds / 2, target - search_seconds)
        hi = min(duration - chunk_seconds / 2, target + search_seconds)
        cut, in_speech = best_cut(speech, duration, lo, max(lo, hi))
        cuts.append((cut, in_speech))
        start = cut
    bounds = [(0.0, False)] + cuts + [(duration, False)]
    chunks = []
    for i in range(len(bounds) - 1):
        (a, a_in_speech), (b, b_in_speech) = bounds[i], bounds[i + 1]
        chunks.append({
            "index": i + 1,
            "start": a,
            "end": b,
            "audio_start": max(0.0, a - overlap_seconds) if a_in_speech else a,
            "audio_end": min(duration, b + overlap_seconds) if b_in_speech else b,
        })
    return chunks


def speech_in(speech, start, end):
    """Speech segments clipped to [start, end]."""
    return [[max(s, start), min(e, end)] for s, e in speech if e > start and s < end]


def group_windows(speech, max_window=30.0):
    """Group consecutive speech into windows no longer than max_window that start and end at pauses.

    Whisper hears 30 s at a time; cutting where the speaker pauses, rather than where 30 s of
    concatenated speech runs out, keeps words and sentences whole.
    """
    pieces = []
    for s, e in speech:
        while e - s > max_window:  # Silero already splits long speech; this is a guard
            pieces.append([s, s + max_window])
            s += max_window
        pieces.append([s, e])
    windows = []
    for s, e in pieces:
        if windows and e - windows[-1][0] <= max_window:
            windows[-1][1] = e
        else:
            windows.append([s, e])
    return windows
