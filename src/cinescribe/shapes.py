"""The data that passes between stages, named once: what a word, a segment, a cue or a turn holds, and what each
results file holds. Files are the contracts between stages, so these are plain JSON dicts with a name (a
TypedDict is a dict when it is written): readers and writers use the same name, and every results file
carries a `schema` version (cinescribe.SCHEMA_VERSION).

Times are seconds from the start of the film, rounded to milliseconds where they are written.
"""

from typing import TypedDict

try:
    from typing import NotRequired
except ImportError:  # Python 3.10: typing_extensions comes with torch
    from typing_extensions import NotRequired

Span = list[float]
"""[start, end] in seconds: speech found by VAD, a song, a Whisper window."""


class Word(TypedDict):
    """One word as Whisper heard it; `word` keeps its leading space, so joined words are the text."""

    start: float
    end: float
    word: str
    probability: float
    speaker: NotRequired[str]  # from diarization (diarization.assignment)
    song: NotRequired[bool]  # sung, inside a detected song (subtitles.song_marks)


class Segment(TypedDict):
    """One Whisper segment with its words; the three scores are what the hallucination filter judges."""

    start: float
    end: float
    text: str
    avg_logprob: float
    no_speech_prob: float
    compression_ratio: float
    words: list[Word]
    sound_share: NotRequired[float]  # share of its 32 ms frames well above the chunk's quietest (not room tone)
    speaker: NotRequired[str]  # the majority speaker of its words


class Chunk(TypedDict):
    """One ASR chunk: it owns [start, end); it hears [audio_start, audio_end) (wider when a cut is in speech)."""

    index: int
    start: float
    end: float
    audio_start: float
    audio_end: float


class ChunkPrompt(TypedDict):
    """What one chunk is prompted with: Whisper's initial_prompt and hotwords, and the glossary terms in them."""

    initial_prompt: str
    hotwords: str
    terms: list[str]


class Turn(TypedDict):
    """One speaker turn; an overlapped-speech turn lies inside another speaker's."""

    start: float
    end: float
    speaker: str


class Removal(TypedDict):
    """Text the hallucination filter dropped, and why."""

    start: float
    end: float
    text: str
    reason: str


Correction = TypedDict("Correction", {"start": float, "end": float, "from": str, "to": str, "term": str})
"""A glossary near-miss rewritten to its preferred spelling."""


class Cue(TypedDict):
    """One subtitle cue as built from words (subtitles.cues) and handed to the writers."""

    start: float
    end: float
    words: list[Word]
    lines: list[str]
    song: bool
    voice: NotRequired[Span]  # where its voice starts and ends, as timing found it (subtitles.timing)
    condensed: NotRequired[list[Removal]]  # what condensation dropped to make it readable (subtitles.condense)
    source_lines: NotRequired[list[str]]  # a translated cue: the lines it was translated from
    alignment: NotRequired[str]  # align mode: "unheard" (an old cue placed by the map), "transcribed" (not in the script)


class CueRecord(TypedDict):
    """One cue as the subtitle JSON holds it (review page, translation, done's checks read it)."""

    start: float
    end: float
    lines: list[str]
    speaker: str | None  # the cue's one speaker (display name), None for none or a dialogue cue
    speakers: list[str]
    song: bool
    voice: NotRequired[Span]  # the film's own language: where the cue's voice starts and ends (the QC's reference)
    condensed: NotRequired[list[Removal]]  # fillers, stutters and repeats dropped from it (subtitles.condense)
    alignment: NotRequired[str]  # align mode: "unheard" or "transcribed" (Cue.alignment)


class AlignmentSummary(TypedDict):
    """What aligning a script (mode text) or re-syncing subtitles (mode subtitles) did (cinescribe.alignment)."""

    mode: str
    lines: NotRequired[int]  # text: the script's lines (or paragraphs), how many were found, and those not
    found: NotRequired[int]
    not_found: NotRequired[list[dict]]  # [{line: the file's line number, text}]
    transcribed_cues: NotRequired[int]  # text: cues of speech the script lacks, and their words
    transcribed_words: NotRequired[int]
    cues: NotRequired[int]  # subtitles: the old cues, and how many of them were not heard
    unheard: NotRequired[int]
    slope: NotRequired[float]  # subtitles: the time map (alignment.time_map)
    pieces: NotRequired[list[dict]]


# --- results files, one per stage output ------------------------------------------------------------------

