"""Film-like soundtracks with exact references: what a film's mix does to ASR, built deterministically.

A clean read-aloud program flatters a workflow. A film puts dialogue over music beds and room tone, in rooms
that ring, at levels that swing from scene to scene, whispered and shouted, lines overlapping, between action
scenes of door slams and footsteps and music interludes. `build(folder, FILMS[name], minutes)` renders such a
soundtrack from a seed and a cast and returns its reference: every line's text, speaker and voiced extent
(before the mix), and every music-only and SFX-only scene.

Two films with disjoint casts and seeds: tune on `tune`, report on `heldout` (a figure from the film a threshold
was chosen on proves little). Voices: espeak-ng (female and male variants, its whisper) and real LibriSpeech
speakers (voxint's clips, CC-BY-4.0, each one utterance with its transcript). Music and SFX are numpy synths
(pads, plucked arpeggios, drums, a tremolo organ; slams, footsteps, a passing car), so every build gives the
same bytes. `PYTHONPATH=tests python -m support.film_like OUTDIR [tune|heldout] [MINUTES]` builds one.
"""

import hashlib
import json
import subprocess
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from cinescribe.spans import join_close, uncovered
from support import film, media

RATE = film.RATE
SPEECH_RMS = film.SPEECH_RMS
ROOM_TONE_DB = -62  # dBFS of the room tone under everything
MUSIC_KINDS = ("pads", "pluck", "drums", "organ")
MUSIC_RMS = 0.1


@dataclass(frozen=True)
class Voice:
    """espeak-ng (`espeak` = voice+variant, pitch, words per minute), a LibriSpeech clip (`libri` = file) or
    Kokoro-82M (`kokoro` = one of its style vectors, fed espeak-ng's English phonemes); `sex` f or m."""

    name: str
    espeak: tuple = ()
    libri: str = ""
    kokoro: str = ""
    sex: str = ""

    @property
    def says_any_line(self):
        """A synthetic voice says whatever line it is given; a LibriSpeech voice only its own utterance."""
        return bool(self.espeak or self.kokoro)


@dataclass(frozen=True)
class FilmSpec:
    seed: int
    voices: tuple
    lines: tuple  # the dialogue this film's synthetic voices say, in a seeded order
    quick_exchanges: bool = False  # scenes may end in a quick exchange of one-word turns ("Hello?" "Yes?")


@dataclass
class Line:
    start: float
    end: float
    speaker: str
    text: str
    style: str  # plain | whisper | shout | over_music | reverb


@dataclass
class Scene:
    start: float
    end: float
    kind: str  # talk | music | sfx | silence
    detail: str = ""


