"""A small copy of the soundtrack for the review page: Opus in WebM, a few MB per hour, seekable in browsers."""

import av

from cinescribe.runtime.atomic import atomic_path


def compress_audio(src, dst, bitrate_kbps=16):
    """Encode `src` (any audio PyAV reads) as mono Opus in WebM at `dst`, atomically."""
    with atomic_path(dst) as tmp, av.open(str(src)) as inp, av.open(str(tmp), "w", format="webm") as out:
        # Complexity 0 and 60 ms frames: a preview to find a line by ear, encoded beside the chunks (complexity 3
        # took twice the CPU, 9 s a half-hour film); speech still sounds clear.
        stream = out.add_stream("libopus", rate=16000, layout="mono",
                                options={"compression_level": "0", "frame_duration": "60"})
        stream.bit_rate = int(bitrate_kbps * 1000)
        for frame in inp.decode(audio=0):
            frame.pts = None
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
