"""Whisper on one chunk: its speech windows are batched through faster-whisper, times made absolute."""

import logging
from functools import partial

import numpy as np

from cinescribe.asr.chunk_plan import group_windows
from cinescribe.asr.languages import decoding_language
from cinescribe.asr.repair import (
    RepairOptions,
    heard_words,
    packed_groups,
    placements,
    replace_words,
    unheard_spans,
    unpacked,
)
from cinescribe.asr.scripts import HINDI_VIA_URDU_SCRIPTS, suppressed_tokens
from cinescribe.asr.token_budget import budgeted, token_budget
from cinescribe.audio.media import SAMPLE_RATE, read_slice
from cinescribe.spans import clipped
from cinescribe.text.hindustani import devanagari_segments
from cinescribe.text.words import words_within

log = logging.getLogger(__name__)
PAD_S = 0.2  # audio kept either side of an unheard stretch: VAD's edges can clip a first or last sound


def _word(w, offset):
    return {"start": round(w.start + offset, 3), "end": round(w.end + offset, 3),
            "word": w.word, "probability": round(w.probability, 4)}


def _segment(seg, offset):
    return {
        "start": round(seg.start + offset, 3),
        "end": round(seg.end + offset, 3),
        "text": seg.text.strip(),
        "avg_logprob": round(seg.avg_logprob, 4),
        "no_speech_prob": round(seg.no_speech_prob, 4),
        "compression_ratio": round(seg.compression_ratio, 3),
        "words": [_word(w, offset) for w in seg.words or []],
    }


def transcribe_chunk(load_model, wav_path, chunk, speech, options, batch_size=8, label="", voice_like=()):
    """Transcribe the chunk's audio slice; return (segments with absolute times and words, repaired windows).

    Windows come from our VAD (cut at pauses) and go to BatchedInferencePipeline as clip_timestamps,
    so the batch runs in parallel without the mid-word cuts of fixed 30 s concatenation (on the CPU
    `cpu_batch_size` windows at a time, each encoded alone: asr/whisper_model.py). Speech that comes
    back with too few words is decoded again on its own (asr.repair), and so is `voice_like` sound (vad.json:
    whispers VAD did not hear), which no window holds. `load_model` is only called when the chunk has speech.
    """
    from faster_whisper import BatchedInferencePipeline

    offset = chunk["audio_start"]
    speech = clipped(speech, chunk["audio_start"], chunk["audio_end"])
    windows = group_windows(speech, options["window_seconds"])
    if not windows:
        log.info("%s: no speech in this chunk", label)
        return [], []
    audio = read_slice(wav_path, chunk["audio_start"], chunk["audio_end"])
    clips = [{"start": s - offset, "end": e - offset} for s, e in windows]
    model = load_model()
    if model.model.device == "cpu":  # windows are encoded one at a time there, and decoded cpu_batch_size together
        batch_size = min(batch_size, options.get("cpu_batch_size", batch_size))
    common = dict(decoding_options(model, options), initial_prompt=options.get("initial_prompt") or None)
    if options["condition_on_previous_text"]:
        # Batched decoding cannot feed one window's text to the next, so this choice decodes in sequence.
        flat = [t for clip in clips for t in (clip["start"], clip["end"])]
        same_draws()
        segments, _info = model.transcribe(audio, condition_on_previous_text=True, clip_timestamps=flat, **common)
    else:
        # Text-only decoding (faster-whisper's batched default) ends a window at Whisper's first end-of-text,
        # often after one sentence of a window with music or pauses in it: timestamps keep it going.
        same_draws()
        segments, _info = BatchedInferencePipeline(model).transcribe(
            audio, batch_size=batch_size, clip_timestamps=clips,
            without_timestamps=not options["segment_timestamps"], **common)
    span = max(len(audio) / SAMPLE_RATE, 1e-6)
    out, reported = [], 0.0
    for seg in segments:
        out.append(_segment(seg, offset))
        done = min(1.0, seg.end / span)
        if done - reported >= 0.1:
            log.info("%s: %3.0f%% (%.0f of %.0f s)", label, 100 * done, seg.end, span)
            reported = done
    log.info("%s: 100%% — %d segments from %d windows", label, len(out), len(windows))
    repaired = []
    if options["repair"]["enabled"]:
        heard_or_whispered = sorted(speech + clipped(voice_like, chunk["audio_start"], chunk["audio_end"]))
        out, repaired = repair_unheard(model, audio, offset, heard_or_whispered, out, options, label)
    if options["language"] == "hi":  # decoded as ur, or a model that slips into Urdu letters: Devanagari
        out = devanagari_segments(out)
    return with_sound_share(out, audio, offset), repaired


def decoding_options(model, options):
    """The faster-whisper arguments both passes share: the decoding language and task, beam, hotwords, the
    tokens suppressed, word timestamps, and no VAD of its own (ours chose the windows)."""
    return dict(
        language=decoding_language(options["language"], options.get("model"), options.get("hindi_via_urdu", "auto")),
        task=options["task"],
        beam_size=options["beam_size"],
        hotwords=options.get("hotwords") or None,
        suppress_tokens=script_suppression(model, options),
        word_timestamps=True,
        vad_filter=False,
    )


def script_suppression(model, options):
    """faster-whisper's `suppress_tokens`: its default, and for Hindi decoded as Urdu also every token of a
    script text.hindustani cannot read (base drifts into Japanese letters on some voices; asr/scripts.py)."""
    language = decoding_language(options["language"], options.get("model"), options.get("hindi_via_urdu", "auto"))
    if options["language"] == "hi" and language == "ur":
        return suppressed_tokens(model, HINDI_VIA_URDU_SCRIPTS)
    return [-1]