DIALOGUE = (
    "Where were you last night? I called you four times.",
    "I was at the hospital with my sister. Her baby came early.",
    "Is everything all right? Are they both healthy?",
    "They are fine. A little girl, small but loud.",
    "Then why do you look so worried this morning?",
    "Because the bank called about the money we borrowed.",
    "We will pay them back by the end of the month.",
    "You keep saying that, and the month keeps ending.",
    "Get in the car. We are leaving right now.",
    "Who told you about the meeting at the harbour?",
    "Nobody told me. I read it in your notebook.",
    "You had no right to open my notebook.",
    "And you had no right to lie to me for a year.",
    "Please sit down. The captain will see you soon.",
    "How long has he been waiting for the report?",
    "Since the storm began. He does not like waiting.",
    "Tell him the bridge is closed and the road is flooded.",
    "He knows. That is why he asked for you.",
    "I found the key under the third step, where you said.",
    "Good. Now open the box, slowly, and do not touch the papers.",
    "There is a photograph inside, and a name on the back.",
    "Read it to me. I cannot see without my glasses.",
    "It says Margaret, nineteen sixty two, by the lake.",
    "That was my mother. She never talked about that summer.",
    "The train leaves at seven. Do you have the tickets?",
    "They are in my coat pocket, with the passports.",
    "If we miss this train, there is no other until Friday.",
    "Then stop talking and start walking. We are late.",
    "Doctor, how long will he have to stay here?",
    "At least a week. His heart is weaker than we thought.",
    "Can I see him, just for a minute?",
    "Only family tonight. Come back in the morning.",
    "The lights went out in the whole street at midnight.",
    "Did anyone see who was standing near the gate?",
    "A tall man in a grey coat, carrying a bag.",
    "That sounds like the man from the bakery.",
    "Listen to me carefully. Do not open the door to anyone.",
    "What if it is the police? Should I let them in?",
    "Ask to see a badge, and call me before you open it.",
    "I will. Please hurry back, I do not like this house.",
    "Welcome to the village. You must be the new teacher.",
    "Yes, I arrived this morning on the early bus.",
    "The school is up the hill, past the church and the well.",
    "Thank you. Is it always this quiet here?",
    "Only in winter. In summer the tourists come for the lake.",
    "Where did you learn to fix engines like that?",
    "My father had a garage by the highway for thirty years.",
    "Could you look at my truck? It makes a terrible noise.",
    "Bring it tomorrow at noon, and bring coffee.",
    "We have to tell her the truth before the wedding.",
    "She will never forgive us if she hears it from someone else.",
    "Then you tell her. I cannot look at her face.",
    "Fine. I will tell her tonight, after dinner.",
    "Stop the car! There is somebody lying on the road.",
    "Is he breathing? Check his pulse, quickly.",
    "He is alive, but he is very cold. Call an ambulance.",
    "There is no signal out here. We have to carry him.",
    "How much for the blue one in the window?",
    "That one is not for sale. It belonged to my wife.",
    "I am sorry. It is beautiful, that is all.",
    "She painted it the year we were married.",
    "Turn off the radio. I want to hear what they are saying.",
    "They are talking about the fire at the factory.",
    "Was anybody hurt? My cousin works the night shift there.",
    "Two men were taken to hospital. They did not say their names.",
    "Why are you packing your bags at this hour?",
    "I got the job in the city. I start on Monday.",
    "You were going to leave without telling me?",
    "I was going to write you a letter from the station.",
    "The river is rising. We should move the animals tonight.",
    "The barn is on higher ground. Take them there first.",
    "And the old bridge? Will it hold until morning?",
    "It has held for a hundred years. It will hold tonight.",
    "Have you seen my glasses? I put them on the table.",
    "They are on your head, where they always are.",
    "Thank you for coming all this way to see us.",
    "It was the least I could do after everything you did for me.",
    "The museum opens at nine, but the guide comes at ten.",
    "Then we have time for breakfast by the square.",
    "Give me the gun, and nobody has to get hurt.",
    "Put it down on the floor and step away from the window.",
)

# LibriSpeech test-clean's SPEAKERS.TXT gives each reader's sex.
TUNE_VOICES = (
    Voice("espeak_m3", espeak=("en-us+m3", 35, 165), sex="m"), Voice("espeak_f4", espeak=("en-gb+f4", 70, 170), sex="f"),
    Voice("espeak_m7", espeak=("en-gb-x-rp+m7", 45, 155), sex="m"),
    Voice("libri_1089", libri="libri_01_spk1089.wav", sex="m"), Voice("libri_1188", libri="libri_02_spk1188.wav", sex="m"),
    Voice("libri_121", libri="libri_03_spk121.wav", sex="f"), Voice("libri_1221", libri="libri_04_spk1221.wav", sex="f"),
)
HELDOUT_VOICES = (
    Voice("espeak_m1", espeak=("en-us+m1", 30, 160), sex="m"), Voice("espeak_f2", espeak=("en-us+f2", 75, 165), sex="f"),
    Voice("espeak_f5", espeak=("en-gb-scotland+f5", 65, 150), sex="f"),
    Voice("libri_1284", libri="libri_05_spk1284.wav", sex="f"), Voice("libri_1320", libri="libri_06_spk1320.wav", sex="m"),
    Voice("libri_1580", libri="libri_07_spk1580.wav", sex="f"), Voice("libri_1995", libri="libri_08_spk1995.wav", sex="f"),
    Voice("libri_2094", libri="libri_09_spk2094.wav", sex="f"),
)
QUICK_LINES = ("Hello?", "Yes?", "Who is it?", "It's me.", "What?", "Now!", "Really?", "No.", "Why?", "Wait!",
               "Sorry?", "Okay.", "Here.", "Thanks.", "Run!", "Where?")

