"""Cue in- and out-times by the rules a subtitler times to, in whole frames of the film.

- In-time on the first frame of the voice. Whisper's word starts wander by ±0.1 s (on the tuning film a cue
  started 98 ms early on average); where voice activity (Silero) starts a stretch of speech within a few
  tenths of the first word, that onset is the in-time (89 % within 2 frames on the tuning film, none early
  by more than 4). A word holds no pause: where VAD hears the voice resume inside Whisper's first word, the
  word was stretched back over the silence before it, and the in-time is there.
- Out-time after the last frame of the voice: Whisper ends a word ~0.13 s before the sound does, VAD's end of
  the stretch is nearer; then a short linger, longer when reading speed needs it.
- A cue still too fast to read between chained neighbours takes a frame from each, inside the ±2 frames QC
  allows an in-time: it comes up a frame before its voice (where the cue before only lingers) and the cue
  after waits a frame past its own. Where the cue after goes on the same sentence in the same voice, it may
  wait longer (`run_on_delay_s`), as far as it stays readable itself: one long sentence shares its time.
- Chaining: a gap of half a second or less between two cues closes to 2 frames, so no blank flickers between
  lines; a 2-frame gap is kept between any two cues; a cue lasts at least 5/6 s (20 frames at 24 fps).
- Shot changes: an in- or out-time a few frames from a cut moves onto it (an out-time 2 frames before it),
  or at least half a second away, so a cue neither flashes up just before a cut nor hangs over one.
The Netflix Timed Text Style Guide (Subtitle Timing Guidelines) is the reference; half a second is 12 frames
at 24 fps and 15 at 30, the 2-frame gap is 2 frames at every rate.
"""

import bisect
from dataclasses import dataclass, field

from cinescribe.runtime.atomic import read_json
from cinescribe.runtime.options import StageOptions
from cinescribe.shapes import Span
from cinescribe.subtitles.frame_grid import FrameGrid
from cinescribe.text.graphemes import visible_length
from cinescribe.text.words import ends_sentence, text_of


@dataclass
class CueTiming(StageOptions):
    """How cues are timed (`subtitles.timing` in config/schema.yaml)."""

    onset_before_s: float = 0.5
    onset_after_s: float = 0.6
    onset_after_silence_s: float = 1.0
    offset_before_s: float = 0.2
    offset_after_s: float = 0.8
    word_end_lag_s: float = 0.13
    linger_s: float = 0.17
    chain_s: float = 0.5
    min_gap_frames: int = 2
    cut_zone_s: float = 0.5
    reading_lead_frames: int = 1
    reading_delay_frames: int = 1
    run_on_delay_s: float = 0.75
    run_on_pause_s: float = 0.3


@dataclass
class TimingContext:
    """What the audio and the picture say about a film's times: its frame grid, where VAD heard speech
    (Silero's padded spans, and that padding) and its shot changes."""

    grid: FrameGrid = field(default_factory=FrameGrid)
    speech: list[Span] = field(default_factory=list)
    vad_pad_s: float = 0.0
    cuts: list[float] = field(default_factory=list)
    pauses: list[Span] = field(default_factory=list)  # short pauses inside VAD's speech: the voice resumes at the end


@dataclass
class TimedCue:
    """A cue's frames while it is timed: the frames of its voice, and the in/out frames it is shown."""

    words: list
    voice_in: int
    voice_out: int
    first: int = 0
    last: int = 0


PAUSE_LEAD_S = 0.1  # Whisper may start a word this far inside the breath before it


def _nearest(points, t, before, after):
    """The point nearest `t` within [t - before, t + after], or None."""
    lo, hi = bisect.bisect_left(points, t - before), bisect.bisect_right(points, t + after)
    return min(points[lo:hi], key=lambda p: abs(p - t), default=None)


def _inside(spans, t):
    i = bisect.bisect_right(spans, [t, float("inf")])
    return i > 0 and spans[i - 1][0] <= t <= spans[i - 1][1]


def voice_resumes_in(word, onsets, pause_ends):
    """Where the voice starts again inside a cue's first word (-inf: nowhere). A word holds no pause: where VAD
    hears one end inside Whisper's first word, or a stretch of speech begin there, Whisper stretched the word back
    over the silence before it (over a music bed, a reverb tail, a whisper) and its sound starts there. Both
    lists are sorted."""
    start, end = word["start"], word["end"]
    inside = [points[bisect.bisect_left(points, end) - 1] for points in (pause_ends, onsets)
              if bisect.bisect_left(points, end) > bisect.bisect_right(points, start)]
    return max(inside, default=float("-inf"))


