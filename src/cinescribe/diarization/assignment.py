"""Words get speakers from diarization turns by time overlap, so cues can show who speaks."""

import bisect
from collections import Counter
from itertools import accumulate, groupby

from cinescribe.text.words import ends_clause, ends_sentence

MAX_FRAGMENT_WORDS = 2  # a run of this many words or fewer can be a fragment of a neighbour's sentence
MAX_FRAGMENT_PAUSE_S = 0.3  # … when no longer pause parts it from that sentence
MAX_INSERT_WORDS = 4  # a run this short inside one voice's sentence, with no pause either side, is that voice's
MAX_CONTINUATION_PAUSE_S = 1.0  # a sentence carried on in lower case after a breath this short is one voice's


class TurnIndex:
    """Turns sorted by start, with the latest end so far, so a lookup stops as soon as no turn can reach."""

    def __init__(self, turns):
        self.turns = sorted(turns, key=lambda t: t["start"])
        self.starts = [t["start"] for t in self.turns]
        self.reach, latest = [], float("-inf")
        for turn in self.turns:
            latest = max(latest, turn["end"])
            self.reach.append(latest)


def speaker_at(start, end, index):
    """The turn overlapping [start, end] most; a word outside every turn takes the nearest one.

    On a tie the turn that began first wins: where a second voice cuts in (an overlap turn lying inside
    another), the words belong to the one already speaking."""
    turns = index.turns
    best, best_overlap = None, 0.0
    i = bisect.bisect_right(index.starts, end) - 1
    while i >= 0 and index.reach[i] > start:
        overlap = min(end, turns[i]["end"]) - max(start, turns[i]["start"])
        if overlap > 0 and overlap >= best_overlap:  # visited latest start first: ties go to the earlier
            best, best_overlap = turns[i]["speaker"], overlap
        i -= 1
    if best is not None:
        return best
    middle = (start + end) / 2
    nearest = min(turns, key=lambda t: max(t["start"] - middle, middle - t["end"], 0.0))
    return nearest["speaker"]


def _runs(words):
    """Runs of consecutive words of one speaker, as lists of indices."""
    indices = iter(range(len(words)))
    return [[next(indices) for _ in group] for _, group in groupby(words, key=lambda w: w["speaker"])]


def sentence_fragments_joined(words):
    """Speakers of a one- or two-word piece of a sentence given to the wrong voice. Where the speaker changes
    inside a sentence with no pause, the shorter side joins the longer: the last word of a sentence begun by the
    speaker before takes that speaker ("- Neither did / - I."), the first word of a sentence the next speaker
    says takes the next speaker ("- And / - I'm Sheila"). Whole sentences keep their voices ("- Hello? /
    - Hello?"). Turns of 0.3 s are shorter than the windows voices are told apart in; the sentence is the
    better guide."""
    words = [dict(w) for w in words]
    runs = _runs(words)
    for run, following in zip(runs, runs[1:]):
        last, first = words[run[-1]], words[following[0]]
        if ends_sentence(last["word"]) or not 0 <= first["start"] - last["end"] < MAX_FRAGMENT_PAUSE_S:
            continue
        ended = [k for k in run if ends_sentence(words[k]["word"])]  # the sentence began after the last of these
        head = [k for k in run if k > (ended[-1] if ended else -1)]
        ends = [k for k in following if ends_sentence(words[k]["word"])]  # … and ends at the first of these
        tail = [k for k in following if k <= (ends[0] if ends else following[-1])]
        if ends and len(tail) < len(head) and len(tail) <= MAX_FRAGMENT_WORDS:
            for k in tail:
                words[k]["speaker"] = last["speaker"]
        elif ends and len(head) <= len(tail) and len(head) <= MAX_FRAGMENT_WORDS:
            for k in head:
                words[k]["speaker"] = first["speaker"]
    return words


def sentence_inserts_joined(words):
    """Speakers of a few words given to another voice in the middle of one voice's sentence ("We are | in my
    coat | pocket…"), with no pause on either side: a voice heard in two scenes can split into two speakers, and
    the 20 ms frames then flicker between them; one voice does not hand over mid-phrase and take it back."""
    words = [dict(w) for w in words]
    runs = _runs(words)
    for before, run, after in zip(runs, runs[1:], runs[2:]):
        last, first = words[before[-1]], words[after[0]]
        inside = [words[k] for k in run]
        if (last["speaker"] == first["speaker"] and len(run) <= MAX_INSERT_WORDS
                and not any(ends_sentence(w["word"]) for w in [last] + inside)
                and 0 <= inside[0]["start"] - last["end"] < MAX_FRAGMENT_PAUSE_S
                and 0 <= first["start"] - inside[-1]["end"] < MAX_FRAGMENT_PAUSE_S):
            for k in run:
                words[k]["speaker"] = last["speaker"]
    return words


