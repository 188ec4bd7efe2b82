"""Snakemake adapter: audio.wav + vad.json (+ cast.json) → diarization.json (speaker turns, and the cast's
names for the speakers that clearly match one)."""
import logging

from cinescribe import SCHEMA_VERSION
from cinescribe.runtime.atomic import read_json, write_json
from cinescribe.runtime.devices import release_torch_memory, torch_device
from cinescribe.runtime.rule_script import run_rule
from cinescribe.shapes import DiarizationResult


def encoder(sm, device):
    from cinescribe.diarization.models.speaker_encoder import load_encoder

    return load_encoder(device, sm.threads, sm.params.cache_dir)


def offline_turns(sm, opts, device, voices):
    from cinescribe.diarization.models.segmentation import load_segmenter
    from cinescribe.diarization.pipeline import Options, diarize

    options = Options.from_config(opts, piece_s=sm.resources.piece_s)
    segmenter = load_segmenter(device, sm.threads, sm.params.cache_dir) if options.overlap else None
    return diarize(sm.input.audio, read_json(sm.input.vad)["speech"], voices, options, segmenter)


def cast_names(sm, opts, turns, voices):
    """(turns, diarization.json's names, scores and cast): the cast's names for the speakers that clearly match
    one; turns parted or joined where naming found one speaker to be two cast voices, or two to be one."""
    from cinescribe.diarization.cast import cast_names
    from cinescribe.diarization.naming import NamingOptions

    turns, found = cast_names(sm.input.audio, turns, read_json(sm.input.cast)["prints"], voices,
                              NamingOptions.from_config(opts), sm.resources.piece_s)
    unnamed = sorted({t["speaker"] for t in turns} - set(found["names"]))
    logging.info("cast names: %s; left unnamed: %s", found["names"] or "none", ", ".join(unnamed) or "none")
    return turns, found


def pyannote_turns(sm, opts, device, voices):
    from cinescribe.diarization.pyannote_pipeline import diarize_with_pyannote, load_pipeline

    return diarize_with_pyannote(sm.input.audio, load_pipeline(opts["pyannote_pipeline"], device),
                                 opts["num_speakers"], opts["min_speakers"], opts["max_speakers"])


def main(sm):
    opts = sm.params.diarization
    device = torch_device(opts["device"], sm.params.strict)
    logging.info("diarization with %s on %s", opts["backend"], device)
    cast = "cast" in sm.input.keys()
    voices = encoder(sm, device) if opts["backend"] == "campplus" or cast else None
    turns = (pyannote_turns if opts["backend"] == "pyannote" else offline_turns)(sm, opts, device, voices)
    turns, named = cast_names(sm, opts, turns, voices) if cast else (turns, {})
    if device != "cpu":  # a cpu has no device cache to give back (and campplus never loaded torch)
        release_torch_memory(device)
    speakers = sorted({t["speaker"] for t in turns})
    logging.info("%d speakers, %d turns", len(speakers), len(turns))
    write_json(sm.output[0], DiarizationResult(schema=SCHEMA_VERSION, backend=opts["backend"], speakers=speakers,
                                               turns=turns, **named))


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
