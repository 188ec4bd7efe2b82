"""A film with known cuts and known speech, written with PyAV (no ffmpeg CLI): the shot detector's test media.

Each shot is its own colour and texture, panning slowly (the fourth fast), with fresh grain on every frame, so
frames inside a shot are never identical; a flash (one white frame) and a fade to black inside shots are not
cuts.
The cut times are exact: the first frame of each new shot, `index / rate` seconds. The audio track is the demo
clip's speech, looped to the film's length.

    python tests/support/cut_video.py --minutes 10 --size 1280x720 out.mp4   # the bench's film
"""

import argparse
import json
import sys
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from support.media import DEMO_WAV, read_wav  # noqa: E402

RATES = {"23.976": Fraction(24000, 1001), "25": Fraction(25), "29.97": Fraction(30000, 1001)}
FAST_PAN = 4  # pixels a frame of the fourth shot's pan (a whip pan across a 320-pixel frame in 3 s)
GRAIN_FRAMES = 8  # grain patterns cycled over frames: fresh noise per frame without paying for it per frame


def shot_lengths(seconds, rate, seed=0, shortest_s=1.5, longest_s=6.0):
    """Frames per shot, from a seeded generator: long enough for a detector's minimum shot length."""
    rng = np.random.default_rng(seed)
    total, lengths = int(seconds * rate), []
    while sum(lengths) < total:
        lengths.append(int(rng.uniform(shortest_s, longest_s) * rate))
    lengths[-1] -= sum(lengths) - total
    if lengths[-1] < shortest_s * rate:  # a stub at the end joins the shot before it
        stub = lengths.pop()
        lengths[-1] += stub
    return lengths


