"""Which optional stages a config turns on: one table the rules ask by name."""

import copy
from pathlib import Path

import pytest
import yaml

from cinescribe.workflow.stages import ON, is_on

DEFAULTS = yaml.safe_load((Path(__file__).resolve().parents[3] / "config" / "config.yaml").read_text())


def _config(**sections):
    config = copy.deepcopy(DEFAULTS)
    for section, values in sections.items():
        config[section].update(values)
    return config


def test_the_shipped_config_runs_every_optional_stage_but_delivery():
    assert {stage: is_on(DEFAULTS, stage) for stage in ON} == {
        "diarization": True, "songs": True, "review": True, "review_audio": True, "mux": False, "burn": False}


@pytest.mark.parametrize("stage", ["mux", "burn"])
def test_delivery_is_asked_for(stage):
    assert is_on(_config(deliver={stage: True}), stage)


@pytest.mark.parametrize("change, stage", [
    ({"diarization": {"enabled": False}}, "diarization"),
    ({"songs": {"mode": "keep"}}, "songs"),
    ({"review": {"enabled": False}}, "review"),
    ({"review": {"audio": False}}, "review_audio"),
    ({"review": {"enabled": False}}, "review_audio"),  # no page, no soundtrack for it
])
def test_each_switch_turns_its_stage_off(change, stage):
    assert not is_on(_config(**change), stage)


def test_songs_marked_or_dropped_both_need_detection():
    assert is_on(_config(songs={"mode": "drop"}), "songs") and is_on(_config(songs={"mode": "mark"}), "songs")
