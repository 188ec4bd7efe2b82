# Input functions and output helpers of rules/subtitles.smk (Snakemake's linter keeps functions and rules apart).
from cinescribe.text.languages import ROMANIZED


def subtitle_outputs(stem):
    """One language's subtitle files; SRT and VTT are listed in `snakemake --report` with a caption."""
    return {fmt: report(f"{stem}.{fmt}", caption="../report/subtitles.rst", category="Subtitles",
                        subcategory="{job}") if fmt in ("srt", "vtt") else f"{stem}.{fmt}" for fmt in SUBTITLE_FORMATS}


def cue_style():
    """The timed-text rules cues are built to (the choice of script and the timing rules are not among them).
    max_cps 0 stands for the language's figure: each script resolves it for its own language with
    cinescribe.subtitles.reading_speed.resolved_style (audience and condense travel with it for that)."""
    return {k: v for k, v in config["subtitles"].items() if k not in ("script", "timing")}


def lint_limits():
    """The timed-text rules a cue is checked against (max_gap and the segmentation costs shape cues but are no
    rule a cue can break); done and the review page resolve max_cps per file with resolved_style and the
    file's language, and count the gap in frames of the film's rate."""
    limits = {k: v for k, v in cue_style().items() if k not in ("max_gap", "segmentation")}
    return {**limits, "min_gap_frames": config["subtitles"]["timing"]["min_gap_frames"]}


def has_latin_twin(lang):
    return config["subtitles"]["script"] == "latin" and lang in ROMANIZED


def source_subtitles_json(wildcards):
    """The subtitles in the film's own language, as JSON (what translation, done and the review page read)."""
    return f"{of(SUBTITLES, wildcards.job, lang=subtitle_language(wildcards.job))}.json"


def align_file():
    """The script (align.text) or earlier subtitles (align.subtitles) the film's cues are aligned to, if any."""
    return config["align"]["text"] or config["align"]["subtitles"] or []
