"""Where a film is cut into ASR chunks, and how a chunk's speech is grouped into Whisper windows."""

from dataclasses import dataclass

from cinescribe.runtime.options import StageOptions
from cinescribe.shapes import Chunk
from cinescribe.spans import clipped


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


# What one Whisper window costs beyond its speech: the encoder hears a full 30 s whatever the window holds, which
# on base/CPU takes about as long as decoding 20 s of speech (the profile behind it: docs/benchmarks.md).
WINDOW_COST_S = 20.0


def _cost(windows):
    return sum(e - s + WINDOW_COST_S for s, e in windows)


def _time_at_cost(windows, amount):
    """The moment by which decoding has cost `amount`: each window costs its length plus WINDOW_COST_S."""
    spent = 0.0
    for s, e in windows:
        cost = e - s + WINDOW_COST_S
        if spent + cost >= amount:
            return s + (e - s) * (amount - spent) / cost
        spent += cost
    return windows[-1][1] if windows else 0.0


def chunk_cost(chunk, speech, window_seconds=30.0):
    """Estimated decoding work of one chunk, in seconds of speech (see WINDOW_COST_S)."""
    return _cost(group_windows(clipped(speech, chunk["audio_start"], chunk["audio_end"]), window_seconds))


def _chunk_count(duration, chunk_seconds, mode):
    """`auto` leaves films shorter than 1.5 chunks whole (one model load); `always` cuts whatever is longer than
    one chunk; `never` keeps one chunk."""
    min_rest = {"auto": 1.5, "always": 1.0, "never": float("inf")}[mode] * chunk_seconds
    return 1 if duration <= min_rest else max(2, round(duration / chunk_seconds))


@dataclass
class ChunkPlanOptions(StageOptions):
    """How a film is cut (`asr` in config/schema.yaml: chunking, chunk_seconds, cut_search_seconds, …)."""

    chunk_seconds: float = 300.0
    cut_search_seconds: float = 30.0
    chunking: str = "auto"
    seam_overlap_seconds: float = 2.0
    window_seconds: float = 30.0


def plan_chunks(speech, duration, options=ChunkPlanOptions()) -> list[Chunk]:
    """About chunk_seconds each, with equal decoding work, each cut between Whisper windows near its share's end.

    ASR time follows the windows and the speech in them, not film time, so chunks of equal work decoded side by
    side finish together (a film without speech is cut evenly by time). A cut between two windows lies in
    silence and changes no window. A chunk spans 0.5 to 2 chunk_seconds of film, so the audio one job holds
    stays bounded however the speech is spread. Failing a silence within ± cut_search_seconds, the cut goes inside
    speech with an overlap on both sides, so the words it splits are heard whole by one of the two chunks.
    """
    chunk_seconds, search_seconds = options.chunk_seconds, options.cut_search_seconds
    window_seconds, overlap_seconds = options.window_seconds, options.seam_overlap_seconds
    count = _chunk_count(duration, chunk_seconds, options.chunking)
    windows = group_windows(speech, window_seconds)
    total = _cost(windows)
    cuts, start = [], 0.0
    for k in range(1, count):
        left = count - k  # chunks still to come after this cut
        target = _time_at_cost(windows, total * k / count) if windows else duration * k / count
        low = max(start + chunk_seconds / 2, duration - left * 2 * chunk_seconds)
        high = max(low, min(start + 2 * chunk_seconds, duration - left * chunk_seconds / 2))
        target = min(max(target, low), high)
        lo, hi = max(low, target - search_seconds), min(high, target + search_seconds)
        cut, in_speech = best_cut(windows, duration, lo, hi, target)
        if in_speech:  # no pause between windows here: a pause inside one, else inside speech
            cut, in_speech = best_cut(speech, duration, lo, hi, target)
        cuts.append((cut, in_speech))
        start = cut
    bounds = [(0.0, False)] + cuts + [(duration, False)]
    chunks = []
    for i in range(len(bounds) - 1):
        (a, a_in_speech), (b, b_in_speech) = bounds[i], bounds[i + 1]
        chunks.append(Chunk(index=i + 1, start=a, end=b,
                            audio_start=max(0.0, a - overlap_seconds) if a_in_speech else a,
                            audio_end=min(duration, b + overlap_seconds) if b_in_speech else b))
    return chunks


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