FILMS = {
    "tune": FilmSpec(seed=11, voices=(
        *TUNE_VOICES,
    ), lines=DIALOGUE[::2]),
    "heldout": FilmSpec(seed=23, voices=(
        *HELDOUT_VOICES,
    ), lines=DIALOGUE[1::2]),
    # Speaker films: ten and eleven voices of both sexes (espeak-ng, LibriSpeech, Kokoro), disjoint between the
    # two, with quick exchanges. Diarization is tuned on the first and reported on the second.
    "speakers_tune": FilmSpec(seed=31, voices=(
        *TUNE_VOICES, Voice("espeak_f1", espeak=("en-us+f1", 60, 170), sex="f"),
        Voice("kokoro_alpha", kokoro="jf_alpha", sex="f"), Voice("kokoro_gongitsune", kokoro="jf_gongitsune", sex="f"),
    ), lines=DIALOGUE[::2], quick_exchanges=True),
    "speakers_heldout": FilmSpec(seed=47, voices=(
        *HELDOUT_VOICES, Voice("kokoro_kumo", kokoro="jm_kumo", sex="m"),
        Voice("kokoro_nezumi", kokoro="jf_nezumi", sex="f"), Voice("kokoro_tebukuro", kokoro="jf_tebukuro", sex="f"),
    ), lines=DIALOGUE[1::2], quick_exchanges=True),
}


def film_spec(name, seed=None):
    """FILMS[name], or its cast with another seed (other lines and scenes): a film nobody has looked at yet."""
    return FILMS[name] if seed is None else replace(FILMS[name], seed=seed)


def film_folder(name, minutes, seed=None):
    """Where the benches keep such a film: {name}-{minutes}, with -seed{seed} for another seed."""
    return f"{name}-{minutes:g}" + ("" if seed is None else f"-seed{seed}")


def build(folder, spec, minutes=10.0):
    """Render a film of about `minutes` into `folder`: returns (film.wav, reference dict) and writes
    reference.json ({lines, scenes, duration}) and film.rttm beside it. Pieces are cached in folder/pieces."""
    folder = Path(folder)
    (folder / "pieces").mkdir(parents=True, exist_ok=True)
    rng = np.random.RandomState(spec.seed)
    layers, lines, scenes, clock = [], [], [], 0
    cursor, number = 0, 0
    for kind in _scene_kinds(rng):
        if clock >= minutes * 60 * RATE:
            break
        start, number = clock, number + 1
        if kind == "talk":
            clock, cursor = _talk(folder / "pieces", spec, rng, clock, cursor, layers, lines, scenes)
            continue
        seconds = float(rng.uniform(6, 16))
        if kind == "music":
            detail = MUSIC_KINDS[number % len(MUSIC_KINDS)]
            layers.append((clock, _music(detail, seconds, rng) * _db(-8)))
        elif kind == "sfx":
            detail = ("door slams and footsteps", "a passing car")[number % 2]
            layers.append((clock, _sfx(detail, seconds, rng)))
        else:
            detail = ""
        clock += round(seconds * RATE)
        scenes.append(Scene(round(start / RATE, 3), round(clock / RATE, 3), kind, detail))
    end = max([clock] + [offset + len(samples) for offset, samples in layers])
    mix = _room_tone(rng, end)
    for offset, samples in layers:
        mix[offset:offset + len(samples)] += samples
    path = film._write(folder / "film.wav", np.clip(np.round(mix * 32767), -32768, 32767).astype(np.int16))
    reference = {"duration": round(end / RATE, 3), "lines": [asdict(x) for x in lines],
                 "scenes": [asdict(x) for x in scenes]}
    (folder / "reference.json").write_text(json.dumps(reference, indent=1), encoding="utf-8")
    (folder / "film.rttm").write_text("".join(f"SPEAKER film 1 {x.start:.3f} {x.end - x.start:.3f} <NA> <NA> "
                                              f"{x.speaker} <NA> <NA>\n" for x in lines))
    return path, reference


def film_at(film_dir, folder, name, minutes):
    """(film.wav, reference) of a film already built in `film_dir`, or of `name` built into `folder`/film."""
    if film_dir:
        return Path(film_dir) / "film.wav", json.loads((Path(film_dir) / "reference.json").read_text())
    return build(Path(folder) / "film", FILMS[name], minutes)


def reference_text(reference):
    return " ".join(line["text"] for line in sorted(reference["lines"], key=lambda x: x["start"]))


def speech_without_cues(reference, cues, flagged=(), min_s=3.0):
    """Reference speech (lines joined across pauses of up to 1 s) that neither a cue nor a flagged stretch covers,
    in pieces of at least `min_s`: what a viewer meets as people talking with nothing on screen, unwarned."""
    covered = sorted([(c["start"], c["end"]) for c in cues] + [tuple(s) for s in flagged])
    stretches = join_close(sorted([x["start"], x["end"]] for x in reference["lines"]), 1.0)
    return [(a, b) for start, end in stretches for a, b in uncovered(start, end, covered) if b - a >= min_s]