CLAUSE_MARKS = ",;:"  # after one of these Whisper's sentence goes on, whatever case the next word has (dashes,
# which subtitle segmentation counts too, are left out: a dash may be a voice cut off by another; not measured)


def continues_phrase(word, before=None):
    """Whether a word carries on the words before it rather than opening an utterance: Whisper writes an
    utterance's first word with a capital, a continuation in lower case ('open | the box'), and a word after a
    comma goes on the sentence whatever its case ('Number 10, | Fresh Nelly is waiting', 'When we lost
    sight, | I told you'). In scripts without case (Devanagari) only the comma tells."""
    if before is not None and ends_clause(before["word"], CLAUSE_MARKS):
        return True
    letters = [c for c in word["word"] if c.isalpha()]
    return bool(letters) and letters[0].islower()


def phrase_flickers_joined(words, segment_starts=()):
    """Speakers of a stretch of one sentence (no pause of MAX_CONTINUATION_PAUSE_S inside it) made one where
    every change of voice inside it lands on a word that carries the sentence on ('- Good. Now open / - the
    box,', '- Good, / - now open the box,' after a breath): one voice split into two speakers flickers
    mid-sentence, and a new speaker's words open with a capital (Whisper writes them as a new sentence). The
    stretch goes to the voice that says most of it (in seconds). A change onto a capitalised word may be a new
    utterance Whisper left unpunctuated ('in a minute | Good, then hurry.') and keeps the stretch as it is,
    unless a comma comes before it (continues_phrase). A stretch runs on across `segment_starts` (indices
    where a Whisper segment begins) only where the new segment carries the sentence on: Whisper ends segments
    mid-sentence ('Bring it tomorrow at noon | and bring it on.'), but a segment opening with a capital after an
    unfinished sentence is a new utterance. The cost: an answer Whisper joined to the line before
    with a comma ('Yes, | I arrived this morning') loses its dash (held-out 2.5 h: false dash pairs 10 → 3,
    true ones 7 → 5)."""
    words = [dict(w) for w in words]

    def settle(group):
        changes = [k for k, prev in zip(group[1:], group) if words[k]["speaker"] != words[prev]["speaker"]]
        if not changes or not all(continues_phrase(words[k], words[k - 1]) for k in changes):
            return
        said = Counter()
        for k in group:
            said[words[k]["speaker"]] += words[k]["end"] - words[k]["start"]
        most = max(said.values())
        voice = next(words[k]["speaker"] for k in group if said[words[k]["speaker"]] == most)
        for k in group:
            words[k]["speaker"] = voice

    group = []
    for k, word in enumerate(words):
        if group and (ends_sentence(words[group[-1]]["word"])
                      or not 0 <= word["start"] - words[group[-1]]["end"] < MAX_CONTINUATION_PAUSE_S
                      or (k in segment_starts and not continues_phrase(word, words[group[-1]]))):
            settle(group)
            group = []
        group.append(k)
    settle(group)
    return words


def assign_speakers(segments, turns):
    """Each word its speaker and each segment its majority speaker (copies; the inputs are untouched)."""
    if not turns:
        return segments
    index = TurnIndex(turns)
    heard = [sentence_fragments_joined(sentence_inserts_joined(
        [dict(w, speaker=speaker_at(w["start"], w["end"], index)) for w in segment.get("words", [])]))
        for segment in segments]
    starts = set(accumulate([0] + [len(words) for words in heard[:-1]]))
    settled = iter(phrase_flickers_joined([w for words in heard for w in words], starts))
    out = []
    for segment in segments:
        words = [next(settled) for _ in segment.get("words", [])]
        votes = Counter(w["speaker"] for w in words) or Counter([speaker_at(segment["start"], segment["end"], index)])
        out.append(dict(segment, words=words, speaker=votes.most_common(1)[0][0]))
    return out
