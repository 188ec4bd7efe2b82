"""Glossary through the real workflow: uncommon names spelled right with it, by ear without it."""

import json
import re

import pytest

from support import media

pytestmark = pytest.mark.workflow


def names_spelled_right(text):
    """Share of the names said in NAME_SENTENCES that appear spelled exactly so in `text`."""
    said = [w for s in media.NAME_SENTENCES for w in re.findall(r"\w+", s) if w in media.NAMES]
    heard = re.findall(r"\w+", text)
    return sum(min(heard.count(n), said.count(n)) for n in set(said)) / len(said)


def test_glossary_gets_names_spelled_right(workflow, tmp_path):
    wav = media.names_speech(tmp_path)
    glossary = tmp_path / "glossary.tsv"
    glossary.write_text("term\tpreferred\taliases\n" + "".join(f"{n}\t\t\n" for n in media.NAMES), encoding="utf-8")
    base = {"input": str(wav), "diarization": {"enabled": False}}

    workflow.run(base)
    without = names_spelled_right(workflow.transcript_text("names"))
    workflow.run({**base, "glossary": {"file": str(glossary)}})
    with_glossary = names_spelled_right(workflow.transcript_text("names"))
    print(f"names spelled right: {without:.0%} without the glossary, {with_glossary:.0%} with it")
    assert with_glossary >= 0.85 and with_glossary > without + 0.3

    results = workflow.results("names")
    bias = json.loads((results / "chunks" / "prompts.json").read_text())["chunks"]["1"]
    assert bias["terms"] == media.NAMES and "Koregaon" in bias["hotwords"]
    transcript = json.loads((results / "transcript.json").read_text())
    for correction in transcript["corrections"]:
        assert correction["to"] in media.NAMES and correction["from"] != correction["to"]
