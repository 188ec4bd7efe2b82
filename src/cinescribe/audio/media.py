"""Audio in and out: any container ffmpeg reads → 16 kHz mono WAV, streamed, plus seekable slices."""

import logging
import wave
from pathlib import Path

import av
import numpy as np

from cinescribe.runtime.atomic import atomic_path
from cinescribe.runtime.errors import CinescribeError

SAMPLE_RATE = 16000
log = logging.getLogger(__name__)


def check_input_path(path):
    """Fail before any work when the input is missing or empty (the workflow calls this at start)."""
    path = Path(path)
    if not path.is_file():
        raise CinescribeError(f"Input file not found: '{path}'; check the path given as input.")
    if path.stat().st_size == 0:
        raise CinescribeError(f"Input file '{path}' is empty (0 bytes); copy or export it again.")
    return path


def open_media(path):
    """Open `path` with PyAV, turning every way a file can be unusable into one sentence."""
    path = check_input_path(path)
    try:
        return av.open(str(path))
    except av.error.FFmpegError as err:
        raise CinescribeError(
            f"Cannot read '{path}': ffmpeg does not recognise it as media ({err.strerror}); "
            "the file is corrupt or truncated, so export or download it again."
        ) from None


def _language_matches(tag, wanted):
    tag, wanted = (tag or "").lower(), wanted.lower()
    return bool(tag) and (tag == wanted or tag[:2] == wanted[:2])


def select_audio_stream(container, path, track=None, language=None):
    """Pick the audio track by index among audio streams, or by language tag (e.g. 'hin', 'en')."""
    streams = list(container.streams.audio)
    if not streams:
        raise CinescribeError(f"'{path}' has no audio stream; choose a file that contains sound.")
    if track is not None:
        if not 0 <= track < len(streams):
            raise CinescribeError(
                f"'{path}' has {len(streams)} audio track(s); audio.track={track} does not exist "
                f"(use 0 to {len(streams) - 1})."
            )
        return streams[track]
    if language:
        for stream in streams:
            if _language_matches(stream.metadata.get("language"), language):
                return stream
        tags = [s.metadata.get("language", "untagged") for s in streams]
        raise CinescribeError(
            f"'{path}' has no audio track tagged '{language}' (tracks: {', '.join(tags)}); "
            "set audio.language to one of them or use audio.track."
        )
    return streams[0]


def _declared_seconds(container, path):
    """What the header promises; a WAV's RIFF header counts frames, other containers give a duration."""
    if container.format.name == "wav":
        try:
            with wave.open(str(path), "rb") as wav:
                return wav.getnframes() / wav.getframerate()
        except (wave.Error, EOFError):
            return None
    if container.duration is not None:
        return container.duration / av.time_base
    return None


def _packet_end(packet):
    if packet.pts is None or packet.time_base is None:
        return 0.0
    return float((packet.pts + (packet.duration or 0)) * packet.time_base)


def extract_audio(src, dst, track=None, language=None, progress_every_s=600.0):
    """Decode the chosen track to 16 kHz mono 16-bit WAV frame by frame; never holds the film in memory."""
    container = open_media(src)
    with container:
        stream = select_audio_stream(container, src, track, language)
        declared = _declared_seconds(container, src)
        index, codec = stream.index, stream.codec_context.name
        resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        written, media_end = 0, 0.0
        next_report = progress_every_s * SAMPLE_RATE
        with atomic_path(dst) as tmp, wave.open(str(tmp), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(SAMPLE_RATE)
            try:
                # Demux every stream (no decoding of video) so a truncated file shows as packets
                # that stop short of the declared duration, whichever stream is the longest.
                for packet in container.demux():
                    media_end = max(media_end, _packet_end(packet))
                    if packet.stream.index != index:
                        continue
                    for frame in packet.decode():
                        for chunk in resampler.resample(frame):
                            data = chunk.to_ndarray()
                            out.writeframes(data.tobytes())
                            written += data.shape[-1]
                    if written >= next_report:
                        log.info("extracted %.0f min of audio", written / SAMPLE_RATE / 60)
                        next_report += progress_every_s * SAMPLE_RATE
                for chunk in resampler.resample(None):
                    data = chunk.to_ndarray()
                    out.writeframes(data.tobytes())
                    written += data.shape[-1]
            except av.error.FFmpegError as err:
                raise CinescribeError(
                    f"'{src}' is corrupt: decoding failed after {written / SAMPLE_RATE:.1f} s "
                    f"({err.strerror}); export or download the file again."
                ) from None
            seconds = written / SAMPLE_RATE
            if written == 0:
                raise CinescribeError(f"'{src}' holds no decodable audio; export or download it again.")
            reached = max(seconds, media_end) if container.format.name != "wav" else seconds
            if declared and reached < declared - max(2.0, 0.02 * declared):
                raise CinescribeError(
                    f"'{src}' looks truncated: its header promises {declared:.1f} s of audio but only "
                    f"{seconds:.1f} s could be decoded; copy or download the whole file again."
                )
    log.info("audio stream %d (%s): %.1f s → %s", index, codec, seconds, dst)
    return {"seconds": seconds, "stream_index": index, "codec": codec}


def wav_seconds(path):
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def read_slice(path, start_s=0.0, end_s=None):
    """Read [start_s, end_s) of our 16 kHz WAV as float32 by seeking: a chunk never loads the film."""
    with wave.open(str(path), "rb") as wav:
        total = wav.getnframes()
        first = min(total, max(0, int(round(start_s * SAMPLE_RATE))))
        last = total if end_s is None else min(total, int(round(end_s * SAMPLE_RATE)))
        wav.setpos(first)
        raw = wav.readframes(max(0, last - first))
    return np.frombuffer(raw, dtype=np.int16).astype(np.float32) / 32768.0


def iter_blocks(path, block_frames):
    """Yield float32 blocks of `block_frames` samples so long files stream through bounded memory."""
    with wave.open(str(path), "rb") as wav:
        while raw := wav.readframes(block_frames):
            yield np.frombuffer(raw, dtype=np.int16).astype(np.float32) / 32768.0


def decode_span(path, start_s=0.0, end_s=None, track=None, language=None):
    """[start_s, end_s) of any media file's chosen audio track as 16 kHz mono float32, decoded from a seek near
    start_s: a cast member's few seconds cost no decode of the whole film."""
    container = open_media(path)
    with container:
        stream = select_audio_stream(container, path, track, language)
        resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        if start_s > 0:
            container.seek(int(start_s * av.time_base), any_frame=False)  # the key frame at or before start_s
        pieces, first = [], None
        try:
            for frame in container.decode(stream):
                if first is None:
                    first = float(frame.time) if frame.time is not None else 0.0
                if end_s is not None and frame.time is not None and frame.time >= end_s:
                    break
                pieces += [chunk.to_ndarray().reshape(-1) for chunk in resampler.resample(frame)]
            pieces += [chunk.to_ndarray().reshape(-1) for chunk in resampler.resample(None)]
        except av.error.FFmpegError as err:
            raise CinescribeError(f"'{path}' is corrupt: decoding near {start_s:.1f} s failed ({err.strerror}); "
                                  "export or download the file again.") from None
    samples = np.concatenate(pieces).astype(np.float32) / 32768.0 if pieces else np.zeros(0, np.float32)
    offset = max(0, int(round((start_s - (first or 0.0)) * SAMPLE_RATE)))
    stop = None if end_s is None else max(offset, int(round((end_s - (first or 0.0)) * SAMPLE_RATE)))
    return samples[offset:stop]
