"""The `align` section as the workflow uses it: which mode is on, its file read (at the start of the run, so a
file that is not UTF-8, empty or not subtitles fails before any audio is read), and the cues it gives."""

from cinescribe.alignment.old_subtitles import read_subtitles
from cinescribe.alignment.options import AlignOptions
from cinescribe.alignment.resync import resync_cues
from cinescribe.alignment.script import read_script
from cinescribe.alignment.text_alignment import align_script
from cinescribe.runtime.errors import CinescribeError


def align_mode(align):
    """("text" | "subtitles", path), or None when neither is set; both set is one sentence."""
    if align.get("text") and align.get("subtitles"):
        raise CinescribeError("align.text and align.subtitles are both set: align a script or re-sync subtitles, "
                              "one at a time")
    for mode in ("text", "subtitles"):
        if align.get(mode):
            return mode, align[mode]
    return None


def read_align_file(align, max_cue_chars=84):
    """The script's lines or the old cues (None when alignment is off)."""
    mode = align_mode(align)
    if mode is None:
        return None
    kind, path = mode
    return read_script(path, align.get("layout", "auto"), max_cue_chars) if kind == "text" else read_subtitles(path)


def aligned_cues(align, path, heard, style, context=None, timing=None, film_language=None):
    """(cues, summary) for the film whose recognised words are `heard`, by the mode `align` sets."""
    kind, _ = align_mode(align)
    options = AlignOptions.from_config(align)
    if kind == "text":
        units = read_script(path, options.layout, style.max_line_chars * style.max_lines)
        return align_script(units, heard, style, context, timing, options, film_language, path)
    return resync_cues(read_subtitles(path), heard, style, context, timing, options, film_language, path)
