"""Which diarized speaker is which cast member: voice prints matched, and a name given only where the match is
clear. A wrong name on a subtitle is worse than SPEAKER_03, so a speaker that is not clearly one cast member
(too unlike every name, or about as like two of them) keeps its number. Speakers that take one name are one
voice the clustering split, and become one speaker."""

from dataclasses import dataclass
from itertools import combinations

import numpy as np

from cinescribe.diarization.speaker_names import free_labels
from cinescribe.runtime.options import StageOptions
from cinescribe.shapes import Turn
from cinescribe.spans import join_close


@dataclass
class NamingOptions(StageOptions):
    """`diarization.cast_*` in config/schema.yaml (where their defaults' measurements are written)."""

    cast_similarity: float = 0.7
    cast_margin: float = 0.15
    cast_same_voice: float = 0.5
    cast_alike: float = 0.5
    cast_speaker_s: float = 60.0


def match_names(speaker_prints, cast_prints, options=NamingOptions()):
    """({speaker: name} for the clear matches, {speaker: score}). Each speaker is offered its most alike name
    (`candidate`, with its cosine `similarity` and its `margin` over the speaker's runner-up name) and takes it
    at `cast_similarity` and `cast_margin` or more. A name may go to several speakers: clustering splits a voice
    more often than a voice outside the cast comes as close to a cast member's (tune film: a character's main
    speaker 0.80 alike to its name, the fragment split off 0.87; a left-out voice 0.69 at most)."""
    speakers, names = sorted(speaker_prints), list(cast_prints)
    if not speakers or not names:
        return {}, {s: {"candidate": None, "similarity": None, "margin": None, "runner_up": None} for s in speakers}
    sim = np.stack([speaker_prints[s] for s in speakers]) @ np.stack([cast_prints[n] for n in names]).T
    chosen, scores = {}, {}
    for i, speaker in enumerate(speakers):
        order = np.argsort(-sim[i])
        similarity = float(sim[i, order[0]])
        runner_up = float(sim[i, order[1]]) if len(order) > 1 else -1.0
        scores[speaker] = {"candidate": names[order[0]], "similarity": round(similarity, 3),
                           "margin": round(similarity - runner_up, 3),
                           "runner_up": names[order[1]] if len(order) > 1 else None}
        if similarity >= options.cast_similarity and similarity - runner_up >= options.cast_margin:
            chosen[speaker] = scores[speaker]["candidate"]
    return chosen, scores


def torn_between(scores, options=NamingOptions()):
    """{speaker: (name, name)} for the unnamed speakers alike to two cast names (both at `cast_similarity` or more)
    and clear of neither: two cast voices the clustering made one, to be parted turn by turn."""
    return {speaker: (score["candidate"], score["runner_up"]) for speaker, score in scores.items()
            if score["runner_up"] and score["similarity"] - score["margin"] >= options.cast_similarity
            and score["margin"] < options.cast_margin}


def part_turns(turns, turn_prints, torn, cast_prints, options=NamingOptions()):
    """(turns, {new speaker: name}): each turn of a speaker torn between two names (torn_between) that is clearly
    nearer one of them (by `cast_margin`, its own voice print, `turn_prints[i]`) goes to a new speaker of that
    name; the turns that are not clear keep their speaker and number."""
    new_labels = free_labels({t["speaker"] for t in turns})
    fresh, parted = {}, []
    for i, turn in enumerate(turns):
        pair, vector = torn.get(turn["speaker"]), turn_prints.get(i)
        if pair is None or vector is None:
            parted.append(turn)
            continue
        alike = {name: float(vector @ cast_prints[name]) for name in pair}
        nearer, farther = sorted(pair, key=lambda name: -alike[name])
        if alike[nearer] - alike[farther] < options.cast_margin:
            parted.append(turn)
            continue
        key = (turn["speaker"], nearer)
        if key not in fresh:
            fresh[key] = next(new_labels)
        parted.append({**turn, "speaker": fresh[key]})
    return parted, {label: name for (_, name), label in fresh.items()}


def join_named(turns, names):
    """(turns, names) with the speakers that took one name made one: the voice the clustering split, under the
    label of its part with the most speech, its turns joined where they overlap or touch."""
    talk = {}
    for turn in turns:
        talk[turn["speaker"]] = talk.get(turn["speaker"], 0.0) + turn["end"] - turn["start"]
    keep = {}
    for name in set(names.values()):
        parts = [s for s, n in names.items() if n == name]
        keep.update({s: max(parts, key=lambda p: talk.get(p, 0.0)) for s in parts})
    if all(keep[s] == s for s in keep):
        return turns, names
    spans = {}
    for turn in turns:
        spans.setdefault(keep.get(turn["speaker"], turn["speaker"]), []).append([turn["start"], turn["end"]])
    joined = [Turn(start=a, end=b, speaker=label) for label, own in spans.items() for a, b in join_close(sorted(own))]
    return sorted(joined, key=lambda t: (t["start"], t["end"])), {s: n for s, n in names.items() if keep[s] == s}


def alike_names(cast_prints, threshold):
    """Sentences for each pair of cast names whose voice prints are more alike than `threshold`."""
    return [f"the cast voices of {a} and {b} sound alike (similarity {float(cast_prints[a] @ cast_prints[b]):.2f} "
            f"> {threshold:g}): one may take the other's lines, or neither get a name"
            for a, b in combinations(cast_prints, 2) if float(cast_prints[a] @ cast_prints[b]) > threshold]


def display_names(diarization, configured):
    """The names subtitles and the review page show: the cast's (diarization.json `names`), overridden by the
    config's `diarization.names` entries."""
    return {**((diarization or {}).get("names") or {}), **(configured or {})}
