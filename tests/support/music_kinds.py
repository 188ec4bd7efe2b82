"""A labelled soundtrack for the song detector: several kinds of music (sox synth), alone, under a voice at
about the same level (a song), and as quiet beds under dialogue (not a song), between speech (espeak-ng and
LibriSpeech), sound effects and room tone. Everything follows from `seed`, so one seed tunes and another holds out.

build(folder, seed) → (wav path, blocks [(start, end, kind, condition, is_song)], total seconds).
"""

import importlib.util
import subprocess
from pathlib import Path

import numpy as np

from support import media

RATE = 16000
KINDS = ("pad", "pluck", "drums", "tremolo", "melody")
SONG_CONDITIONS = ("alone", "voice", "sung")  # music dominates: a song
BED_DB = (12, 15, 20)  # dialogue over music this many dB under the speech: not a song
VOICES = ["en-us", "en-gb", "en-gb-scotland", "en-us+f3", "en-029", "en-gb-x-rp+f2"]
LYRICS = [
    "Oh my love, stay with me, under the silver moon tonight.",
    "Walking down the river road, I hear you calling me home.",
    "Every little star above is shining only for you.",
    "Hold me close and never let the morning take you away.",
]
# Note names per key (a minor-ish progression, i–VI–III–VII) transposed by the seed.
NOTE_NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
PROGRESSION = [(0, 3, 7), (-4, 0, 3), (3, 7, 10), (-2, 2, 5)]


def _note(semitones_from_a3):
    """sox note name for a pitch counted in semitones from A3."""
    midi = 57 + semitones_from_a3
    return f"{NOTE_NAMES[midi % 12]}{midi // 12 - 1}"


class Synth:
    """sox synth notes, rendered once per (command) into `cache` and read back as float samples."""

    def __init__(self, cache):
        self.cache = Path(cache)
        self.cache.mkdir(parents=True, exist_ok=True)
        self.known = {}

    def __call__(self, seconds, *args):
        key = (round(seconds, 4), *args)
        if key not in self.known:
            path = self.cache / f"synth{len(self.known)}.wav"
            subprocess.run(["sox", "-D", "-R", "-n", "-r", str(RATE), "-c", "1", "-b", "16", str(path), "synth",
                            str(seconds), *map(str, args)], check=True)
            self.known[key] = media.read_wav(path).astype(np.float64) / 32768
        return self.known[key]

    def effect(self, samples, *effects):
        """Run sox effects (reverb …) over float samples."""
        src, out = self.cache / "fx-in.wav", self.cache / "fx-out.wav"
        peak = float(np.abs(samples).max()) or 1.0
        _write(src, samples, 0.25 / peak)  # headroom: reverb adds level
        subprocess.run(["sox", "-D", "-R", "-V1", str(src), str(out), *map(str, effects)], check=True)
        return media.read_wav(out).astype(np.float64)[:len(samples)] / 32768 * peak / 0.25


def _write(path, samples, scale=1.0):
    import wave

    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(np.clip(np.round(samples * scale * 32767), -32768, 32767).astype(np.int16).tobytes())
    return Path(path)


def _place(out, at, sound):
    at = int(at)
    if at < len(out):
        n = min(len(sound), len(out) - at)
        out[at:at + n] += sound[:n]


def _rms(samples, active=False):
    """RMS, or over the 20 ms frames within 30 dB of the loudest (a voice's level, not its pauses)."""
    if not active:
        return float(np.sqrt(np.mean(samples ** 2)) + 1e-12)
    n = len(samples) // 320 * 320
    frames = np.sqrt(np.mean(samples[:n].reshape(-1, 320) ** 2, axis=1))
    return float(np.sqrt(np.mean(frames[frames > frames.max() * 10 ** (-30 / 20)] ** 2)) + 1e-12)


def _at_db(samples, dbfs, active=False):
    return samples * (10 ** (dbfs / 20) / _rms(samples, active))