def cues_over_empty_scenes(reference, cues, margin=0.5):
    """Cues that reach more than `margin` into a music-only or SFX-only scene: text nobody said."""
    empty = [s for s in reference["scenes"] if s["kind"] in ("music", "sfx")]
    return [c for c in cues for s in empty if c["start"] < s["end"] - margin and c["end"] > s["start"] + margin]


def _scene_kinds(rng):
    """A music opening, then talk scenes with an interlude after most: music, SFX (action) or a silence."""
    yield "music"
    while True:
        yield "talk"
        yield ("music", "sfx", "silence", "talk")[rng.randint(4)]


def _talk(cache, spec, rng, clock, cursor, layers, lines, scenes):
    """One dialogue scene: 2-3 voices, 5-9 lines, a level and maybe a room, a music bed, a whisper, a shout,
    an overlap. Returns the clock after it and the next dialogue line to use."""
    synthetic = [v for v in spec.voices if v.says_any_line]
    lead = synthetic[rng.randint(len(synthetic))]
    others = [v for v in spec.voices if v != lead]
    cast = [lead] + [others[i] for i in rng.choice(len(others), size=rng.randint(1, 3), replace=False)]
    heard = set()  # a LibriSpeech voice has one utterance: it says it once a scene (films do not loop lines)
    level = _db(float(rng.uniform(-10, 10)))  # loudness swings from scene to scene
    room = float(rng.uniform(0.3, 0.9)) if rng.rand() < 0.35 else 0.0  # RT60 of a ringing room
    bed_db = float(rng.uniform(-20, -12)) if rng.rand() < 0.5 else None
    start, speaker = clock, None
    parts = []

    def say(voice, samples, text, style, pause):
        """Place one line `pause` seconds after the last (negative: cutting in); returns the clock after it."""
        first, last = media._voiced_extent(samples, film.THRESHOLD)  # places the line (the film's bytes)
        voice_first, voice_last = _voiced_extent(samples)  # where its voice is (the reference)
        offset = max(start, clock + round(pause * RATE) - first)
        gain = level * {"whisper": _db(-6), "shout": _db(6)}.get(style, 1.0)
        parts.append((offset, samples.astype(np.float64) / 32768 * gain))
        if room:
            style = "reverb" if style == "plain" else style
        elif bed_db is not None and style == "plain":
            style = "over_music"
        lines.append(Line(round((offset + voice_first) / RATE, 3), round((offset + voice_last) / RATE, 3), voice.name, text, style))
        return offset + last

    for i in range(rng.randint(5, 10)):
        voice = cast[(i + rng.randint(2)) % len(cast)] if speaker else cast[0]
        if voice.name in heard or voice.name == speaker:
            voice = next((v for v in cast if v.says_any_line and v.name != speaker), lead)
        if voice.libri:
            heard.add(voice.name)
        style = "plain"
        if voice.espeak and rng.rand() < 0.12:
            style = "whisper"
        elif voice.espeak and rng.rand() < 0.12:
            style = "shout"
        if voice.libri:
            samples, text = _libri(voice)
        else:
            text = spec.lines[cursor % len(spec.lines)]
            cursor += 1
            samples = _speak(cache, voice, text, style)
        pause = float(rng.uniform(0.25, 1.0))
        if speaker not in (None, voice.name) and rng.rand() < 0.15:
            pause = -float(rng.uniform(0.3, 0.7))  # cuts in before the other has finished
        clock, speaker = say(voice, samples, text, style, pause), voice.name
    if spec.quick_exchanges and rng.rand() < 0.5:
        # Two voices trade one-word turns a breath apart: turns of 0.3-1 s that long voice-print windows blur.
        pair = [lead, next((v for v in cast if v.says_any_line and v != lead), None)]
        if pair[1] is None:
            pair[1] = [v for v in synthetic if v != lead][rng.randint(len(synthetic) - 1)]
        if speaker == pair[0].name:
            pair.reverse()
        for k in range(rng.randint(3, 6)):
            voice, text = pair[k % 2], QUICK_LINES[rng.randint(len(QUICK_LINES))]
            clock = say(voice, _speak(cache, voice, text, "plain"), text, "plain", float(rng.uniform(0.15, 0.4)))
    clock += round(0.5 * RATE)
    for offset, samples in parts:
        layers.append((offset, _reverb(samples, room, rng) if room else samples))
    if bed_db is not None:
        kind = MUSIC_KINDS[rng.randint(len(MUSIC_KINDS))]
        bed = _music(kind, (clock - start) / RATE, rng) / MUSIC_RMS * SPEECH_RMS / 32768  # at the speech's level
        layers.append((start, bed * level * _db(bed_db)))
    scenes.append(Scene(round(start / RATE, 3), round(clock / RATE, 3), "talk",
                        f"bed {bed_db:.0f} dB" if bed_db is not None else ""))
    return clock, cursor