class VadResult(TypedDict):
    """vad.json"""

    schema: int
    duration: float
    speech: list[Span]
    pauses: NotRequired[list[Span]]  # short pauses inside segments: where the voice starts again (cue in-times)
    voice_like: NotRequired[list[Span]]  # voice outside speech (whispers, lines the first pass missed): decoded again


class LanguageResult(TypedDict):
    """language.json: the film's language, decided once, and the language its subtitles are written in."""

    schema: int
    source: str | None
    probability: float
    detected: bool
    candidates: list[tuple[str, float]]
    subtitle_language: str


class ChunkPlan(TypedDict):
    """chunks/plan.json"""

    schema: int
    chunks: list[Chunk]


class ChunkPrompts(TypedDict):
    """chunks/prompts.json: {chunk index (as text): prompt}."""

    schema: int
    chunks: dict[str, ChunkPrompt]


class ChunkTranscript(TypedDict):
    """asr/chunk_NNNN.json"""

    schema: int
    chunk: Chunk
    language: str | None
    segments: list[Segment]
    repaired: list[Span]  # unheard stretches the repair pass decoded again, with more words


class SpeakerScore(TypedDict):
    """How a diarized speaker compared with the cast (diarization.naming.match_names)."""

    candidate: str | None  # the most alike name; null without a cast
    similarity: float | None  # cosine of the speaker's and the candidate's voice prints
    margin: float | None  # over the speaker's runner-up name
    runner_up: str | None  # the second most alike name


class DiarizationResult(TypedDict):
    """diarization.json; `names`, `scores` and `cast` only when diarization.cast is set."""

    schema: int
    backend: str
    speakers: list[str]
    turns: list[Turn]
    names: NotRequired[dict[str, str]]  # {SPEAKER_00: "Diane"}: the speakers that clearly match a cast name
    scores: NotRequired[dict[str, SpeakerScore]]
    cast: NotRequired[list[str]]  # every cast name, so a name that matched no voice can be told


class CastResult(TypedDict):
    """cast.json: one voice print per cast name (diarization.cast), made before the film's audio is read."""

    schema: int
    prints: dict[str, list[float]]  # {name: L2-normalised CAM++ embedding}
    rows: list[dict]  # {name, row, speech_s} per row of the cast file
    warnings: list[str]  # cast names that sound alike


class SongsResult(TypedDict):
    """songs.json"""

    schema: int
    songs: list[Span]


class ShotsResult(TypedDict):
    """shots.json: the frame rate subtitles are timed on, and the film's cuts (empty for audio-only inputs)."""

    schema: int
    frame_rate: float
    frame_rate_exact: str  # "24000/1001"
    frame_rate_source: str  # video | config (video.frame_rate) | default (video.audio_only_frame_rate)
    variable_frame_rate: bool  # timed on the nominal rate, with a warning
    cuts: list[float]  # the time of the first frame of each new shot
    detector: str  # "" when no cuts were looked for (audio only, video.shots false, an unreadable picture)
    warnings: list[str]


class Transcript(TypedDict):
    """transcript.json: the merged chunks, filtered, corrected and with speakers."""

    schema: int
    language: str | None
    subtitle_language: str
    speakers: list[str]
    segments: list[Segment]
    removed: list[Removal]
    corrections: list[Correction]
    repaired: list[Span]  # stretches the repair pass decoded again (asr.repair)


class SubtitleDocument(TypedDict):
    """subtitles/{job}.{lang}.json (and each translation's): the cues and the words they were built from."""

    schema: int
    language: str
    speakers: NotRequired[list[str]]  # the film's own language
    source_language: NotRequired[str]  # a translation
    cues: list[CueRecord]
    words: list[Word]
    alignment: NotRequired[AlignmentSummary]  # the film's own language, with align.text or align.subtitles


class DoneReport(TypedDict):
    """done.json: where the subtitles are, how their cues meet the rules, and whether the film was understood."""

    schema: int
    job: str
    subtitles: list[str]
    lint: dict[str, dict[str, float]]
    language: dict
    speech_s: float
    speech_coverage: float
    script: dict
    speech_without_subtitles: dict  # count, seconds, stretches [[start, end], …]
    qc: dict  # frame_rate, cues, flagged, rules {rule: cues breaking it} (subtitles.qc; per cue in qc.tsv)
    warnings: list[str]
    speakers: NotRequired[dict]  # with diarization.cast: named, unnamed (speaker ids), names_unheard (cast names)
    alignment: NotRequired[AlignmentSummary]  # with align.text or align.subtitles