def _texture(rng, width, height, pan):
    """A shot's luma: a smooth random pattern (blocks upsampled) with room to pan across; values 30..200."""
    cells = rng.integers(0, 256, size=(height // 16 + 2, (width + pan) // 16 + 2)).astype(np.float32)
    big = np.kron(cells, np.ones((16, 16), np.float32))[: height + 16, : width + pan + 16]
    smooth = (big[:-16, :-16] + big[16:, 16:] + big[:-16, 16:] + big[16:, :-16]) / 4
    lo, hi = smooth.min(), smooth.max()
    return (30 + (smooth - lo) / max(hi - lo, 1) * 170).astype(np.uint8)


def build(path, rate=Fraction(24000, 1001), seconds=30.0, size=(320, 180), seed=0, flash=True, fade=True,
          fast=True, speech=DEMO_WAV, crf=23, preset="veryfast"):
    """Write an H.264 film (MP4 or MKV by suffix) with audio; return {"cuts": [s], "cut_frames": [i], ...}.

    Frames stream to the encoder one at a time, so a 10-minute 720p film needs no more memory than a clip.
    """
    rate, (width, height) = Fraction(rate), size
    rng = np.random.default_rng(seed)
    lengths = shot_lengths(seconds, rate, seed)
    frames = sum(lengths)
    grains = [rng.integers(0, 7, size=(height, width), dtype=np.uint8) for _ in range(GRAIN_FRAMES)]
    samples = read_wav(speech) if speech else None
    cut_frames, flash_frame, fade_frames = [], None, range(0)
    with av.open(str(path), "w", options={"fflags": "+bitexact"}) as out:
        video = out.add_stream("libx264", rate=rate, options={"crf": str(crf), "preset": preset})
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.codec_context.time_base = 1 / rate
        audio = out.add_stream("aac", rate=16000) if samples is not None else None
        if audio is not None:
            audio.layout = "mono"
        index = 0
        for shot, length in enumerate(lengths):
            if shot:
                cut_frames.append(index)
            speed = FAST_PAN if fast and shot == 3 else 0.5  # pixels a frame
            pan = int(length * speed) + 1
            luma = _texture(rng, width, height, pan)
            cb, cr = (np.uint8(v) for v in rng.integers(40, 216, size=2))
            chroma = np.full((height // 2, width // 2), 0, np.uint8)
            if flash and shot == 1:
                flash_frame = index + length // 2
            if fade and shot == len(lengths) - 2 and length > 2 * rate:
                fade_frames = range(index + length - int(rate), index + length)
            for i in range(length):
                x = int(i * speed)
                y = luma[:, x: x + width] + grains[index % GRAIN_FRAMES]
                if index == flash_frame:
                    y = np.full_like(y, 235)
                elif index in fade_frames:
                    y = (y * ((fade_frames.stop - index) / (len(fade_frames) + 1))).astype(np.uint8)
                planes = np.concatenate([y, (chroma + cb).reshape(-1, width), (chroma + cr).reshape(-1, width)])
                frame = av.VideoFrame.from_ndarray(planes, format="yuv420p")
                frame.pts, frame.time_base = index, 1 / rate
                out.mux(video.encode(frame))
                index += 1
        out.mux(video.encode(None))
        if audio is not None:
            _write_speech(out, audio, samples, frames / rate)
    return {"path": str(path), "rate": f"{rate.numerator}/{rate.denominator}", "frames": frames,
            "seconds": float(frames / rate), "cut_frames": cut_frames, "cuts": [float(i / rate) for i in cut_frames],
            "flash_frame": flash_frame, "fade_frames": [fade_frames.start, fade_frames.stop]}


def _write_speech(out, stream, samples, seconds):
    """The speech, looped to the film's length, as AAC."""
    total = int(seconds * 16000)
    looped = np.resize(samples, total)
    step = 1024
    for i in range(0, total, step):
        frame = av.AudioFrame.from_ndarray(looped[i:i + step].reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate, frame.pts = 16000, i
        out.mux(stream.encode(frame))
    out.mux(stream.encode(None))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--minutes", type=float, default=0.5)
    parser.add_argument("--size", default="320x180")
    parser.add_argument("--rate", choices=RATES, default="23.976")
    args = parser.parse_args(argv)
    width, height = map(int, args.size.split("x"))
    info = build(args.output, RATES[args.rate], args.minutes * 60, (width, height))
    print(json.dumps({k: v for k, v in info.items() if k != "cut_frames"}))


if __name__ == "__main__":
    main()


def variable_rate(path, seconds=6.0, size=(160, 90), steps_ms=(33, 50, 42)):
    """An MKV whose frames are 33, 50 and 42 ms apart in turn (a phone's variable frame rate), no audio."""
    rng = np.random.default_rng(1)
    width, height = size
    with av.open(str(path), "w") as out:
        video = out.add_stream("libx264", rate=24, options={"preset": "ultrafast"})
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.codec_context.time_base = Fraction(1, 1000)
        pts, i = 0, 0
        while pts < seconds * 1000:
            image = rng.integers(60, 200, size=(height, width, 3), dtype=np.uint8)
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            frame.pts, frame.time_base = pts, Fraction(1, 1000)
            out.mux(video.encode(frame))
            pts, i = pts + steps_ms[i % len(steps_ms)], i + 1
        out.mux(video.encode(None))
    return Path(path)


def undecodable(good, path):
    """`good` remuxed with every video packet's payload replaced by noise: the picture cannot be decoded, the
    sound is intact."""
    rng = np.random.default_rng(2)
    with av.open(str(good)) as source, av.open(str(path), "w") as out:
        streams = {s.index: out.add_stream_from_template(s) for s in source.streams}
        for packet in source.demux():
            if packet.dts is None:
                continue
            index = packet.stream.index
            if packet.stream.type == "video":
                noise = av.Packet(rng.integers(0, 256, size=max(packet.size, 16), dtype=np.uint8).tobytes())
                noise.pts, noise.dts, noise.time_base = packet.pts, packet.dts, packet.time_base
                noise.is_keyframe = packet.is_keyframe
                packet = noise
            packet.stream = streams[index]
            out.mux(packet)
    return Path(path)


def with_cover(path, seconds=1.0):
    """An MP4 of silence whose only picture is cover art (an MJPEG stream marked attached_pic), as music and
    podcast files carry one: audio-only for the frame rate."""
    with av.open(str(path), "w") as out:
        cover = out.add_stream("mjpeg", rate=1)
        cover.width, cover.height, cover.pix_fmt = 64, 64, "yuvj420p"
        cover.disposition = av.stream.Disposition.attached_pic
        sound = out.add_stream("aac", rate=16000)
        sound.layout = "mono"
        image = av.VideoFrame.from_ndarray(np.full((64, 64, 3), 200, np.uint8), format="rgb24")
        image = image.reformat(format="yuvj420p")
        image.pts, image.time_base = 0, Fraction(1)
        for packet in [*cover.encode(image), *cover.encode(None)]:
            out.mux(packet)
        _write_speech(out, sound, np.zeros(1024, np.int16), seconds)
    return Path(path)
