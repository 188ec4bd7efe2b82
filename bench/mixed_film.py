"""A synthetic 'film' of any length with known text: dialogue, reading, music and long silences."""

import functools
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from support import media  # noqa: E402

VOICES = ["en-us", "en-gb", "en-us+f3", "en-gb-x-rp", "en-us+m3"]


@functools.lru_cache(maxsize=None)
def _seconds(path):
    return media.read_wav(path).shape[0] / 16000


def music(path, seconds):
    """Chords with a pulse: music-like, no words."""
    subprocess.run(["sox", "-D", "-n", "-r", "16000", "-c", "1", "-b", "16", str(path), "synth", str(seconds),
                    "pluck", "C3", "pluck", "E3", "pluck", "G3", "tremolo", "3", "60", "gain", "-6"], check=True)
    return Path(path)


def build(folder, minutes):
    """Write mixed.wav of about `minutes` and return (path, known text)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    gap = media.silence(folder / "gap.wav", 0.4)
    long_silence = media.silence(folder / "long_silence.wav", 20)
    tune = music(folder / "music.wav", 25)
    parts, text, seconds, i = [], [], 0.0, 0
    while seconds < minutes * 60:
        block = i % 4
        if block in (0, 2):  # dialogue: voices alternate sentence by sentence
            for j in range(6):
                sentence = media.SENTENCES[(i * 6 + j) % len(media.SENTENCES)]
                parts += [media.speak(sentence, folder / f"d{i}_{j}.wav", VOICES[j % 2], 160 + 10 * (i % 3)), gap]
                text.append(sentence)
        elif block == 1:  # reading: one voice, one long run of speech
            passage = " ".join(media.SENTENCES[(i + k) % len(media.SENTENCES)] for k in range(6))
            parts += [media.speak(passage, folder / f"r{i}.wav", VOICES[2 + i % 3], 170), gap]
            text.append(passage)
        else:  # music then a long silence
            parts += [tune, long_silence]
        seconds = sum(_seconds(p) for p in parts)
        i += 1
    path = media.concat(parts, folder / f"mixed_{minutes}min.wav")
    return path, " ".join(text)
