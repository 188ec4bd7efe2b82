"""Shared fixtures: a runner for real snakemake in a scratch directory, models, speech, films and a browser.
The builders behind them live in support/."""

import os

import pytest

from support import media  # first of the tests' imports that loads numpy: support limits the threads before
from support.workflow_runner import Workflow

pytest_plugins = ("support.lanes",)


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory):
    """One model cache for the whole run, shared by the xdist workers (whose temporary folders are siblings):
    the base model is joined and CAM++ and segmentation-3.0 are exported once, not once per worker. Every
    write into a model cache is atomic, so workers that need a model at the same moment both succeed."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    (shared / "models").mkdir(exist_ok=True)
    return shared / "models"


@pytest.fixture
def workflow(tmp_path, model_cache):
    return Workflow(tmp_path / "work", model_cache)


@pytest.fixture(scope="session")
def long_speech(tmp_path_factory):
    """~70 s of espeak-ng speech in two voices with short pauses, and its known text."""
    folder = tmp_path_factory.mktemp("speech")
    gap = media.silence(folder / "gap.wav", 0.35)
    parts = []
    for i, sentence in enumerate(media.SENTENCES):
        parts.append(media.speak(sentence, folder / f"s{i:02d}.wav", voice=("en-us", "en-gb")[i % 2]))
        parts.append(gap)
    return media.concat(parts, folder / "long speech.wav"), " ".join(media.SENTENCES)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """One headless chromium for the whole run (review page tests)."""
    from support.browser import Browser

    chrome = Browser(tmp_path_factory.mktemp("downloads"))
    yield chrome
    chrome.quit()


@pytest.fixture(scope="session")
def film_soundtrack(tmp_path_factory):
    """The 10-minute, eight-voice film (tests/support/film.py) and its reference turns, built once per worker."""
    from support import film

    return film.build(tmp_path_factory.mktemp("film"))


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory, model_cache):
    """One real run on the demo clip with default settings, shared by the tests that only read its results."""
    workflow = Workflow(tmp_path_factory.mktemp("demo") / "work", model_cache)
    workflow.run({"input": str(media.DEMO_WAV)})
    return workflow


@pytest.fixture(scope="session")
def tiny_demo_run(tmp_path_factory, model_cache):
    """The same with the embedded tiny.en model (English-only, so language detection loads no model)."""
    workflow = Workflow(tmp_path_factory.mktemp("tiny-demo") / "work", model_cache)
    workflow.run({"input": str(media.DEMO_WAV), "asr": {"model": "tiny.en"}})
    return workflow
