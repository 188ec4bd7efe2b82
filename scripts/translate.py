"""Snakemake adapter: the source subtitles' JSON → the same cues in a target language (+ bilingual SRT)."""
import logging

from cinescribe import SCHEMA_VERSION
from cinescribe.runtime.atomic import read_json
from cinescribe.runtime.devices import torch_device
from cinescribe.runtime.rule_script import run_rule
from cinescribe.subtitles.cues import CueStyle
from cinescribe.subtitles.reading_speed import resolved_style
from cinescribe.subtitles.writers import write_subtitles
from cinescribe.text.glossary import configured_terms
from cinescribe.translation.backends import load_backend
from cinescribe.translation.cues import bilingual_cues, glossary_translations, translate_cues


def main(sm):
    opts, target = sm.params.translation, sm.wildcards.target
    source = read_json(sm.input.subtitles)
    backend = load_backend(opts["backend"], model=opts["models"].get(target, opts["model"]),
                           device=torch_device(opts["device"], sm.params.strict), batch_size=opts["batch_size"],
                           threads=sm.threads)
    glossary = glossary_translations(configured_terms(sm.params.glossary))
    style = CueStyle.from_config(resolved_style(sm.params.style, target))  # the target language's reading speed
    cues = translate_cues(source["cues"], backend, source["language"], target, style, glossary)
    logging.info("%d cues translated %s → %s with %s (%d glossary spellings)", len(cues), source["language"],
                 target, opts["backend"], len(glossary))
    outputs = dict(sm.output.items())
    bilingual = outputs.pop("bilingual", None)
    write_subtitles(cues, outputs, meta={"schema": SCHEMA_VERSION, "language": target,
                                         "source_language": source["language"]})
    if bilingual:
        write_subtitles(bilingual_cues(cues), {"srt": bilingual})


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
