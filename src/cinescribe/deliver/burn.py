"""A preview with the subtitles in the picture: H.264 in MP4, for a player or a phone that shows no tracks.

Burning in means decoding and encoding every frame, so this is the one costly step of delivery; it is the
ffmpeg command's `ass` filter (libass: the fonts, Devanagari shaping, italics and positions of the ASS file),
which the PyAV wheel does not carry.
"""

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cinescribe.audio.media import open_media
from cinescribe.runtime.atomic import atomic_path
from cinescribe.runtime.errors import CinescribeError
from cinescribe.runtime.options import StageOptions
from cinescribe.video.streams import picture_stream


@dataclass
class BurnOptions(StageOptions):
    """x264 settings of the preview (`deliver` in config/schema.yaml: burn_preset, burn_crf)."""

    burn_preset: str = "veryfast"
    burn_crf: int = 23


def _picture_index(film):
    with open_media(film) as container:
        stream = picture_stream(container)
        if stream is None:
            raise CinescribeError(f"'{film}' has no picture to burn subtitles into; set deliver.burn: false for "
                                  "audio-only films (deliver.mux still writes the Matroska).")
        return stream.index


def ffmpeg_command():
    """The ffmpeg command, or one sentence saying what to install."""
    found = shutil.which("ffmpeg")
    if not found:
        raise CinescribeError("deliver.burn needs the ffmpeg command built with libass (Debian and Ubuntu: "
                              "apt-get install ffmpeg; macOS: brew install ffmpeg); install it or set deliver.burn: "
                              "false.")
    return found


def burn_subtitles(film, subtitles_ass, dst, options=BurnOptions(), threads=2):
    """Write `dst` (MP4): the film's picture with `subtitles_ass` rendered into it, x264 at the options' preset
    and quality, its first audio track as AAC. Atomic."""
    ffmpeg, index = ffmpeg_command(), _picture_index(film)
    film, dst = Path(film).resolve(), Path(dst).resolve()
    with tempfile.TemporaryDirectory() as folder, atomic_path(dst) as tmp:
        shutil.copyfile(subtitles_ass, Path(folder) / "cues.ass")  # a plain name: no filter-graph escaping
        command = [ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", str(film),
                   "-map", f"0:{index}", "-map", "0:a:0?", "-vf", "ass=cues.ass", "-c:v", "libx264",
                   "-preset", options.burn_preset, "-crf", str(options.burn_crf), "-pix_fmt", "yuv420p",
                   "-c:a", "aac", "-b:a", "128k", "-threads", str(threads), "-movflags", "+faststart",
                   "-f", "mp4", str(tmp)]
        done = subprocess.run(command, cwd=folder, capture_output=True, text=True, errors="replace")
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise CinescribeError(f"ffmpeg could not burn the subtitles into '{film}' ({last}); convert the film to "
                                  "MP4 or MKV first, or set deliver.burn: false.")