def same_draws(seed=0):
    """Seed CTranslate2's sampler: the temperature fallback samples, and a chunk decoded again (a resumed run, the
    ASR worker) must give the same bytes."""
    import ctranslate2

    ctranslate2.set_random_seed(seed)


def with_sound_share(segments, audio, offset, frame=512, above_db=15.0, floor_percentile=2):
    """Each segment's share of frames `above_db` over the chunk's floor (its quietest 2 %: room tone; a film's
    tenth-quietest frame is already in reverb tails and beds): text where VAD hears no voice is a whisper if the
    audio there is not quiet, and invented if it is (the hallucination filter reads it)."""
    frames = len(audio) // frame
    if not frames:
        return segments
    level = 10 * np.log10(np.mean(audio[:frames * frame].reshape(frames, frame) ** 2, axis=1) + 1e-12)
    sound = level >= np.percentile(level, floor_percentile) + above_db
    per_s = SAMPLE_RATE / frame
    for seg in segments:
        a, b = int((seg["start"] - offset) * per_s), int(np.ceil((seg["end"] - offset) * per_s))
        seg["sound_share"] = round(float(sound[max(a, 0):max(b, a + 1)].mean()), 3) if a < frames else 0.0
    return segments


def repair_unheard(model, audio, offset, speech, segments, options, label=""):
    """Decode the unheard stretches again (no prompt, temperature fallback), packed several to a window, and
    alone where that window heard no more than the first pass; keep what hears more words.

    No no-speech skip here: the merge's hallucination filter judges the result and lists what it removes."""
    repair = RepairOptions.from_config(options["repair"])
    decode = partial(_decode_again, model, decoding_options(model, options), repair)
    spans = unheard_spans(speech, segments, repair)
    end_of_audio = offset + len(audio) / SAMPLE_RATE
    windows = [(max(start - PAD_S, offset), min(end + PAD_S, end_of_audio)) for start, end in spans]
    packed = {}
    short = [(a, b) for a, b in windows if b - a < repair.pack_below_s]
    for group in packed_groups(short, repair.max_window_s, repair.packed_gap_s):
        if len(group) > 1:
            places = placements(group, repair.packed_gap_s)
            silence = np.zeros(round(repair.packed_gap_s * SAMPLE_RATE), dtype=audio.dtype)
            clips = [part for a, b in group for part in (_levelled(_clip(audio, offset, a, b)), silence)][:-1]
            packed.update(zip(group, unpacked(decode(np.concatenate(clips), 0.0), places, repair.packed_gap_s)))
    repaired = []
    for (start, end), (a, b) in zip(spans, windows):
        before = len(words_within(heard_words(segments, repair), start, end))
        found = packed.get((a, b), [])
        how = "packed"
        if _word_count(found) <= before:
            found, how = decode(_clip(audio, offset, a, b), a), "alone"
        heard = _word_count(found)
        log.info("%s: %.1f-%.1f s had %d words; decoded %s: %d", label, start, end, before, how, heard)
        if heard > before:
            segments = replace_words(segments, (a, b), found)
            repaired.append([start, end])
    return segments, repaired


def _clip(audio, offset, start, end):
    return audio[round((start - offset) * SAMPLE_RATE):round((end - offset) * SAMPLE_RATE)]


def _levelled(clip, target_db=-20.0):
    """The clip at one loudness, so a quiet line packed after a loud one is not heard as background."""
    rms = float(np.sqrt(np.mean(clip.astype(np.float64) ** 2))) if len(clip) else 0.0
    if rms < 1e-5:
        return clip
    return np.clip(clip * (10 ** (target_db / 20) / rms), -1.0, 1.0).astype(clip.dtype)


def _word_count(segments):
    return sum(len(seg["words"]) for seg in segments)


def _decode_again(model, decoding, repair, clip, start):
    """One window of the repair pass (`decoding`: decoding_options): no prompt, no context, the temperature
    fallback, at most the tokens its length could hold (asr/token_budget.py); segments with words, at `start` in
    the film."""
    tokens = token_budget(len(clip) / SAMPLE_RATE, repair.min_tokens, repair.tokens_per_s)
    same_draws()
    found, _info = budgeted(model, tokens).transcribe(clip, condition_on_previous_text=False, no_speech_threshold=None,
                                                      **decoding)
    return [seg for seg in (_segment(seg, start) for seg in found) if seg["words"]]


def detect_language(model, wav_path, speech, probe_seconds=30.0, positions=(0.1, 0.5, 0.8), candidates=3):
    """Detect the film's language once, from speech at several points, so every chunk agrees.

    Returns (code, probability, [(code, probability), …] for the likeliest `candidates`): a user told the
    detection is unsure needs the runners-up to choose `asr.language`.
    """
    if not model.model.is_multilingual:
        return "en", 1.0, [("en", 1.0)]
    if not speech:
        return None, 0.0, []
    total = speech[-1][1]
    pieces = []
    for pos in positions:
        taken = 0.0
        for s, e in speech:
            if e < pos * total or taken >= probe_seconds:
                continue
            e = min(e, s + probe_seconds - taken)
            pieces.append(read_slice(wav_path, s, e))
            taken += e - s
    audio = np.concatenate(pieces) if pieces else np.zeros(SAMPLE_RATE, np.float32)
    language, probability, ranked = model.detect_language(audio, language_detection_segments=len(positions))
    # The winner is voted over the probes; the ranking is the last probe's: lead with the winner.
    others = [(code, p) for code, p in sorted(ranked, key=lambda pair: -pair[1]) if code != language]
    ranked = [(language, probability)] + others[:candidates - 1]
    return language, float(probability), [(code, round(float(p), 4)) for code, p in ranked]