# ---- music -------------------------------------------------------------------------------------------------


def pad(synth, rng, seconds, key):
    """Sustained pads: each chord held 4 s (sines and a triangle an octave down), cross-faded, with reverb."""
    out, hold, fade = np.zeros(int(seconds * RATE)), 4.0, 0.8
    for i in range(int(np.ceil(seconds / (hold - fade)))):
        chord = PROGRESSION[i % 4]
        tone = synth(hold, *[x for s in chord for x in ("sine", _note(key + s))], "triangle", _note(key + chord[0] - 12),
                     "fade", "q", fade, hold, fade)
        _place(out, i * (hold - fade) * RATE, tone)
    return synth.effect(out, "reverb", 60)


def pluck(synth, rng, seconds, key):
    """Plucked arpeggios: up-and-down through each chord at 4–6 notes a second; the strings ring on."""
    out, step = np.zeros(int(seconds * RATE)), 60 / rng.choice([120, 135, 150]) / 2
    pattern = [0, 1, 2, 3, 2, 1]
    for i in range(int(seconds / step)):
        chord = PROGRESSION[int(i * step // 2) % 4]
        notes = [*chord, chord[0] + 12]
        tone = synth(1.2, "pluck", _note(key + notes[pattern[i % len(pattern)]]))
        _place(out, i * step * RATE, tone)
    return out


def _decay(n, tau_s):
    return np.exp(-np.arange(n) / (tau_s * RATE))


def drums(synth, rng, seconds, key):
    """A drum kit (kick: a falling sine; snare: a noise burst over a tone; hi-hat: short bright noise) on a
    16-step grid, a pluck bass on the kicks."""
    from scipy.signal import butter, sosfilt

    out, bpm = np.zeros(int(seconds * RATE)), rng.choice([96, 110, 124])
    sixteenth = 60 / bpm / 4
    n = int(0.35 * RATE)
    t = np.arange(n) / RATE
    kick = np.sin(2 * np.pi * (50 * t + 60 * 0.04 * (1 - np.exp(-t / 0.04)))) * _decay(n, 0.12)
    noise = np.random.RandomState(int(rng.integers(1 << 30))).normal(0, 1, n)
    snare = (0.6 * sosfilt(butter(2, [1000, 5000], "bandpass", fs=RATE, output="sos"), noise)
             + 0.4 * np.sin(2 * np.pi * 185 * t)) * _decay(n, 0.07)
    hat = sosfilt(butter(2, 6000, "highpass", fs=RATE, output="sos"), noise)[:int(0.06 * RATE)] * _decay(
        int(0.06 * RATE), 0.015)
    kicks = {0, 6, 8, 11} if rng.random() < 0.5 else {0, 3, 8, 10}
    for i in range(int(seconds / sixteenth)):
        at, step = i * sixteenth * RATE, i % 16
        if step in kicks:
            _place(out, at, 0.9 * kick)
            bass = PROGRESSION[(i // 16) % 4][0] - 24
            _place(out, at, 0.25 * synth(0.4, "pluck", _note(key + bass)))
        if step in (4, 12):
            _place(out, at, 0.7 * snare)
        if step % 2 == 0:
            _place(out, at, (0.25 if step % 4 else 0.35) * hat)
    return out


def tremolo(synth, rng, seconds, key):
    """bench/mixed_film.py's music: plucked triads with a 3 Hz tremolo, re-plucked every 2 s, with reverb."""
    out = np.zeros(int(seconds * RATE))
    for i in range(int(np.ceil(seconds / 2))):
        chord = PROGRESSION[i % 4]
        tone = synth(2.0, *[x for s in chord for x in ("pluck", _note(key + s - 12))], "tremolo", 3, 60)
        _place(out, i * 2 * RATE, tone)
    return synth.effect(out, "reverb", 50)


def melody(synth, rng, seconds, key):
    """A lead line (square waves, notes of 0.25–0.75 s from a pentatonic scale) over a soft triangle chord."""
    out, scale = np.zeros(int(seconds * RATE)), [0, 3, 5, 7, 10, 12, 15]
    at, degree = 0.0, 2
    while at < seconds:
        length = float(rng.choice([0.25, 0.5, 0.5, 0.75]))
        degree = int(np.clip(degree + rng.choice([-2, -1, 1, 2]), 0, len(scale) - 1))
        tone = synth(length, "square", _note(key + 12 + scale[degree]), "fade", "h", 0.01, length, 0.05)
        _place(out, at * RATE, 0.5 * tone)
        at += length
    for i in range(int(np.ceil(seconds / 2))):
        chord = PROGRESSION[i % 4]
        _place(out, i * 2 * RATE, 0.12 * synth(2.0, *[x for s in chord for x in ("triangle", _note(key + s))],
                                               "fade", "q", 0.1, 2.0, 0.1))
    return out


MUSIC = {"pad": pad, "pluck": pluck, "drums": drums, "tremolo": tremolo, "melody": melody}

# ---- voices, effects, room tone ----------------------------------------------------------------------------


def _libri():
    spec = importlib.util.find_spec("voxint")
    return sorted((Path(spec.origin).parent / "benchmark" / "assets").glob("libri_*.wav")) if spec else []


class Voices:
    def __init__(self, cache, rng):
        self.cache, self.rng, self.count = Path(cache), rng, 0

    def _espeak(self, text, voice, speed, ssml=False):
        self.count += 1
        raw, path = self.cache / f"v{self.count}.raw.wav", self.cache / f"v{self.count}.wav"
        subprocess.run(["espeak-ng", *(["-m"] if ssml else []), "-v", voice, "-s", str(speed), "-w", str(raw), text],
                       check=True)
        subprocess.run(["sox", "-D", "-R", "-V1", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(path), "gain", "-3"],
                       check=True)
        return media.read_wav(path).astype(np.float64) / 32768

    def line(self):
        """One sentence in one espeak-ng voice."""
        voice = VOICES[self.rng.integers(len(VOICES))]
        text = media.SENTENCES[self.rng.integers(len(media.SENTENCES))]
        return self._espeak(text, voice, int(self.rng.integers(145, 185)))

    def dialogue(self, seconds):
        """Lines with short pauses (0.2–0.9 s) until `seconds`, at one speech level."""
        parts, length = [], 0
        while length < seconds * RATE:
            parts += [_at_db(self.line(), -20, active=True), np.zeros(int(self.rng.uniform(0.2, 0.9) * RATE))]
            length += len(parts[-2]) + len(parts[-1])
        return np.concatenate(parts)

    def libri(self, seconds):
        """Real read speech (LibriSpeech, CC-BY-4.0, via the voxint package), clips joined with short pauses."""
        clips = _libri()
        parts, length = [], 0
        while clips and length < seconds * RATE:
            clip = media.read_wav(clips[self.rng.integers(len(clips))]).astype(np.float64) / 32768
            parts += [_at_db(clip, -20, active=True), np.zeros(int(self.rng.uniform(0.2, 0.6) * RATE))]
            length += len(parts[-2]) + len(parts[-1])
        return np.concatenate(parts) if parts else self.dialogue(seconds)

    def sung(self, seconds):
        """A sung-like voice: espeak-ng slow, high and with a wide pitch range, lyrics back to back."""
        parts, length = [], 0
        while length < seconds * RATE:
            text = LYRICS[self.rng.integers(len(LYRICS))]
            voice = ["en-us+f3", "en-gb+f2", "en-us", "en-gb-x-rp"][self.rng.integers(4)]
            ssml = f'<speak><prosody rate="x-slow" range="x-high" pitch="high">{text}</prosody></speak>'
            parts += [_at_db(self._espeak(ssml, voice, 110, ssml=True), -20, active=True), np.zeros(int(0.3 * RATE))]
            length += len(parts[-2]) + len(parts[-1])
        return np.concatenate(parts)


def sfx(rng, kind, seconds):
    """Sound effects: door slams (a low thump and a crack), footsteps (irregular short knocks), noise bursts with
    a decay (crashes, whooshes), clicks, and applause (voxint's bait clip)."""
    from scipy.signal import butter, sosfilt

    noise_rng = np.random.RandomState(int(rng.integers(1 << 30)))
    out = np.zeros(int(seconds * RATE))
    if kind == "applause":
        spec = importlib.util.find_spec("voxint")
        clip = media.read_wav(Path(spec.origin).parent / "benchmark" / "assets" / "bait_00_applause.wav") / 32768
        return _at_db(np.resize(clip.astype(np.float64), len(out)), -22)
    at = rng.uniform(0.1, 0.5)
    while at < seconds - 0.2:
        if kind == "door":
            n = int(0.6 * RATE)
            thump = sosfilt(butter(2, 200, "lowpass", fs=RATE, output="sos"), noise_rng.normal(0, 1, n)) * 4
            sound = (thump + 0.3 * noise_rng.normal(0, 1, n) * _decay(n, 0.01)) * _decay(n, 0.15)
            gap = rng.uniform(1.5, 4.0)
        elif kind == "footsteps":
            n = int(0.12 * RATE)
            sound = sosfilt(butter(2, [150, 2500], "bandpass", fs=RATE, output="sos"),
                            noise_rng.normal(0, 1, n)) * _decay(n, 0.02)
            gap = 0.55 * rng.uniform(0.8, 1.25)
        elif kind == "bursts":
            n = int(rng.uniform(0.4, 1.6) * RATE)
            sound = noise_rng.normal(0, 1, n) * _decay(n, n / RATE / 4)
            gap = rng.uniform(0.8, 2.5)
        else:  # clicks
            n = int(0.01 * RATE)
            sound = noise_rng.normal(0, 1, n) * _decay(n, 0.002)
            gap = rng.uniform(0.1, 0.8)
        _place(out, at * RATE, sound * rng.uniform(0.5, 1.0))
        at += gap
    return _at_db(out, -24)


def room_tone(rng, seconds, dbfs=-55):
    from scipy.signal import butter, sosfilt

    noise = np.random.RandomState(int(rng.integers(1 << 30))).normal(0, 1, int(seconds * RATE))
    return _at_db(sosfilt(butter(1, 800, "lowpass", fs=RATE, output="sos"), noise), dbfs)


# ---- the track ---------------------------------------------------------------------------------------------


def blocks_plan(rng, short=False):
    """(kind, condition, is_song) for every block, shuffled."""
    plan = []
    for kind in KINDS:
        plan += [(kind, c, True) for c in (("alone", "voice") if short else SONG_CONDITIONS)]
        plan += [(kind, f"bed-{db}dB", False) for db in ((12,) if short else BED_DB)]
    speech = ["espeak", "libri"] if short else ["espeak", "espeak", "espeak", "libri", "libri"]
    plan += [("speech", s, False) for s in speech]
    effects = ["door", "bursts", "applause"] if short else ["door", "footsteps", "bursts", "clicks", "applause"]
    plan += [("sfx", e, False) for e in effects]
    plan += [("quiet", q, False) for q in (["room tone"] if short else ["room tone", "silence"])]
    return [plan[i] for i in rng.permutation(len(plan))]


def render_block(kind, condition, rng, synth, voices, key, short=False):
    seconds = rng.uniform(9, 12) if short else rng.uniform(10, 20)
    if kind == "speech":
        return voices.libri(seconds) if condition == "libri" else voices.dialogue(seconds)
    if kind == "sfx":
        return sfx(rng, condition, seconds)
    if kind == "quiet":
        return room_tone(rng, seconds, -55 if condition == "room tone" else -70)
    if condition == "alone":
        return _at_db(MUSIC[kind](synth, rng, seconds, key), -20 + rng.uniform(-4, 4))
    voice = voices.sung(seconds) if condition == "sung" else voices.dialogue(seconds)
    music = MUSIC[kind](synth, rng, len(voice) / RATE, key)
    under = float(condition.split("-")[1][:-2]) if condition.startswith("bed") else rng.uniform(-3, 3)
    gain = rng.uniform(-4, 4)
    return (voice + _at_db(music, -20 - under)) * 10 ** (gain / 20)


def build(folder, seed=0, short=False):
    """Write folder/music_kinds_{seed}.wav; returns (path, blocks, total seconds). `short`: one of each song
    kind alone and with a voice, one bed at -12 dB, fewer speech, effects and quiet blocks (unit tests)."""
    folder = Path(folder)
    rng = np.random.default_rng(seed)
    synth, voices = Synth(folder / f"cache{seed}"), Voices(folder / f"cache{seed}", rng)
    key = int(rng.integers(-3, 4))
    parts, blocks, clock = [], [], 0
    for kind, condition, is_song in blocks_plan(rng, short):
        gap = room_tone(rng, rng.uniform(0.5, 1.5))
        samples = render_block(kind, condition, rng, synth, voices, key, short)
        parts += [gap, samples]
        start = clock + len(gap)
        clock = start + len(samples)
        blocks.append((round(start / RATE, 3), round(clock / RATE, 3), kind, condition, is_song))
    film = np.concatenate(parts)
    film += np.random.RandomState(seed).normal(0, 8 / 32768, len(film))  # faint room tone under everything
    path = _write(folder / f"music_kinds_{seed}{'_short' if short else ''}.wav", film)
    return path, blocks, len(film) / RATE


# ---- scores ------------------------------------------------------------------------------------------------


def frame_mask(spans, total, step=0.5):
    """Whether the middle of each `step` frame falls inside one of `spans`."""
    t = np.arange(0, total, step) + step / 2
    mask = np.zeros(len(t), bool)
    for start, end, *_ in spans:
        mask |= (t >= start) & (t < end)
    return mask


def group_of(kind, condition):
    """Blocks as reported: songs by music kind and condition, beds by kind, the rest by what they are."""
    if condition.startswith("bed"):
        return f"bed {kind}"
    return f"{kind} {condition}" if kind in KINDS else f"{kind} {condition}"


def score(found, blocks, total, step=0.5):
    """Frame precision/recall of "music dominates", segment precision/recall (a song block is found when half
    of it is marked; a found span is right when half of it lies in song blocks), and the share of each group's
    frames marked."""
    hit = frame_mask(found, total, step)
    want = frame_mask([b for b in blocks if b[4]], total, step)
    frame_p = (hit & want).sum() / max(hit.sum(), 1)
    frame_r = (hit & want).sum() / max(want.sum(), 1)
    songs = [b for b in blocks if b[4]]
    found_songs = [b for b in songs if frame_mask([b], total, step).sum() and
                   (hit & frame_mask([b], total, step)).sum() / frame_mask([b], total, step).sum() >= 0.5]
    right = [f for f in found if (want & frame_mask([f], total, step)).sum()
             >= 0.5 * max(frame_mask([f], total, step).sum(), 1)]
    groups = {}
    for block in blocks:
        mask = frame_mask([block], total, step)
        marked, frames = groups.get(group_of(block[2], block[3]), (0, 0))
        groups[group_of(block[2], block[3])] = (marked + int((hit & mask).sum()), frames + int(mask.sum()))
    return {"frame_precision": float(frame_p), "frame_recall": float(frame_r),
            "segment_precision": len(right) / max(len(found), 1), "segment_recall": len(found_songs) / max(len(songs), 1),
            "marked": {g: m / max(f, 1) for g, (m, f) in sorted(groups.items())}}
