"""Who the speakers of a film are: two-stage clustering of voice prints, calibrated on the film itself.

Clustering is local then global so cost grows linearly with film length: windows are grouped inside blocks
of consecutive speech (pure, over-split clusters), and the blocks' clusters are then joined across the whole
film. A voice that recurs in every scene thus meets itself as a few strong centroids instead of thousands of
noisy windows. The largest matrices are a block's (400 x 400) and the local clusters' (a few hundred square).

Joining is by centroid similarity on the raw voice prints: one voice alone stays one cluster because nothing
crosses that threshold. A fixed cosine threshold does not carry from film to film, though: voices one
synthesiser made sit closer than one voice does to itself across a music bed and a ringing room. With
`voice_similarity` set (opt-in) and two or more voices found, the prints are measured again against the
film's own mean print (what all its voices and its sound share), and local clusters are one voice only when
every pair of them is alike there (complete linkage: no chain of in-between clusters joins two voices). That
keeps such voices apart, but also pulls together voices of a kind the film has few of (README: Speakers).
"""

import logging

import numpy as np

from cinescribe.diarization.models.speaker_encoder import unit

log = logging.getLogger(__name__)


class Merger:
    """Centroid-linkage merging of voice clusters: the two whose summed voice prints point most alike merge.

    A centroid of many windows is a far steadier voice print than any window (windows of one voice meet at
    ~0.65, the centroids of its scenes at > 0.85), so the threshold can sit between voices. Only sums are
    kept, and one row of the k x k similarity matrix is updated per merge.
    """

    def __init__(self, sums, seconds, links=None, min_links=1):
        self.sums, self.seconds = sums.astype(np.float64), seconds.astype(np.float64)
        self.links = np.zeros((len(sums), len(sums)), int) if links is None else links.copy()
        self.min_links = max(1, min_links)
        self.owner = np.arange(len(sums))  # initial cluster → the cluster it now belongs to
        self.alive = np.ones(len(sums), bool)
        prints = unit(self.sums)
        self.score = prints @ prints.T
        np.fill_diagonal(self.score, -np.inf)

    @property
    def count(self):
        return int(self.alive.sum())

    def best_pair(self, rows=None, heed_apart=True):
        """The highest-scoring pair of live clusters (optionally with one side among `rows`) and its score;
        pairs segmentation heard apart at least `min_links` times are passed over unless `heed_apart` is False."""
        live = self.alive if rows is None else self.alive & rows
        allowed = live[:, None] & self.alive[None, :]
        if heed_apart:
            allowed &= self.links < self.min_links
        masked = np.where(allowed, self.score, -np.inf)
        i, j = np.unravel_index(np.argmax(masked), masked.shape)
        return int(i), int(j), float(masked[i, j])

    def merge(self, i, j):
        keep, gone = (i, j) if self.seconds[i] >= self.seconds[j] else (j, i)
        self.sums[keep] += self.sums[gone]
        self.seconds[keep] += self.seconds[gone]
        self.alive[gone] = False
        self.links[keep] += self.links[gone]  # verdicts add up as clusters grow
        self.links[:, keep] = self.links[keep]
        self.owner[self.owner == gone] = keep
        row = unit(self.sums) @ unit(self.sums[keep])
        row[keep] = -np.inf
        self.score[keep], self.score[:, keep] = row, row

    def merge_above(self, threshold, floor=1, heed_apart=True):
        while self.count > floor:
            i, j, score = self.best_pair(heed_apart=heed_apart)
            if score < threshold:
                return
            self.merge(i, j)

    def absorb_minor(self, min_seconds, floor, similarity=-np.inf, heed_apart=False):
        """Clusters with less speech than `min_seconds` join the voice they resemble most: with the default
        `similarity`, any cluster too small for a speaking part; with one set, only a cluster at least that alike
        to another (a piece of a voice, its lines under a music bed or the edges of its turns: fragments sat at
        0.5-0.7 on both speakers films, voices with a small part below 0.4)."""
        while self.count > floor:
            small = self.alive & (self.seconds < min_seconds)
            if not small.any():
                return
            i, j, score = self.best_pair(rows=small, heed_apart=heed_apart)
            if score < similarity:
                return
            self.merge(i, j)

    def labels(self):
        return np.unique(self.owner, return_inverse=True)[1]


def local_clusters(embeddings, opts):
    """Stage 1: average-linkage clusters inside blocks of consecutive windows, cut strictly (over-split, pure).

    Blocks keep the pairwise matrix at `block_windows` squared, so memory stays flat in film length.
    """
    from scipy.cluster.hierarchy import fcluster, linkage

    labels, offset = np.zeros(len(embeddings), int), 0
    for first in range(0, len(embeddings), opts.block_windows):
        block = embeddings[first:first + opts.block_windows].astype(np.float64)
        local = np.ones(len(block), int) if len(block) < 2 else fcluster(
            linkage(block, method="average", metric="cosine"), t=1 - opts.window_similarity, criterion="distance")
        labels[first:first + len(block)] = offset + local - 1
        offset += local.max()
    return labels


def speaker_count_bounds(opts):
    return (opts.num_speakers, opts.num_speakers) if opts.num_speakers else (opts.min_speakers, opts.max_speakers)


