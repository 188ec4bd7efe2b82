"""What each chunk is prompted with: glossary and cast names as Whisper's initial_prompt and hotwords, those tied
to bias windows only in the chunks the windows overlap.

Whisper spells a name it has never seen by ear ("Rathor", "Busewil"); shown the names in its prompt it spells
most of them right (a near-miss that slips through is corrected in transcript.corrections).
"""

from dataclasses import dataclass

from cinescribe.runtime.errors import CinescribeError
from cinescribe.runtime.options import StageOptions
from cinescribe.runtime.textfiles import read_text_file, tsv_rows
from cinescribe.shapes import ChunkPrompt
from cinescribe.text.glossary import mentions, split_terms
from cinescribe.text.languages import NAME_PROMPTS


def parse_time(text):
    """Seconds from `93.5`, `1:33.5` or `01:01:33,500`."""
    try:
        seconds = 0.0
        for part in text.strip().replace(",", ".").split(":"):
            seconds = seconds * 60 + float(part)
        return seconds
    except ValueError:
        raise CinescribeError(f"bias window time {text!r} is not seconds or HH:MM:SS") from None


def load_windows(path):
    """TSV rows `start, end, terms` (terms separated by ; or |): these names are expected in that span."""
    windows = []
    for row in tsv_rows(path, "bias windows file"):
        if len(row) < 3 or row[0].strip().lower() == "start":
            continue
        windows.append({"start": parse_time(row[0]), "end": parse_time(row[1]), "terms": split_terms(row[2])})
    return windows


def windows_from_subtitles(path, terms, margin_s=60.0):
    """Bias windows from an earlier subtitle file of the same film: a term is expected near where it was said."""
    import pysubs2

    try:
        subs = pysubs2.SSAFile.from_string(read_text_file(path, "subtitle file for bias windows"))
    except pysubs2.exceptions.FormatAutodetectionError as err:
        raise CinescribeError(f"cannot read the subtitle file for bias windows {path}: {err}") from None
    windows = []
    for event in subs:
        found = [t.preferred for t in terms if mentions(event.plaintext, t)]
        if found:
            windows.append({"start": max(0.0, event.start / 1000 - margin_s), "end": event.end / 1000 + margin_s,
                            "terms": found})
    return windows


def chunk_terms(start, end, global_terms, windows):
    """Terms for [start, end]: those of overlapping windows first (they are the likeliest), then the rest."""
    local = [t for w in windows if w["start"] < end and w["end"] > start for t in w["terms"]]
    return list(dict.fromkeys(local + list(global_terms)))


@dataclass
class PromptOptions(StageOptions):
    """Budgets of a chunk's prompt (`glossary` in config/schema.yaml): Whisper keeps at most 223 prompt tokens."""

    prompt_chars: int = 400
    hotword_chars: int = 200


def prompt_for(terms, options=PromptOptions(), language="en"):
    """initial_prompt and hotwords within budget; Whisper keeps only the end of a long prompt, so whole
    terms are dropped from the end of the list (the least likely) instead."""
    def fit(budget, joiner):
        kept, used = [], 0
        for term in terms:
            cost = len(term) + len(joiner)
            if used + cost > budget:
                break
            kept.append(term)
            used += cost
        return kept

    in_prompt = fit(options.prompt_chars, ", ")
    in_hotwords = fit(options.hotword_chars, " ")
    template = NAME_PROMPTS.get(language, NAME_PROMPTS["en"])
    return ChunkPrompt(initial_prompt=template.format(names=", ".join(in_prompt)) if in_prompt else "",
                       hotwords=" ".join(in_hotwords), terms=in_prompt)


def chunk_prompts(chunks, terms, windows, options=PromptOptions(), language="en"):
    """{chunk index: prompt} for a chunk plan: a term tied to windows is prompted only in chunks they overlap."""
    windowed = {t for w in windows for t in w["terms"]}
    everywhere = [t.preferred for t in terms if t.preferred not in windowed]
    return {str(c["index"]): prompt_for(chunk_terms(c["audio_start"], c["audio_end"], everywhere, windows),
                                        options, language) for c in chunks}


def with_prompt(asr, chunk_prompt):
    """ASR options with the chunk's glossary prompt and hotwords after what the user set for every chunk."""
    prompt = " ".join(p for p in (asr["initial_prompt"], chunk_prompt["initial_prompt"]) if p)
    hotwords = " ".join(h for h in (asr["hotwords"], chunk_prompt["hotwords"]) if h)
    return dict(asr, initial_prompt=prompt, hotwords=hotwords)
