"""Reading speed per language: the most characters a second a viewer is asked to read, after Netflix's Timed
Text Style Guides, for adult and for children's programs. Characters are visible characters (graphemes, as
cinescribe.text.graphemes counts them), spaces and punctuation included, as Netflix counts them.

Where the figures come from (each guide gives its own "Reading Speed Limits"):

- English (USA): adult programs up to 20 characters per second, children's programs up to 17.
  Netflix, "English (USA) Timed Text Style Guide", partnerhelp.netflixstudios.com (English Timed Text Style
  Guide, https://partnerhelp.netflixstudios.com/hc/en-us/articles/217350977-English-Timed-Text-Style-Guide).
  Read through two tools that check files against it: caption-checker's README ("Up to 20 characters a
  second (adult), 17 (children's)", limits read on Netflix's page 2026-10-15) and Subtitle Edit's Netflix
  quality check (libse/NetflixQualityCheck/NetflixQualityController.cs: en 20, children 17).
- Hindi: adult programs up to 22 characters per second, children's programs up to 18.
  Netflix, "Hindi Timed Text Style Guide",
  https://partnerhelp.netflixstudios.com/hc/en-us/articles/115003196707-Hindi-Timed-Text-Style-Guide.
  The stored copy we could search ends before its reading-speed section; the figures are those of Subtitle
  Edit's Netflix quality check (hi 22, children 18), which follows the guides language by language.
- Every other language (Urdu, Marathi, Portuguese, French, Spanish, German …): DEFAULT, the figures of
  Netflix's "English Template Timed Text Style Guide" (the template other languages are subtitled from:
  "Adult programs: 200 words per minute / 17 characters per second; Children's programs: 160 words per
  minute / 13 characters per second",
  https://partnerhelp.netflixstudios.com/hc/en-us/articles/219375728-English-Template-Timed-Text-Style-Guide),
  also Subtitle Edit's default for a language it has no figure for. A language joins TABLE only with a
  figure its own guide gives.

`subtitles.max_cps` 0 (the default) takes the language's figure for `subtitles.audience`; any other number
is the limit for every language. resolved_style() is the one place that decision is made: the subtitles,
romanize and translate rules, done's lint and the review page all call it with their file's language.
"""

from cinescribe.text.graphemes import visible_length
from cinescribe.text.words import text_of

AUDIENCES = ("adult", "children")

DEFAULT = {"adult": 17.0, "children": 13.0}
"""Netflix's English Template figures, for a language without its own (see the module's docstring)."""

TABLE = {
    "en": {"adult": 20.0, "children": 17.0},  # English (USA) Timed Text Style Guide
    "hi": {"adult": 22.0, "children": 18.0},  # Hindi Timed Text Style Guide
}

NOT_STYLE = ("audience", "condense", "script")
"""Keys of the `subtitles` config section that choose how cues are made, not limits a cue is built to."""


def base_language(language):
    """'hi' for 'hi', 'hi-Latn' (the Latin twin reads at its language's speed), 'HI_in'; '' for None."""
    return str(language or "").replace("_", "-").split("-")[0].lower()


def max_cps_for(language, audience="adult"):
    """The language's reading-speed limit in characters per second (DEFAULT for a language not in TABLE)."""
    if audience not in AUDIENCES:
        raise ValueError(f"audience {audience!r} is not one of {', '.join(AUDIENCES)}")
    return TABLE.get(base_language(language), DEFAULT)[audience]


def resolved_style(section, language):
    """The `subtitles` config section (or any dict of its limits) for cues in `language`: max_cps resolved
    (0 or missing = the language's figure for the section's audience) and the keys that are not limits left
    out, so it goes straight into CueStyle.from_config or lint's cue_failures."""
    style = {k: v for k, v in section.items() if k not in NOT_STYLE}
    override = float(section.get("max_cps") or 0)
    style["max_cps"] = override if override > 0 else max_cps_for(language, section.get("audience", "adult"))
    return style


def chars_per_second(words, seconds):
    """How fast a cue of these words reads when shown for `seconds` (visible characters, as the guides count)."""
    return visible_length(text_of(words)) / max(seconds, 1e-3)