def heard_apart_links(heard, local, count):
    """How many segmentation windows heard each pair of local clusters as two people (`heard`:
    diarization.heard_apart.voices_heard_apart), a symmetric matrix. Each group of windows stands for the
    local cluster most of them belong to."""
    links = np.zeros((count, count), int)
    for groups in heard:
        owners = sorted({int(np.bincount(local[group]).argmax()) for group in groups})
        for n, a in enumerate(owners):
            for b in owners[n + 1:]:
                links[a, b] += 1
                links[b, a] += 1
    return links


def global_labels(local, windows, opts, hear_apart=None):
    """Stage 2 on raw prints: the blocks' clusters merged across the film by centroid similarity (never two
    that segmentation heard apart), minor ones absorbed, the count kept in bounds. Whether the film has one
    voice or more is decided without the segmentation's verdicts, so one narrator stays one speaker."""
    sums = np.zeros((local.max() + 1, windows.embeddings.shape[1]))
    np.add.at(sums, local, windows.embeddings)
    seconds = np.bincount(local, weights=windows.seconds, minlength=len(sums))
    low, high = speaker_count_bounds(opts)

    merger = Merger(sums, seconds)
    merger.merge_above(opts.speaker_similarity, floor=low)
    heard = hear_apart(local) if hear_apart and opts.apart_links and merger.count > 1 else ()
    if heard:
        merger = Merger(sums, seconds, heard_apart_links(heard, local, len(sums)), opts.apart_links)
        merger.merge_above(opts.speaker_similarity, floor=low)
    merger.absorb_minor(opts.min_speaker_s, floor=low)
    if opts.fragment_s:
        merger.absorb_minor(opts.fragment_s, floor=low, similarity=opts.fragment_similarity, heed_apart=True)
    merger.merge_above(-np.inf, floor=high, heed_apart=False)
    warn_if_count_forced(merger, low, opts.speaker_similarity)
    return merger.labels()[local]


def warn_if_count_forced(merger, low, threshold):
    """Say so when a minimum (or fixed) count keeps apart clusters that sound like one voice, or cannot be met."""
    if merger.count < low:
        log.warning("cinescribe: %d speakers were asked for but only %d distinct voice clusters were heard; "
                    "using %d", low, merger.count, merger.count)
    elif low > 1 and merger.count > 1 and merger.best_pair()[2] >= threshold:
        log.warning("cinescribe: %d speakers were asked for, so voices as alike as %.2f are kept apart "
                    "(one voice above diarization.speaker_similarity %.2f); the film may have fewer speakers",
                    low, merger.best_pair()[2], threshold)


def film_voices(local, windows, opts):
    """Stage 2 on film-centred prints: complete linkage over the local clusters with enough speech to be
    a voice print, each smaller one then joining the voice it resembles most, minor voices absorbed."""
    from scipy.cluster.hierarchy import fcluster, linkage

    sums = np.zeros((local.max() + 1, windows.embeddings.shape[1]))
    np.add.at(sums, local, windows.embeddings)
    seconds = np.bincount(local, weights=windows.seconds, minlength=len(sums))
    prints = unit(sums)
    solid = seconds >= opts.min_cluster_s
    if solid.sum() < 2:
        solid = seconds >= np.sort(seconds)[-2]  # the two largest at least, or nothing is compared
    low, high = speaker_count_bounds(opts)
    tree = linkage(prints[solid], method="complete", metric="cosine")
    voice = fcluster(tree, t=1 - opts.voice_similarity, criterion="distance")
    if not low <= voice.max() <= high:
        voice = fcluster(tree, t=int(np.clip(voice.max(), low, high)), criterion="maxclust")
    labels = np.zeros(len(sums), int)
    labels[solid] = voice - 1
    voice_prints = unit(np.stack([sums[solid][voice == k].sum(0) for k in range(1, voice.max() + 1)]))
    labels[~solid] = np.argmax(prints[~solid] @ voice_prints.T, axis=1)
    merger = Merger(np.stack([sums[labels == k].sum(0) for k in range(voice.max())]),
                    np.bincount(labels, weights=seconds, minlength=voice.max()))
    merger.absorb_minor(opts.min_speaker_s, floor=low)
    return merger.labels()[labels][local]


def cluster(windows, opts, hear_apart=None):
    """Speaker label per clustering window, and the film's mean voice print the labels were found against
    (None: the raw prints): the frame-level assignment measures its windows against the same centre.
    `hear_apart`: stage 1's labels → the groups of windows segmentation heard as different people
    (diarization.heard_apart), asked only once the local clusters are known."""
    if len(windows.embeddings) < 2 or speaker_count_bounds(opts)[1] == 1:
        return np.zeros(len(windows.embeddings), int), None
    local = local_clusters(windows.embeddings, opts)
    labels = global_labels(local, windows, opts, hear_apart)
    if labels.max() == 0 or opts.voice_similarity is None:
        return labels, None
    centre = windows.embeddings.mean(0)
    centred = type(windows)(unit(windows.embeddings - centre), windows.centres, windows.seconds)
    return film_voices(local_clusters(centred.embeddings, opts), centred, opts), centre
