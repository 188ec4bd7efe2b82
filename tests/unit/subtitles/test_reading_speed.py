"""Reading speed per language (Netflix's style guides): the table, the override, the fallback, and the one
resolution every rule uses."""

import re
from pathlib import Path

import pytest

import cinescribe.subtitles.cues as cues_module
from cinescribe.subtitles.lint import main as lint_main
from cinescribe.subtitles.reading_speed import DEFAULT, max_cps_for, resolved_style

REPO = Path(__file__).resolve().parents[3]
SECTION = {"max_line_chars": 42, "max_lines": 2, "max_duration": 7.0, "min_duration": 0.833, "max_cps": 0,
           "audience": "adult", "max_gap": 1.0, "min_gap": 0.083, "condense": False}


@pytest.mark.parametrize("language, audience, cps", [
    ("en", "adult", 20.0), ("en", "children", 17.0),  # English (USA) Timed Text Style Guide
    ("hi", "adult", 22.0), ("hi", "children", 18.0),  # Hindi Timed Text Style Guide
    ("hi-Latn", "adult", 22.0),  # the Latin twin reads at its language's speed
    ("fr", "adult", 17.0), ("xx", "children", 13.0), (None, "adult", 17.0),  # the English template's figures
])
def test_table_figures_and_the_default(language, audience, cps):
    assert max_cps_for(language, audience) == cps


def test_an_unknown_audience_is_refused():
    with pytest.raises(ValueError, match="audience"):
        max_cps_for("en", "teens")


def test_zero_takes_the_languages_figure_and_a_number_overrides_every_language():
    assert resolved_style(SECTION, "en")["max_cps"] == 20.0
    assert resolved_style({**SECTION, "audience": "children"}, "hi")["max_cps"] == 18.0
    assert resolved_style({**SECTION, "max_cps": 15}, "en")["max_cps"] == 15.0
    assert resolved_style({**SECTION, "max_cps": 15}, "hi")["max_cps"] == 15.0
    assert resolved_style({"max_line_chars": 42}, "ur") == {"max_line_chars": 42, "max_cps": DEFAULT["adult"]}


def test_resolved_style_holds_only_limits():
    style = resolved_style({**SECTION, "script": "latin"}, "en")
    assert not {"audience", "condense", "script"} & set(style)
    cues_module.CueStyle.from_config(style)  # every key a CueStyle knows


def test_lint_entry_point_reads_at_the_languages_speed(tmp_path, capsys):
    srt = tmp_path / "fast.srt"  # 36 characters in 2 s: 18 a second
    srt.write_text("1\n00:00:00,000 --> 00:00:02,000\nEighteen characters a second, here.\n\n", encoding="utf-8")
    def share(*args):
        lint_main([str(srt), *args])
        return float(re.search(r"reading speed\s+([\d.]+) %", capsys.readouterr().out).group(1))

    assert share("--language", "en") == 100.0  # under English's 20
    assert share("--language", "en", "--audience", "children") == 0.0  # over the children's 17
    assert share() == 0.0  # no language: the default 17
    assert share("--max-cps", "18.5") == 100.0


def test_the_review_page_flags_each_track_at_its_languages_speed():
    from cinescribe.report.review import track_cues

    limits = {k: v for k, v in SECTION.items() if k != "max_gap"}
    cue = {"start": 0.0, "end": 2.0, "lines": ["Eighteen characters a second, here."]}  # 18 a second
    flags = {lang: track_cues({"language": lang, "cues": [cue]}, limits, 0.5, [], [])[0]["flags"]
             for lang in ("en", "fr")}
    assert "timing" not in flags["en"] and flags["fr"]["timing"] == ["reading speed"]