HELD_FRAMES = 5  # 10 ms frames: a recording's voice holds its level this long, a click of its microphone does not


def _voiced_extent(samples):
    """First and last sample of the voice: above film.THRESHOLD, and for a recording (LibriSpeech clips carry
    their room's hiss at that level) well above its own noise floor (3x its quietest tenth) for 50 ms at least,
    so a click before the first word (libri_07 has one, 0.35 s before "He") is not taken for the voice."""
    envelope = np.abs(samples[: len(samples) // 160 * 160].astype(np.int32)).reshape(-1, 160).max(axis=1)
    noise = float(np.percentile(envelope, 10)) if len(envelope) else 0.0
    threshold = max(film.THRESHOLD, 3 * noise)
    if threshold == film.THRESHOLD:  # synthetic speech: digital silence, then the voice
        return media._voiced_extent(samples, threshold)
    held = np.flatnonzero(np.convolve(envelope > threshold, np.ones(HELD_FRAMES), "valid") == HELD_FRAMES)
    if not len(held):
        return 0, 0
    first, last = int(held[0]) * 160, (int(held[-1]) + HELD_FRAMES) * 160
    inside = media._voiced_extent(samples[first:last], threshold)
    return first + inside[0], first + inside[1]


def _speak(cache, voice, text, style):
    return _kokoro(cache, voice, text) if voice.kokoro else _espeak(cache, voice, text, style)


def _kokoro(cache, voice, text):
    """Kokoro-82M in one of its voices, speaking espeak-ng's American English phonemes."""
    from support import hindi_voices

    path = cache / f"{voice.name}-{hashlib.sha1(text.encode()).hexdigest()[:12]}.wav"
    if not path.exists():
        hindi_voices._kokoro_speak(text, voice.kokoro, path.with_suffix(".tmp.wav"), language="en-us")
        path.with_suffix(".tmp.wav").rename(path)
    return film._normalize(film._read(path))


def _espeak(cache, voice, text, style):
    name, pitch, speed = voice.espeak
    if style == "whisper":
        name = name.split("+")[0] + "+whisper"
    if style == "shout":
        pitch, speed = min(pitch + 25, 99), speed + 20
    path = cache / f"{voice.name}-{style}-{hashlib.sha1(text.encode()).hexdigest()[:12]}.wav"
    if not path.exists():
        raw = path.with_suffix(".raw.wav")
        subprocess.run(["espeak-ng", "-v", name, "-p", str(pitch), "-s", str(speed), "-w", str(raw), text], check=True)
        film._sox([raw], path.with_suffix(".tmp.wav"))
        raw.unlink()
        path.with_suffix(".tmp.wav").rename(path)
    return film._normalize(film._read(path))


def _libri(voice):
    """The whole LibriSpeech utterance and its transcript (voxint's manifest), in sentence case."""
    path = film._libri_wav(voice.libri)
    manifest = json.loads((path.parent / "manifest.json").read_text())
    text = next(f["reference_transcript"] for f in manifest["files"] if f["filename"] == voice.libri)
    return film._normalize(film._read(path)), text.capitalize()


def _db(db):
    return 10 ** (db / 20)


def _rms(samples):
    return float(np.sqrt(np.mean(np.square(samples)))) + 1e-12


def _room_tone(rng, length):
    """Brownish noise (a low hum of a room) at ROOM_TONE_DB."""
    noise = np.cumsum(rng.normal(0.0, 1.0, length))
    noise -= np.convolve(noise, np.ones(801) / 801, mode="same")  # keep it from wandering: no DC drift
    return noise / _rms(noise) * _db(ROOM_TONE_DB)


def _reverb(samples, rt60, rng):
    """A room: convolution with exponentially decaying noise (the tail 60 dB down after rt60 seconds)."""
    from scipy.signal import fftconvolve

    t = np.arange(round(rt60 * RATE)) / RATE
    response = rng.normal(0.0, 1.0, len(t)) * np.exp(-6.9 * t / rt60)
    response[0] = 1.0 / 0.15  # the direct sound stays on top: dialogue is recorded close, the room rings behind
    wet = fftconvolve(samples, response)
    return wet * _rms(samples) / _rms(wet[:len(samples)])


def _music(kind, seconds, rng):
    """`seconds` of one kind of music, RMS ~0.1, faded in and out."""
    n = round(seconds * RATE)
    t = np.arange(n) / RATE
    roots = (130.81, 110.0, 87.31, 98.0)  # C3 A2 F2 G2: a progression, 2 s a chord
    chord = np.array([roots[int(x // 2.0) % 4] for x in t])
    out = np.zeros(n)
    if kind in ("pads", "organ"):
        for ratio in (1.0, 1.26, 1.5, 2.0):
            out += np.sin(2 * np.pi * np.cumsum(chord * ratio) / RATE)
        if kind == "organ":
            out *= 1.0 + 0.5 * np.sin(2 * np.pi * 5.0 * t)  # tremolo
    elif kind == "pluck":
        step = round(0.25 * RATE)
        for k, at in enumerate(range(0, n, step)):
            note = chord[at] * (1.0, 1.26, 1.5, 2.0)[k % 4] * 2
            length = min(step * 2, n - at)
            tt = np.arange(length) / RATE
            out[at:at + length] += np.sin(2 * np.pi * note * tt) * np.exp(-tt * 6) * (1 + 0.3 * np.sin(4 * np.pi * note * tt))
    else:  # drums: kick on the beat, hi-hat between, a bass line
        beat = round(0.5 * RATE)
        for k, at in enumerate(range(0, n, beat)):
            length = min(beat, n - at)
            tt = np.arange(length) / RATE
            out[at:at + length] += 2.0 * np.sin(2 * np.pi * (50 + 60 * np.exp(-tt * 30)) * tt) * np.exp(-tt * 12)
            hat = min(round(0.05 * RATE), n - at - length // 2) if at + length // 2 < n else 0
            if hat > 0:
                out[at + length // 2:at + length // 2 + hat] += rng.normal(0, 0.4, hat) * np.exp(-np.arange(hat) / 150)
        out += 0.6 * np.sin(2 * np.pi * np.cumsum(chord / 2) / RATE)
    fade = min(round(0.5 * RATE), n // 2)
    ramp = np.linspace(0.0, 1.0, fade)
    out[:fade] *= ramp
    out[n - fade:] *= ramp[::-1]
    return out / _rms(out) * MUSIC_RMS


def _sfx(kind, seconds, rng):
    """Action without words: door slams and footsteps, or a car passing (filtered noise swelling and fading)."""
    n = round(seconds * RATE)
    out = np.zeros(n)
    if kind == "a passing car":
        noise = np.convolve(rng.normal(0, 1, n), np.ones(40) / 40, mode="same")
        out = noise * np.exp(-((np.arange(n) / n - 0.5) ** 2) / 0.02) * 3.0
    else:
        step = round(0.55 * RATE)
        for at in range(round(0.5 * RATE), n - step, step):  # footsteps: short low thuds
            length = round(0.08 * RATE)
            out[at:at + length] += rng.normal(0, 0.3, length) * np.exp(-np.arange(length) / 200)
        for at in (round(n * 0.3), round(n * 0.75)):  # two slams: a loud broadband burst and a ring
            length = min(round(0.6 * RATE), n - at)
            out[at:at + length] += rng.normal(0, 1.0, length) * np.exp(-np.arange(length) / 900)
    return np.clip(out, -1, 1) * 0.3


def main(folder, name="tune", minutes=10.0):
    wav, reference = build(folder, FILMS[name], float(minutes))
    lines = reference["lines"]
    speech = sum(x["end"] - x["start"] for x in lines)
    styles = {}
    for x in lines:
        styles[x["style"]] = styles.get(x["style"], 0) + 1
    kinds = {}
    for scene in reference["scenes"]:
        kinds[scene["kind"]] = kinds.get(scene["kind"], 0) + 1
    print(f"{wav}: {reference['duration']:.1f} s, {len(lines)} lines ({speech:.0f} s of speech), styles {styles}, "
          f"scenes {kinds}")


if __name__ == "__main__":
    main(*sys.argv[1:])
