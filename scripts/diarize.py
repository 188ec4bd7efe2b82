"""Snakemake adapter: audio.wav + vad.json → diarization.json (speaker turns)."""
import logging

from cinescribe import SCHEMA_VERSION
from cinescribe.runtime.atomic import read_json, write_json
from cinescribe.runtime.devices import release_torch_memory, torch_device
from cinescribe.runtime.rule_script import run_rule
from cinescribe.shapes import DiarizationResult


def offline_turns(sm, opts, device):
    from cinescribe.diarization.models.segmentation import load_segmenter
    from cinescribe.diarization.models.speaker_encoder import load_encoder
    from cinescribe.diarization.pipeline import Options, diarize

    options = Options.from_config(opts, piece_s=sm.resources.piece_s)
    encoder = load_encoder(device, sm.threads, sm.params.cache_dir)
    segmenter = load_segmenter(device, sm.threads, sm.params.cache_dir) if options.overlap else None
    return diarize(sm.input.audio, read_json(sm.input.vad)["speech"], encoder, options, segmenter)


def pyannote_turns(sm, opts, device):
    from cinescribe.diarization.pyannote_pipeline import diarize_with_pyannote, load_pipeline

    return diarize_with_pyannote(sm.input.audio, load_pipeline(opts["pyannote_pipeline"], device),
                                 opts["num_speakers"], opts["min_speakers"], opts["max_speakers"])


def main(sm):
    opts = sm.params.diarization
    device = torch_device(opts["device"], sm.params.strict)
    logging.info("diarization with %s on %s", opts["backend"], device)
    turns = (pyannote_turns if opts["backend"] == "pyannote" else offline_turns)(sm, opts, device)
    if device != "cpu":  # a cpu has no device cache to give back (and campplus never loaded torch)
        release_torch_memory(device)
    speakers = sorted({t["speaker"] for t in turns})
    logging.info("%d speakers, %d turns", len(speakers), len(turns))
    write_json(sm.output[0], DiarizationResult(schema=SCHEMA_VERSION, backend=opts["backend"], speakers=speakers,
                                               turns=turns))


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
