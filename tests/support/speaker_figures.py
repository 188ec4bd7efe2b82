"""How well a diarization matches a film's reference, as a subtitler would notice it: DER (pyannote.metrics, no
collar, overlapped speech scored), how many voices were found, which voices became one (and whether a woman and
a man did), and whether the short turns of quick exchanges went to the right voice."""

from dataclasses import dataclass

from pyannote.core import Annotation, Segment
from pyannote.metrics.diarization import DiarizationErrorRate

SHORT_TURN_S = 1.0


@dataclass
class SpeakerFigures:
    der: float
    voices: int
    found: int
    merged: list  # groups of reference voices whose speech went mostly to one found speaker
    cross_sex_merges: int  # of those groups, how many hold a woman and a man
    short_turns: int  # reference turns under SHORT_TURN_S
    short_turns_right: float  # share of them whose found speaker is the voice's (under the best mapping)


def annotation(turns):
    """(start, end, label) triples → a pyannote Annotation."""
    result = Annotation()
    for i, (start, end, label) in enumerate(turns):
        result[Segment(start, end), i] = label
    return result


def reference_turns(reference):
    return [(x["start"], x["end"], x["speaker"]) for x in reference["lines"]]


def found_turns(turns):
    return [(t["start"], t["end"], t["speaker"]) for t in turns]


def demo_reference():
    """The demo clip's reference turns (data/demo/sample.rttm) in the shape of a film_like reference."""
    from support import media

    rows = [line.split() for line in media.DEMO_RTTM.read_text().splitlines() if line.strip()]
    return {"lines": [{"start": float(r[3]), "end": float(r[3]) + float(r[4]), "speaker": r[7]} for r in rows]}


def first_turns_heard(reference, turns, count=3):
    """The found speaker holding most of each of the reference's first `count` turns (None: nobody)."""
    heard = []
    for start, end, _ in sorted(reference_turns(reference))[:count]:
        shares = {}
        for t in turns:
            shares[t["speaker"]] = shares.get(t["speaker"], 0) + max(0.0, min(end, t["end"]) - max(start, t["start"]))
        heard.append(max(shares, key=shares.get) if shares and max(shares.values()) > 0 else None)
    return heard


def _overlap_seconds(truth, hypothesis, label):
    """Seconds of `truth` (a Segment) that `hypothesis` gives to `label`."""
    return sum((segment & truth).duration for segment in hypothesis.label_timeline(label).support()
               if segment.intersects(truth))


def speaker_figures(reference, turns, sexes=None) -> SpeakerFigures:
    """Figures of diarization `turns` ([{start, end, speaker}]) against a film_like `reference` (or any dict with
    `lines` of start/end/speaker); `sexes` maps reference voices to f/m."""
    truth, found = annotation(reference_turns(reference)), annotation(found_turns(turns))
    metric = DiarizationErrorRate()
    der = metric(truth, found)
    mapping = metric.optimal_mapping(truth, found)  # found label → reference voice
    dominant = {}
    for voice in truth.labels():
        shares = {label: sum(_overlap_seconds(segment, found, label) for segment in truth.label_timeline(voice))
                  for label in found.labels()}
        dominant[voice] = max(shares, key=shares.get) if shares and max(shares.values()) > 0 else None
    groups = {}
    for voice, label in dominant.items():
        if label is not None:
            groups.setdefault(label, []).append(voice)
    merged = [sorted(voices) for voices in groups.values() if len(voices) > 1]
    sexes = sexes or {}
    cross = sum(len({sexes.get(v) for v in voices} - {None}) > 1 for voices in merged)
    short = [(s, e, who) for s, e, who in reference_turns(reference) if e - s < SHORT_TURN_S]
    right = 0
    for start, end, who in short:
        shares = {label: _overlap_seconds(Segment(start, end), found, label) for label in found.labels()}
        best = max(shares, key=shares.get) if shares else None
        right += best is not None and shares[best] > 0 and mapping.get(best) == who
    return SpeakerFigures(der=der, voices=len(truth.labels()), found=len(found.labels()), merged=merged,
                          cross_sex_merges=cross, short_turns=len(short),
                          short_turns_right=right / len(short) if short else 1.0)
