"""Scheduling a film: what can run beside ASR is planned from the start."""
import re

import pytest

from support import media

pytestmark = pytest.mark.workflow


def test_diarization_songs_and_review_audio_are_planned_before_the_language_is_known(workflow):
    # Before the language checkpoint has run, the plan must already hold the stages that need only the audio:
    # otherwise diarization could start only after language detection (or, at film scale, after ASR).
    proc = workflow.run({"input": str(media.DEMO_WAV)}, "-n")
    planned = set(re.findall(r"^(\w+)\s+\d+$", proc.stdout + proc.stderr, re.MULTILINE))
    assert {"extract_audio", "vad", "detect_language", "diarize", "songs", "review_audio"} <= planned
    assert "transcribe_chunk" not in planned  # the chunks are planned by their checkpoint, once VAD has run
