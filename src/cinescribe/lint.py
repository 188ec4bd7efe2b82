"""Share of cues that meet each timed-text rule, for any SRT/VTT/ASS file.

Usage: python -m cinescribe.lint FILE [FILE …] [--max-line-chars 42 --max-lines 2 --fps 24 …]
"""

import argparse
import sys

import pysubs2

RULES = ("line length", "line count", "min duration", "max duration", "reading speed", "gap between cues")


def check(events, max_line_chars=42, max_lines=2, min_duration=5 / 6, max_duration=7.0, max_cps=17.0,
          min_gap=2 / 24):
    """{rule: share of cues meeting it} for pysubs2 events (times in ms)."""
    if not events:
        return {rule: 1.0 for rule in RULES}
    passed = dict.fromkeys(RULES, 0)
    for i, event in enumerate(events):
        lines = event.plaintext.splitlines() or [""]
        seconds = (event.end - event.start) / 1000
        passed["line length"] += all(len(line) <= max_line_chars for line in lines)
        passed["line count"] += len(lines) <= max_lines
        passed["min duration"] += seconds >= min_duration - 1e-3
        passed["max duration"] += seconds <= max_duration + 1e-3
        passed["reading speed"] += len(" ".join(lines)) / max(seconds, 1e-3) <= max_cps
        nxt = events[i + 1] if i + 1 < len(events) else None
        passed["gap between cues"] += nxt is None or (nxt.start - event.end) / 1000 >= min_gap - 1e-3
    return {rule: count / len(events) for rule, count in passed.items()}


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
    parser.add_argument("--max-cps", type=float, default=17.0)
    parser.add_argument("--fps", type=float, default=24.0, help="the gap rule is two frames")
    args = parser.parse_args(argv)
    limits = dict(max_line_chars=args.max_line_chars, max_lines=args.max_lines, min_duration=args.min_duration,
                  max_duration=args.max_duration, max_cps=args.max_cps, min_gap=2 / args.fps)
    for path in args.files:
        shares = lint_file(path, **limits)
        print(path)
        for rule, share in shares.items():
            print(f"  {rule:<18} {100 * share:6.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
