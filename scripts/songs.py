"""Snakemake adapter: audio.wav → songs.json (where music dominates)."""
import logging

from cinescribe import SCHEMA_VERSION
from cinescribe.runtime.atomic import write_json
from cinescribe.audio.songs import detect_songs
from cinescribe.runtime.rule_script import run_rule


def main(sm):
    opts = sm.params.lyrics
    songs = detect_songs(sm.input[0], opts["min_stability"], opts["min_song_s"], opts["window_s"])
    logging.info("%d song(s): %s", len(songs), songs)
    write_json(sm.output[0], {"schema": SCHEMA_VERSION, "songs": songs})


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
