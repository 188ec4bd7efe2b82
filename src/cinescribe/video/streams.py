"""Which stream is the film's picture: the first video stream that is not cover art.

MP3, M4A and MKV files often carry an album cover as a one-frame "video" stream (disposition attached_pic);
timing subtitles on it, or looking for cuts in it, would be nonsense, so such a file counts as audio-only.
"""

import av


def is_picture(stream):
    """A real video stream: moving pictures, not an attached cover image."""
    return stream.type == "video" and not stream.disposition & av.stream.Disposition.attached_pic


def picture_stream(container):
    """The film's video stream, or None for audio-only inputs (WAV, M4A, a container with only a cover)."""
    return next((stream for stream in container.streams.video if is_picture(stream)), None)
