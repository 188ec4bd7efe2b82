"""Snakemake adapter: audio.wav → songs.json (where music dominates)."""
import logging

from cinescribe import SCHEMA_VERSION
from cinescribe.audio.songs import SongOptions, detect_songs
from cinescribe.runtime.atomic import read_json, write_json
from cinescribe.runtime.rule_script import run_rule
from cinescribe.shapes import SongsResult
from cinescribe.spans import join_close


def main(sm):
    vad = read_json(sm.input.vad)
    voices = join_close(sorted(vad["speech"] + vad.get("voice_like", [])))  # lines VAD half-heard under music too
    songs = detect_songs(sm.input.audio, SongOptions.from_config(sm.params.songs), voices)
    logging.info("%d song(s): %s", len(songs), songs)
    write_json(sm.output[0], SongsResult(schema=SCHEMA_VERSION, songs=songs))


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
