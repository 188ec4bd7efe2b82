"""Voice prints for names: one CAM++ embedding per cast member (from the spans the cast file points at) and
one per diarized speaker (from its own turns), so diarization.naming can match them.

Both pool CAM++'s frame features over all the speech they are given into one mean+std statistic, the way the
network was trained to embed an utterance. Only a speaker's longest turns are embedded (`cast_speaker_s`), so
naming costs seconds whatever the film's length. Nothing here reads the clustering: a speaker is its turns.
"""

import logging
import tempfile
import wave
from pathlib import Path

import numpy as np

from cinescribe.audio.media import SAMPLE_RATE, decode_span, read_slice
from cinescribe.audio.vad import VadOptions, detect_speech
from cinescribe.diarization.models.speaker_encoder import embed_stats, pooled_stats, trunk_frames, unit
from cinescribe.runtime.errors import CinescribeError
from cinescribe.spans import join_close, uncovered

log = logging.getLogger(__name__)
MIN_SPEECH_S = 1.0  # less speech than this in a cast span gives no voice print worth matching
MIN_TURN_S = 0.5  # a turn shorter than this is not parted between two names on its own print


def voice_print(encoder, pieces, piece_s=10):
    """One L2-normalised embedding of several stretches of one voice's samples; None when they are too short."""
    frames = [f for f in (trunk_frames(encoder, p, piece_s) for p in pieces if len(p) >= SAMPLE_RATE // 10)
              if len(f) >= 2]
    if not frames:
        return None
    frames = np.concatenate(frames)
    return embed_stats(encoder, pooled_stats(frames, np.array([0]), len(frames)))[0]


def _speech_of(samples, vad_options, vad_device):
    """The stretches of `samples` that Silero VAD hears as speech (through a temporary WAV, as vad.py reads)."""
    with tempfile.TemporaryDirectory(prefix="cinescribe-cast-") as folder:
        path = Path(folder) / "span.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(SAMPLE_RATE)
            out.writeframes((np.clip(samples, -1, 1) * 32767).astype(np.int16).tobytes())
        spans = detect_speech(path, vad_options, vad_device)
    return [samples[int(a * SAMPLE_RATE):int(b * SAMPLE_RATE)] for a, b in spans]


def row_print(row, film, encoder, audio=None, vad_options=VadOptions(), vad_device="cpu"):
    """(voice print, seconds of speech) of one cast row; a span without speech is one CinescribeError sentence.
    `audio` ({track, language}) picks the film's track for rows whose source is the film."""
    audio = (audio or {}) if not row.source else {}
    samples = decode_span(row.where(film), row.start, row.end, audio.get("track"), audio.get("language"))
    speech = _speech_of(samples, vad_options, vad_device)
    seconds = sum(len(p) for p in speech) / SAMPLE_RATE
    span = f"{row.start:g}-{row.end:g} s" if row.end is not None else f"from {row.start:g} s to the end"
    if seconds < MIN_SPEECH_S:
        raise CinescribeError(f"the cast row {row.row} ({row.name}) has {seconds:.2f} s of speech in "
                              f"{span} of '{row.where(film)}' (at least {MIN_SPEECH_S:g} s needed); point it at "
                              "a stretch where the character speaks.")
    return voice_print(encoder, speech), seconds


def enroll(rows, film, encoder, same_voice, audio=None, vad_options=VadOptions(), vad_device="cpu"):
    """{name: voice print} from the cast rows, and [{name, row, speech_s, similarity}] per row. A name whose
    rows sound like different voices (a row less alike than `same_voice` to the name's other rows) is one
    CinescribeError sentence."""
    prints, report = {}, []
    for row in rows:
        vector, seconds = row_print(row, film, encoder, audio, vad_options, vad_device)
        prints.setdefault(row.name, []).append((row, vector))
        report.append({"name": row.name, "row": row.row, "speech_s": round(seconds, 2)})
    names = {}
    for name, entries in prints.items():
        for row, vector in entries if len(entries) > 1 else []:
            others = unit(np.sum([v for r, v in entries if r is not row], 0))
            similarity = float(vector @ others)
            if similarity < same_voice:
                raise CinescribeError(f"the cast file gives {name} two different voices: row {row.row} is "
                                      f"{similarity:.2f} alike to the other rows of {name} (same voice ≥ "
                                      f"{same_voice:g}); check the spans, or give each voice its own name.")
        names[name] = unit(np.sum([v for _, v in entries], 0))
    return names, report


def speaker_prints(wav_path, turns, encoder, cap_s=60.0, piece_s=10):
    """{speaker: voice print} from each diarized speaker's longest turns (at most `cap_s` seconds of them),
    leaving out the stretches where another speaker's turn overlaps."""
    by_speaker = {}
    for turn in turns:
        by_speaker.setdefault(turn["speaker"], []).append((turn["start"], turn["end"]))
    prints = {}
    for speaker, spans in by_speaker.items():
        others = join_close(sorted((t["start"], t["end"]) for t in turns if t["speaker"] != speaker))
        alone = [part for start, end in spans for part in uncovered(start, end, others)]
        chosen, total = [], 0.0
        for start, end in sorted(alone, key=lambda s: s[0] - s[1]):
            if total >= cap_s:
                break
            end = min(end, start + cap_s - total)
            chosen.append((start, end))
            total += end - start
        vector = voice_print(encoder, [read_slice(wav_path, a, b) for a, b in sorted(chosen)], piece_s)
        if vector is not None:
            prints[speaker] = vector
    return prints


def turn_prints(wav_path, turns, speakers, encoder, piece_s=10):
    """{index: voice print} of each turn of `speakers` long enough to print."""
    prints = {}
    for i, turn in enumerate(turns):
        if turn["speaker"] in speakers and turn["end"] - turn["start"] >= MIN_TURN_S:
            vector = voice_print(encoder, [read_slice(wav_path, turn["start"], turn["end"])], piece_s)
            if vector is not None:
                prints[i] = vector
    return prints


def cast_names(wav_path, turns, cast_prints, encoder, options, piece_s=10):
    """(turns, what diarization.json gains with a cast: `names` (the clear matches), `scores` (every speaker's)
    and `cast` (every name)). `cast_prints` is cast.json's {name: vector}. A speaker torn between two cast names
    is parted turn by turn, and speakers that took one name are joined (diarization.naming)."""
    from cinescribe.diarization.naming import join_named, match_names, part_turns, torn_between

    cast = {n: np.asarray(v, np.float64) for n, v in cast_prints.items()}
    prints = speaker_prints(wav_path, turns, encoder, options.cast_speaker_s, piece_s)
    names, scores = match_names(prints, cast, options)
    torn = torn_between(scores, options)
    if torn:
        turns, parted = part_turns(turns, turn_prints(wav_path, turns, set(torn), encoder, piece_s), torn, cast,
                                   options)
        names = {**names, **parted}
        log.info("cast: %s parted turn by turn between %s", ", ".join(torn), "; ".join(" and ".join(p) for p in torn.values()))
    turns, names = join_named(turns, names)
    return turns, {"names": names, "scores": scores, "cast": list(cast_prints)}
