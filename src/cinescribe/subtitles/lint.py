"""Share of cues that meet each timed-text rule, for any SRT/VTT/ASS file.

Usage: python -m cinescribe.subtitles.lint FILE [FILE …] [--language hi --audience adult --max-line-chars 42 …]
"""

import argparse
import sys

import pysubs2

from cinescribe.subtitles.reading_speed import AUDIENCES, resolved_style
from cinescribe.text.graphemes import visible_length

RULES = ("line length", "line count", "min duration", "max duration", "reading speed", "gap between cues")


def cue_failures(cues, max_line_chars=42, max_lines=2, min_duration=5 / 6, max_duration=7.0, max_cps=17.0,
                 min_gap=2 / 24):
    """For each cue (start s, end s, lines), the rules it breaks: what a reviewer must look at.

    Lengths and reading speed count visible characters (graphemes), as cues.py builds them."""
    failures = []
    for i, (start, end, lines) in enumerate(cues):
        lines = lines or [""]
        seconds, broken = end - start, []
        if not all(visible_length(line) <= max_line_chars for line in lines):
            broken.append("line length")
        if len(lines) > max_lines:
            broken.append("line count")
        if seconds < min_duration - 1e-3:
            broken.append("min duration")
        if seconds > max_duration + 1e-3:
            broken.append("max duration")
        if visible_length(" ".join(lines)) / max(seconds, 1e-3) > max_cps:
            broken.append("reading speed")
        if i + 1 < len(cues) and cues[i + 1][0] - end < min_gap - 1e-3:
            broken.append("gap between cues")
        failures.append(broken)
    return failures


def at_frame_rate(limits, fps=24.0):
    """Limits with the gap rule in seconds: `min_gap_frames` frames of the film's rate."""
    limits = dict(limits)
    if "min_gap_frames" in limits:
        limits["min_gap"] = limits.pop("min_gap_frames") / fps
    return limits


def check(events, **limits):
    """{rule: share of cues meeting it} for pysubs2 events (times in ms)."""
    if not events:
        return {rule: 1.0 for rule in RULES}
    cues = [(e.start / 1000, e.end / 1000, e.plaintext.splitlines()) for e in events]
    failures = cue_failures(cues, **limits)
    return {rule: sum(rule not in broken for broken in failures) / len(cues) for rule in RULES}


def lint_file(path, **limits):
    """Shares for one subtitle file; an empty file (a silent film) has no cue to fail."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    if not text.strip():
        return check([], **limits)
    return check([e for e in pysubs2.SSAFile.from_string(text) if not e.is_comment], **limits)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--max-line-chars", type=int, default=42)
    parser.add_argument("--max-lines", type=int, default=2)
    parser.add_argument("--min-duration", type=float, default=5 / 6)
    parser.add_argument("--max-duration", type=float, default=7.0)
    parser.add_argument("--max-cps", type=float, default=0.0,
                        help="0 = the Netflix figure for --language and --audience (subtitles.reading_speed)")
    parser.add_argument("--language", default=None, help="the files' language, e.g. en, hi (its reading speed)")
    parser.add_argument("--audience", choices=AUDIENCES, default="adult")
    parser.add_argument("--fps", type=float, default=24.0, help="the gap rule is two frames")
    args = parser.parse_args(argv)
    limits = dict(max_line_chars=args.max_line_chars, max_lines=args.max_lines, min_duration=args.min_duration,
                  max_duration=args.max_duration, max_cps=args.max_cps, min_gap=2 / args.fps)
    limits = resolved_style({**limits, "audience": args.audience}, args.language)
    for path in args.files:
        shares = lint_file(path, **limits)
        print(path)
        for rule, share in shares.items():
            print(f"  {rule:<18} {100 * share:6.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
