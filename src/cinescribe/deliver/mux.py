"""The film and its subtitle tracks in one Matroska, streams copied packet for packet.

PyAV (libavformat, as `ffmpeg -c copy` would use it) moves every compressed packet of the picture and of each
audio track into the new container unchanged: no decode, no encode, so the bytes a player decodes are the
source's. It runs in this process from the PyAV wheel the workflow already needs, with no ffmpeg command to
install. Subtitle files are read by libavformat's own SRT and ASS demuxers, so their packets are what
Matroska expects (`S_TEXT/UTF8`, or `S_TEXT/ASS` with the script's header as the track's private data).
"""

import logging
from dataclasses import dataclass

import av

from cinescribe.audio.media import open_media
from cinescribe.runtime.atomic import atomic_path
from cinescribe.runtime.errors import CinescribeError
from cinescribe.video.streams import is_picture

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MuxResult:
    """What went into the Matroska: streams copied from the film (picture and audio) and subtitle tracks."""

    picture: bool
    audio_tracks: int
    subtitle_tracks: int


def _seconds(packet):
    stamp = packet.dts if packet.dts is not None else packet.pts
    return float(stamp * packet.time_base) if stamp is not None else 0.0


def _subtitle_packets(track, fmt):
    """The cues of one subtitle file as packets, with the stream they came from (the template of the track)."""
    try:
        container = av.open(track.path, format=fmt)
    except av.error.FFmpegError as err:
        raise CinescribeError(f"Cannot read the subtitle file '{track.path}' as {fmt.upper()} ({err.strerror}); "
                              "run the workflow again to rewrite it.") from None
    return container, [packet for packet in container.demux() if packet.size]


def _add_subtitle_stream(out, template, track):
    stream = out.add_stream_from_template(template)
    stream.metadata["language"] = track.tag
    stream.metadata["title"] = track.title
    stream.disposition = av.stream.Disposition.default if track.default else av.stream.Disposition(0)
    return stream


def mux_film(film, tracks, dst, fmt="srt"):
    """Write `dst` (Matroska): the film's picture and audio streams copied untouched, then one subtitle track per
    entry of `tracks` (SubtitleTrack; files in `fmt`, srt or ass), packets interleaved by time. Atomic."""
    with open_media(film) as src, atomic_path(dst) as tmp:
        copied = [s for s in src.streams if s.type == "audio" or is_picture(s)]
        picture, audio_tracks = any(s.type == "video" for s in copied), sum(s.type == "audio" for s in copied)
        subtitles = [_subtitle_packets(track, fmt) for track in tracks]
        try:
            with av.open(str(tmp), "w", format="matroska") as out:
                outputs = {s.index: out.add_stream_from_template(s) for s in copied}
                for s in copied:
                    outputs[s.index].metadata.update({k: v for k, v in s.metadata.items() if k in ("language", "title")})
                pending = []
                for (container, packets), track in zip(subtitles, tracks):
                    stream = _add_subtitle_stream(out, container.streams[0], track)
                    pending += [(_seconds(p), i, p, stream) for i, p in enumerate(packets)]
                pending.sort(key=lambda item: (item[0], item[1]))
                _copy_interleaved(src, copied, outputs, out, pending)
        except av.error.FFmpegError as err:
            raise CinescribeError(f"Cannot copy the streams of '{film}' into Matroska ({err.strerror}); "
                                  "convert the film to MKV or MP4 first, or set deliver.mux: false.") from None
        finally:
            for container, _ in subtitles:
                container.close()
    if not picture:
        log.warning("'%s' has no video stream: %s holds its audio and the subtitles only", film, dst)
    return MuxResult(picture, audio_tracks, len(tracks))


def _copy_interleaved(src, copied, outputs, out, pending):
    """Every packet of the copied streams, with the subtitle packets slotted in by time (Matroska's clusters
    go forward in time; sorting here keeps libavformat from buffering a whole film)."""
    queue = iter(pending)
    waiting = next(queue, None)
    for packet in src.demux(copied):
        if not packet.size:  # the demuxer's end-of-stream marker, no data
            continue
        now = _seconds(packet)
        while waiting is not None and waiting[0] <= now:
            _mux(out, waiting[2], waiting[3])
            waiting = next(queue, None)
        packet.stream = outputs[packet.stream.index]
        out.mux(packet)
    while waiting is not None:
        _mux(out, waiting[2], waiting[3])
        waiting = next(queue, None)


def _mux(out, packet, stream):
    packet.stream = stream
    out.mux(packet)


