"""Snakemake adapter: a job's files → review.html (timeline, audio, flagged cues, fixes in the browser)."""
import logging
import os
import sys

from cinescribe.diarization.naming import display_names
from cinescribe.report.review import render_page, review_data
from cinescribe.runtime.atomic import read_json, write_text
from cinescribe.runtime.rule_script import run_rule
from cinescribe.subtitles.lint import at_frame_rate
from cinescribe.subtitles.timing import CueTiming, film_grid


def main(sm):
    shots = read_json(sm.input.shots) if sm.input.get("shots") else None
    grid, cuts = film_grid(shots), shots["cuts"] if shots else []
    optional = {key: read_json(sm.input[key]) if key in sm.input.keys() else None for key in ("diarization", "songs")}
    audio = os.path.basename(sm.input.audio) if "audio" in sm.input.keys() else None
    data = review_data(sm.wildcards.job, [read_json(path) for path in sm.input.tracks], read_json(sm.input.transcript),
                       read_json(sm.input.vad), read_json(sm.input.plan), optional["diarization"], optional["songs"],
                       limits=at_frame_rate(sm.params.limits, float(grid.rate)),
                       names=display_names(optional["diarization"], sm.params.names), audio=audio,
                       min_probability=sm.params.review["min_word_probability"],
                       seam_margin_s=sm.params.review["seam_margin_s"],
                       min_unsubtitled_s=sm.params.checks["min_unsubtitled_s"],
                       unsubtitled_join_s=sm.params.checks["unsubtitled_join_s"],
                       grid=grid, cuts=cuts, timing=CueTiming.from_config(sm.params.timing),
                       source=os.path.abspath(sm.params.source))
    write_text(sm.output[0], render_page(data))
    flagged = sum(bool(cue["flags"]) for cue in data["tracks"][0]["cues"])
    logging.info("%d cues, %d flagged; %s", len(data["tracks"][0]["cues"]), flagged, "; ".join(data["absent"]))
    print(f"cinescribe: review page for '{sm.wildcards.job}' ({flagged} cues flagged): "
          f"{os.path.abspath(sm.output[0])}", file=sys.stderr)


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