def voice_frames(groups, context, timing):
    """Each group's voice as frames: onset from VAD near its first word, end from VAD near its last word."""
    grid = context.grid
    onsets = sorted(s + context.vad_pad_s for s, _ in context.speech)
    ends = sorted(e - context.vad_pad_s for _, e in context.speech)
    voiced = sorted([s + context.vad_pad_s, e - context.vad_pad_s] for s, e in context.speech)  # padding is not voice
    pauses = sorted(context.pauses)
    pause_starts = [a for a, _ in pauses]
    pause_ends = sorted(b for _, b in pauses)
    timed, previous_end = [], float("-inf")
    for words in groups:
        start, end = words[0]["start"], words[-1]["end"]
        # the voice resuming after a breath inside one stretch, where the breath began before this first word
        # (a pause after it belongs inside the line: "Well, … I think")
        before = bisect.bisect_right(pause_starts, start + PAUSE_LEAD_S)
        resumed = [b for _, b in pauses[max(0, before - 3):before]]
        near = _nearest(onsets, start, timing.onset_before_s, timing.onset_after_s)
        onset = _nearest(sorted(resumed + ([near] if near is not None else [])), start, timing.onset_before_s,
                         timing.onset_after_s)
        if onset is None and not _inside(voiced, start):  # a word placed in silence: the voice follows
            onset = _nearest(onsets, start, 0.0, words[0]["end"] - start + timing.onset_after_silence_s)
        if onset is None or onset <= previous_end:  # that stretch began with the words before
            onset = start
        onset = max(onset, voice_resumes_in(words[0], onsets, pause_ends))
        voice_end = _nearest(ends, end, timing.offset_before_s, timing.offset_after_s)
        voice_end = max(end, voice_end) if voice_end is not None else end + timing.word_end_lag_s
        timed.append(TimedCue(words, grid.floor(onset), max(grid.ceil(voice_end), grid.floor(onset) + 1)))
        previous_end = end
    return timed


def _runs_on(cue, following, pause_s):
    """The next cue goes on in the same voice without a pause: one line of speech cut in two. Its text may come
    up late (the viewer is still reading the first half) to give the first half the time it needs."""
    a, b = cue.words[-1], following.words[0]
    return a.get("speaker") == b.get("speaker") and b["start"] - a["end"] < pause_s and not ends_sentence(a["word"])


def cuts_near(frame, cuts, zone, allowed=()):
    """The cuts (sorted frame numbers) less than `zone` frames from `frame`, but for those at an `allowed` offset
    (cut - frame): the shot-change rules' trouble spots, for timing and for the QC report."""
    i = bisect.bisect_left(cuts, frame - zone + 1)
    return [c for c in cuts[i:i + 2] if abs(c - frame) < zone and c - frame not in allowed]


def _snap_in(frame, cuts, zone):
    """An in-time 1 to zone-1 frames from a cut: after it, back onto it; just before it, onto it (the cue
    comes up with the new shot); well before it, to half a second before it (at most 4 frames early at 24
    fps). Cuts are frame numbers, sorted."""
    near = cuts_near(frame, cuts, zone)
    if not near:
        return frame
    cut = min(near, key=lambda c: abs(c - frame))
    if cut <= frame or cut - frame <= zone // 2 + 1:
        return cut
    return cut - zone


def _snap_out(cue, cuts, zone, gap, limit):
    """An out-time near a cut: 2 frames before it when the voice has ended by then, else half a second past
    it (the line crosses the cut, as a voice that speaks across it must), when the next cue allows."""
    near = cuts_near(cue.last, cuts, zone, allowed=(gap,))
    if not near:
        return cue.last
    cut = min(near, key=lambda c: abs(c - cue.last))
    if cue.voice_out <= cut - gap and cut - gap - cue.first >= 1:
        return cut - gap if cut - gap <= limit else cue.last
    return cut + zone if cut + zone <= limit else cue.last


