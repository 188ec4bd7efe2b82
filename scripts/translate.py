"""Snakemake adapter: the source subtitles' JSON → the same cues in a target language (+ bilingual SRT)."""
import logging

from cinescribe import SCHEMA_VERSION
from cinescribe.atomic import read_json
from cinescribe.devices import torch_device
from cinescribe.runner import run
from cinescribe.translate import bilingual_cues, load_backend, translate_cues
from cinescribe.writers import write_subtitles


def main(sm):
    opts, target = sm.params.translation, sm.wildcards.target
    source = read_json(sm.input.subtitles)
    backend = load_backend(opts["backend"], model=opts["models"].get(target, opts["model"]),
                           device=torch_device(opts["device"], sm.params.strict), batch_size=opts["batch_size"])
    cues = translate_cues(source["cues"], backend, source["language"], target,
                          sm.params.style["max_line_chars"], sm.params.style["max_lines"])
    logging.info("%d cues translated %s → %s with %s", len(cues), source["language"], target, opts["backend"])
    outputs = dict(sm.output.items())
    bilingual = outputs.pop("bilingual", None)
    write_subtitles(cues, outputs, meta={"schema": SCHEMA_VERSION, "language": target,
                                         "source_language": source["language"]})
    if bilingual:
        write_subtitles(bilingual_cues(cues), {"srt": bilingual})


run(snakemake, main)  # noqa: F821 - injected by Snakemake
