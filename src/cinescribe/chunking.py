"""Where a film is cut into ASR chunks, and how a chunk's speech is grouped into Whisper windows."""


def _gaps(speech, duration):
    """Silences between speech segments, including before the first and after the last."""
    edges = [0.0] + [x for seg in speech for x in seg] + [duration]
    return [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2) if edges[i + 1] > edges[i]]


def best_cut(speech, duration, lo, hi, target=None):
    """Middle of the silence inside [lo, hi] nearest `target` (the longest if there is none, or on a tie);
    (middle of [lo, hi], True) when only speech is there."""
    best, best_key = None, None
    for start, end in _gaps(speech, duration):
        a, b = max(start, lo), min(end, hi)
        if b <= a:
            continue
        middle = (a + b) / 2
        key = (abs(middle - target) if target is not None else 0.0, a - b)
        if best_key is None or key < best_key:
            best, best_key = middle, key
    if best is None:
        return round((lo + hi) / 2, 3), True
    return round(best, 3), False


def _speech_before(speech, t):
    """Seconds of speech between the film's start and t."""
    return sum(max(0.0, min(e, t) - s) for s, e in speech if s < t)


def _time_at_speech(speech, amount):
    """The moment by which `amount` seconds of speech have been heard."""
    heard = 0.0
    for s, e in speech:
        if heard + (e - s) >= amount:
            return s + (amount - heard)
        heard += e - s
    return speech[-1][1] if speech else 0.0


def _chunk_count(duration, chunk_seconds, mode):
    """`auto` leaves films shorter than 1.5 chunks whole (one model load); `always` cuts whatever is longer than
    one chunk; `never` keeps one chunk."""
    min_rest = {"auto": 1.5, "always": 1.0, "never": float("inf")}[mode] * chunk_seconds
    return 1 if duration <= min_rest else max(2, round(duration / chunk_seconds))


def plan_chunks(speech, duration, chunk_seconds=300.0, search_seconds=30.0, mode="auto", overlap_seconds=2.0):
    """About chunk_seconds each, with equal shares of speech, each cut in the silence nearest its share's end.

    ASR time follows speech, not film time, so chunks with equal speech decoded side by side finish together
    (a film without speech is cut evenly by time). A chunk spans 0.5 to 2 chunk_seconds of film, so the audio
    one job holds stays bounded however the speech is spread. A cut inside speech gets an overlap on both
    sides so the words it splits are heard whole by one of the two chunks; any silence VAD left is a safe cut,
    since Whisper's windows are made of VAD's speech and never cross one.
    """
    count = _chunk_count(duration, chunk_seconds, mode)
    total_speech = _speech_before(speech, duration)
    cuts, start = [], 0.0
    for k in range(1, count):
        left = count - k  # chunks still to come after this cut
        if total_speech > 0:
            target = _time_at_speech(speech, total_speech * k / count)
        else:
            target = duration * k / count
        low = max(start + chunk_seconds / 2, duration - left * 2 * chunk_seconds)
        high = max(low, min(start + 2 * chunk_seconds, duration - left * chunk_seconds / 2))
        target = min(max(target, low), high)
        cut, in_speech = best_cut(speech, duration, max(low, target - search_seconds),
                                  min(high, target + search_seconds), target)
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