def time_cues(groups, style, context=None, timing=None):
    """[{start, end, words, voice}] for groups of words: in/out-times in seconds, each on a frame of the film,
    and the voice they were set to (where the QC report measures them from)."""
    context, timing = context or TimingContext(), timing or CueTiming()
    grid = context.grid
    gap, chain, zone = timing.min_gap_frames, grid.frames(timing.chain_s), grid.frames(timing.cut_zone_s)
    linger, min_frames = grid.frames(timing.linger_s), grid.ceil(style.min_duration)
    max_frames = grid.floor(style.max_duration)
    cuts = sorted({grid.nearest(c) for c in context.cuts})
    cues = voice_frames(groups, context, timing)
    for cue in cues:
        cue.first = _snap_in(cue.voice_in, cuts, zone) if cuts else cue.voice_in
    for i, cue in enumerate(cues[1:], 1):  # room for the cue before (Whisper's word times can overlap)
        cue.first = max(cue.first, cues[i - 1].first + min_frames + gap)
    readings = [grid.ceil(visible_length(text_of(cue.words)) / style.max_cps) for cue in cues]
    for i, cue in enumerate(cues):
        limit = cues[i + 1].first - gap if i + 1 < len(cues) else float("inf")
        reading = readings[i]
        want = max(cue.voice_out + linger, cue.first + reading, cue.first + min_frames)
        last = min(want, cue.first + max_frames, limit)
        if limit - last <= chain - gap and limit - cue.first <= max_frames:
            last = limit  # chaining: a short gap closes to the minimum
        if last - cue.first < reading and i + 1 < len(cues) and last == limit:  # too fast: the next may wait
            following = cues[i + 1]
            later = following.first + timing.reading_delay_frames
            readable = cue.first + reading + gap  # the next cue's in-time that gives this one its reading time
            if _runs_on(cue, following, timing.run_on_pause_s):  # when that makes it readable, and the next stays so
                room = cues[i + 2].first - gap if i + 2 < len(cues) else float("inf")
                reach = min(following.first + grid.frames(timing.run_on_delay_s), room - readings[i + 1])
                if readable - timing.reading_lead_frames <= reach:
                    later = max(later, reach)
            later = min(later, readable, following.voice_out - min_frames)
            if later > following.first and following.first not in cuts and _snap_in(later, cuts, zone) == later:
                following.first, limit = later, later - gap
                last = min(want, cue.first + max_frames, limit)
        if last - cue.first < reading and cue.first not in cuts:  # too fast: come up a frame or two early
            before = cues[i - 1] if i else None
            if before is None:
                floor = 0
            elif before.last + gap < cue.first:  # a gap before it: up to the gap's minimum
                floor = before.last + gap
            else:  # chained: the cue before gives up frames it only lingers for (its voice has ended by then)
                floor = max(before.voice_out, before.first + max(min_frames, readings[i - 1])) + gap
            earlier = max(floor, cue.first - timing.reading_lead_frames, min(cue.first, last - reading))
            takes_linger = before is not None and before.last > earlier - gap
            clear_of_cuts = _snap_in(earlier, cuts, zone) == earlier and not (  # not onto a cut's half second
                takes_linger and cuts_near(earlier - gap, cuts, zone, allowed=(gap,)))
            if earlier < cue.first and clear_of_cuts:
                if takes_linger:
                    before.last = earlier - gap
                cue.first = earlier
        cue.last = last
        if cuts:
            cue.last = _snap_out(cue, cuts, zone, gap, min(limit, cue.first + max_frames))
        if cue.last - cue.first < min_frames:  # no room after: borrow from before
            floor = cues[i - 1].last + gap if i else 0
            cue.first = max(floor, min(cue.first, cue.last - min_frames))
        cue.last = max(cue.last, cue.first + 1)
    for cue, following in zip(cues, cues[1:]):  # a gap an earlier in-time (reading lead) left short: chained
        if gap < following.first - cue.last <= chain and following.first - gap - cue.first <= max_frames:
            cue.last = following.first - gap
    return [{"start": grid.time(c.first), "end": grid.time(c.last), "words": c.words,
             "voice": [grid.time(c.voice_in), grid.time(c.voice_out)]} for c in cues]


def film_grid(shots=None):
    """The film's frame grid from its shots.json document (none: 24 fps)."""
    return FrameGrid.of(shots["frame_rate_exact"]) if shots else FrameGrid()


def timing_context(vad_path, vad_pad_s, shots_path=None):
    """A film's TimingContext from vad.json and shots.json (its frame rate and cuts; none: 24 fps, no cuts).
    vad.json's voice_like (a whisper, or a line VAD's first pass did not hear) times its cue as speech does:
    padded like VAD's spans, so its start is an onset."""
    shots = read_json(shots_path) if shots_path else None
    vad = read_json(vad_path)
    missed = [[start - vad_pad_s, end + vad_pad_s] for start, end in vad.get("voice_like", [])]
    speech = sorted([list(span) for span in vad["speech"]] + missed)
    return TimingContext(grid=film_grid(shots), speech=speech, vad_pad_s=vad_pad_s,
                         cuts=list(shots["cuts"]) if shots else [], pauses=[list(p) for p in vad.get("pauses", [])])
