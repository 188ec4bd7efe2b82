"""Hallucinations: drop text Whisper invents, and say why for each removal.

Whisper's known failure modes on films: repetition loops (high compression ratio or the same phrase over
and over), confident text where nobody speaks (VAD says no voice and the audio is quiet, or Whisper was unsure
of its words), and phantom credits learnt from web
subtitles ("Thank you for watching", "Subtitles by …").
"""

from dataclasses import dataclass, field

from cinescribe.runtime.options import StageOptions
from cinescribe.shapes import Removal, Segment
from cinescribe.spans import clipped
from cinescribe.text.words import collapse_loops, normalize, text_of


def _speech_share(segment, speech):
    span = segment["end"] - segment["start"]
    if span <= 0:
        return 1.0
    return sum(e - s for s, e in clipped(speech, segment["start"], segment["end"])) / span


@dataclass
class HallucinationFilter(StageOptions):
    """When a segment is judged invented (`hallucinations` in config/schema.yaml)."""

    max_compression_ratio: float = 2.4
    max_no_speech_prob: float = 0.6
    min_avg_logprob: float = -1.0
    min_speech_share: float = 0.3
    min_unvoiced_word_probability: float = 0.5
    max_repeats: int = 4
    phantom_phrases: list = field(default_factory=list)


def _reason(segment, speech, opts):
    text = normalize(segment["text"])
    if any(normalize(p) and normalize(p) in text and len(text) <= len(normalize(p)) + 20 for p in opts.phantom_phrases):
        return "phantom phrase"
    if segment.get("compression_ratio", 0) > opts.max_compression_ratio:
        return "repetition loop (compression ratio)"
    if (segment.get("no_speech_prob", 0) > opts.max_no_speech_prob
            and segment.get("avg_logprob", 0) < opts.min_avg_logprob):
        return "no speech (Whisper's own no-speech probability)"
    if segment["end"] - segment["start"] >= 1.0 and _speech_share(segment, speech) < opts.min_speech_share:
        # VAD hears no voice in a whisper either: text over sound (not room tone) in words Whisper was sure of stays
        heard = segment.get("sound_share", 0.0) >= opts.min_speech_share
        if not heard or _mean_probability(segment) < opts.min_unvoiced_word_probability:
            return "text over silence (VAD)"
    return None


def _mean_probability(segment):
    words = segment["words"]
    return sum(w["probability"] for w in words) / len(words) if words else 0.0


def drop_hallucinations(segments, speech, opts: HallucinationFilter) -> tuple[list[Segment], list[Removal]]:
    """Return (kept segments, removals); each removal has start, end, text and reason."""
    kept, removed = [], []
    for seg in segments:
        reason = _reason(seg, speech, opts)
        if reason is None:
            words = collapse_loops(seg["words"], opts.max_repeats)
            if len(words) < len(seg["words"]):
                removed.append(Removal(start=seg["start"], end=seg["end"], text=seg["text"],
                                       reason=f"repeated words ({len(seg['words']) - len(words)} dropped)"))
                seg = {**seg, "words": words, "text": text_of(words)}
            kept.append(seg)
        else:
            removed.append(Removal(start=seg["start"], end=seg["end"], text=seg["text"], reason=reason))
    return kept, removed
