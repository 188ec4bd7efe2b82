"""The transformers backend through its real code on a model built in the test (tests/support/tiny_translator.py):
loading, batching with padding, the target language token, and one sentence for each thing that can go wrong."""

import pytest

from cinescribe.runtime.errors import CinescribeError
from cinescribe.translation.backends import load_backend
from cinescribe.translation.cues import translate_cues
from support import tiny_translator

SOURCES = ["The cat eats bread.", "The big dog runs now.", "Fish.", "The small cat sees the dog today.",
           "The dog eats fish."]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    return tiny_translator.build(tmp_path_factory.mktemp("tiny-nllb"))


def test_a_model_directory_translates_cues_in_batches(model_dir):
    backend = load_backend("auto", model=str(model_dir), device="cpu", batch_size=2)  # a model set → transformers
    assert backend.language_tokens == ["eng_Latn", "por_Latn"]
    cues = [{"start": i * 3.0, "end": i * 3.0 + 2.5, "lines": [text], "words": []} for i, text in enumerate(SOURCES)]
    cues.append({"start": 20.0, "end": 22.0, "lines": ["- The cat runs.", "- The dog eats."], "words": []})
    out = translate_cues(cues, backend, "en", "pt")
    expected = [tiny_translator.toy_translation(text) for text in SOURCES]
    assert [" ".join(c["lines"]) for c in out[:-1]] == expected  # batches of 2 with padding decode alike
    assert out[-1]["lines"] == ["- o gato corre.", "- o cão come."]
    assert [(c["start"], c["end"]) for c in out] == [(c["start"], c["end"]) for c in cues]


def test_the_same_model_converted_to_ctranslate2_translates_alike(model_dir, tmp_path):
    from ctranslate2.converters import TransformersConverter

    converted = tmp_path / "tiny-nllb-ct2"
    files = [p.name for p in model_dir.iterdir() if p.name.startswith(("tokenizer", "special_tokens"))]
    TransformersConverter(str(model_dir), copy_files=files).convert(str(converted), quantization="int8")
    backend = load_backend("auto", model=str(converted), device="cpu", batch_size=2)  # model.bin → ctranslate2
    assert type(backend).__name__ == "CTranslate2Backend"
    assert backend.translate(SOURCES, "en", "pt") == [tiny_translator.toy_translation(text) for text in SOURCES]
    with pytest.raises(CinescribeError, match="cannot translate into 'hi'"):
        backend.translate(SOURCES, "en", "hi")


def test_a_target_the_model_does_not_have_is_one_sentence(model_dir):
    backend = load_backend("transformers", model=str(model_dir), device="cpu")
    with pytest.raises(CinescribeError, match="cannot translate into 'hi': its target languages are eng_Latn, "
                                              "por_Latn") as err:
        backend.translate(["The cat eats."], "en", "hi")
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("content", [None, "not a model"])
def test_a_directory_that_is_not_a_model_is_one_sentence(tmp_path, content):
    folder = tmp_path / "models" / "opus-mt-en-hi"
    folder.mkdir(parents=True)
    if content:
        (folder / "config.json").write_text(content, encoding="utf-8")
    with pytest.raises(CinescribeError, match="cannot load the translation model .*opus-mt-en-hi.*: it is not a "
                                              "seq2seq model directory") as err:
        load_backend("transformers", model=str(folder), device="cpu")
    assert "\n" not in str(err.value)
