"""Which diarized speaker is which cast member: voice prints matched one-to-one, and a name given only where
the match is clear. A wrong name on a subtitle is worse than SPEAKER_03, so a speaker that is not clearly one
cast member (too unlike every name, or about as like two of them, or a name about as like two speakers) keeps
its number."""

from dataclasses import dataclass
from itertools import combinations

import numpy as np

from cinescribe.runtime.options import StageOptions


@dataclass
class NamingOptions(StageOptions):
    """`diarization.cast_*` in config/schema.yaml (where their defaults' measurements are written)."""

    cast_similarity: float = 0.7
    cast_margin: float = 0.15
    cast_same_voice: float = 0.5
    cast_alike: float = 0.5
    cast_speaker_s: float = 60.0


def _runner_up(values, skip):
    rest = np.delete(values, skip)
    return float(rest.max()) if len(rest) else -1.0


def match_names(speaker_prints, cast_prints, options=NamingOptions()):
    """({speaker: name} for the clear matches, {speaker: score}). A score holds the name the one-to-one
    assignment offered the speaker (`candidate`, null when there were more speakers than names), its cosine
    `similarity` and its `margin` over the runner-up name of that speaker and runner-up speaker of that name;
    and `closest`, the most alike name whatever the assignment, with `closest_similarity`."""
    from scipy.optimize import linear_sum_assignment

    speakers, names = sorted(speaker_prints), list(cast_prints)
    empty = {"candidate": None, "similarity": None, "margin": None, "closest": None, "closest_similarity": None}
    if not speakers or not names:
        return {}, {s: dict(empty) for s in speakers}
    sim = np.stack([speaker_prints[s] for s in speakers]) @ np.stack([cast_prints[n] for n in names]).T
    chosen = {}
    scores = {s: {**empty, "closest": names[int(sim[i].argmax())], "closest_similarity": round(float(sim[i].max()), 3)}
              for i, s in enumerate(speakers)}
    for i, j in zip(*linear_sum_assignment(-sim)):
        similarity = float(sim[i, j])
        margin = similarity - max(_runner_up(sim[i], j), _runner_up(sim[:, j], i))
        scores[speakers[i]].update(candidate=names[j], similarity=round(similarity, 3), margin=round(margin, 3))
        if similarity >= options.cast_similarity and margin >= options.cast_margin:
            chosen[speakers[i]] = names[j]
    return chosen, scores


def alike_names(cast_prints, threshold):
    """Sentences for each pair of cast names whose voice prints are more alike than `threshold`."""
    return [f"the cast voices of {a} and {b} sound alike (similarity {float(cast_prints[a] @ cast_prints[b]):.2f} "
            f"> {threshold:g}): one may take the other's lines, or neither get a name"
            for a, b in combinations(cast_prints, 2) if float(cast_prints[a] @ cast_prints[b]) > threshold]


def display_names(diarization, configured):
    """The names subtitles and the review page show: the cast's (diarization.json `names`), overridden by the
    config's `diarization.names` entries."""
    return {**((diarization or {}).get("names") or {}), **(configured or {})}
