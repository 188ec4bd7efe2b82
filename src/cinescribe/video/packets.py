"""Shot changes from the compressed stream: packet sizes pick the frames worth looking at, and only those are
decoded, each on its own ("cold": without the frames it refers to). The encoder's own choices say where the
shots change; a frame decoded cold says which choices it made.

A frame that starts a new shot cannot be predicted from the shot before, so the encoder codes it intra: an
I-frame (a keyframe, or not), or a P-frame far larger than the P-frames around it. B-frames shown before that
P-frame but decoded after it lean on it when they belong to the new shot, on the frame before when they belong
to the old one.

1. Every packet of the picture is demuxed, not decoded (pts, size, keyframe flag: some 12 µs a packet). A
   packet shown after every packet decoded before it is an anchor (I or P); the others are B-frames. Frames
   are numbered in display order (by pts). Candidates: keyframes, and anchors `packet_ratio` times the median
   size of the anchors around them (4 × context_s either side).
2. Each candidate is decoded cold, exporting its motion vectors (FFmpeg's export_mvs): blocks without one
   are intra, blocks with one point to an earlier or a later frame. Missing references decode as grey.
   - A P-frame with at least half its blocks intra is a cut (fewer: the same shot; its picture, grey where it
     leaned on the frames it lacked, cannot be compared with anything).
   - An I-frame decodes exactly. It is a cut when its colours (Y, U, V histograms of the 64×36 thumbnail)
     differ by `packet_difference` % or more from the last I-frame of the shot; when the anchor just before a
     keyframe is coded intra (x264 may code the new shot's first frame small, its IDR frame one frame late);
     or when the B-frame shown just before it leans on it alone.
   - The cut is placed on the first frame shown from which every B-frame up to the candidate leans on the
     later frame (its group decoded cold together): the exact frame.
3. Of two cuts closer than min_shot_s the one coded more intra is kept (a fade's last frame coded intra just
   before the cut); two I-frames within FLASH_FRAMES whose second returns to the picture before the first are
   a flash, no cut.

Not seen: a cut onto a periodic keyframe when the shot before began with a P-frame in the same keyframe
interval (no exact picture of that shot to compare with): 1 of 155 cuts of the bench film.

Where it cannot work it hands over to the frame detector (shots.py), saying why: an intra-only codec (every
packet a keyframe: MJPEG, ProRes, DNxHD), a codec other than H.264 (whose decoder shows a frame whose references
are missing, grey where they are, with its motion vectors; HEVC was tried: 0 of 7 cuts on the test clips,
x265 through FFmpeg), no keyframe flags, fewer than MIN_PACKETS packets, no B-frames (x264 ultrafast: it codes a
cut mostly inter, a third of its blocks intra, and finds 0 of 9 cuts), or an encoder that marked no cut (no
P-frame stands out by size and the keyframes keep a fixed interval: x264 superfast on a grainy 640x360 picture,
0 of 9 cuts).
"""

import logging
import statistics
from bisect import bisect_left

import av
import numpy as np

from cinescribe.audio.media import open_media
from cinescribe.video.streams import picture_stream

log = logging.getLogger(__name__)

DETECTOR = "cinescribe-packets-cold-decode"
COLD_CODECS = {"h264"}  # decoders that show a frame without its references and export its motion vectors
MIN_PACKETS = 24
MIN_INTRA = 0.5  # share of intra blocks that makes a P-frame the first of a new shot
GREY = 3.0  # a thumbnail cell within this of 128 in Y, U and V is the decoder's grey for a missing frame
WHOLE = 0.99  # … and that makes it an I-frame (every block intra: its picture decodes exactly)
FLASH_FRAMES = 3


class Unsuitable(Exception):
    """The packets cannot tell the cuts: the reason, for the log line that hands over to the frame detector."""


def scan(path):
    """(codec name, [(pts, size, keyframe)] in decode order, time base) of the film's picture, None without one."""
    with open_media(path) as container:
        stream = picture_stream(container)
        if stream is None or stream.codec_context is None:
            return None
        packets = [(p.pts, p.size, p.is_keyframe) for p in container.demux(stream) if p.pts is not None and p.size]
        return stream.codec_context.name, packets, stream.time_base


def check(codec, packets):
    """Raise Unsuitable when the packet detector cannot work on these packets."""
    keys = sum(1 for _, _, key in packets if key)
    if len(packets) < MIN_PACKETS:
        raise Unsuitable(f"only {len(packets)} video packets")
    if keys == len(packets):
        raise Unsuitable(f"every packet is a keyframe (intra-only {codec})")
    if keys == 0:
        raise Unsuitable("no packet is flagged as a keyframe")
    if codec not in COLD_CODECS:
        raise Unsuitable(f"{codec} is not H.264")


def unmarked(packets, chosen):
    """Whether the encoder marked no cut: no P-frame stands out by its size, and the keyframes stand on a fixed
    grid (x264 ultrafast, or superfast on a grainy picture). Then the packets say nothing of the cuts."""
    keys = [i for i, (_, _, key) in enumerate(packets) if key]
    gaps = {b - a for a, b in zip(keys, keys[1:])}
    return all(packets[i][2] for i in chosen) and len(gaps) <= 1


def anchors_of(packets):
    """Decode indices of the anchors: packets shown after every packet decoded before them (I and P frames)."""
    anchors, highest = [], None
    for i, (pts, _, _) in enumerate(packets):
        if highest is None or pts > highest:
            anchors.append(i)
            highest = pts
    return anchors


def _local_ratios(indices, packets, context):
    """{decode index: its size over the median size of the `context` like frames either side of it}."""
    sizes = [packets[i][1] for i in indices]
    ratios = {}
    for n, i in enumerate(indices):
        around = sizes[max(0, n - context): n] + sizes[n + 1: n + 1 + context]
        ratios[i] = sizes[n] / max(1.0, statistics.median(around)) if around else 1.0
    return ratios


def candidates(packets, anchors, context, ratio):
    """Decode indices of the anchors worth decoding: keyframes, and P-frames `ratio` times the median size of
    the `context` P-frames either side of them."""
    plain = [i for i in anchors if not packets[i][2]]
    ratios = _local_ratios(plain, packets, context)
    return sorted({i for i in anchors if packets[i][2]} | {i for i in plain if ratios[i] >= ratio})


def groups_of(packets, anchors, chosen):
    """For each candidate: (its packet and the B-frames decoded after it and shown before it; the anchor before
    it and that anchor's B-frames), as decode indices."""
    anchor_at = {a: n for n, a in enumerate(anchors)}
    groups = []
    for i in chosen:
        end = i + 1
        while end < len(packets) and packets[end][0] < packets[i][0]:
            end += 1
        before = list(range(anchors[anchor_at[i] - 1], i)) if anchor_at[i] > 0 else []
        groups.append((list(range(i, end)), before))
    return groups


def _decoder(stream):
    decoder = av.CodecContext.create(stream.codec_context.name, "r")
    decoder.extradata = stream.codec_context.extradata
    decoder.thread_count = 1
    # show what decodes without its references; export each block's motion vector (where it was predicted
    # from: intra blocks have none); no deblocking, as in shots.py
    decoder.options = {"flags2": "+showall+export_mvs", "flags": "+output_corrupt", "skip_loop_filter": "all"}
    return decoder


def _blocks(frame):
    """(intra, past, future): boolean 16×16-block maps of the frame: blocks with no motion vector (coded
    intra), blocks predicted from an earlier frame, from a later one."""
    rows, cols = -(-frame.height // 16), -(-frame.width // 16)
    inter, past, future = (np.zeros((rows, cols), bool) for _ in range(3))
    vectors = frame.side_data.get("MOTION_VECTORS")
    if vectors is not None:
        v = vectors.to_ndarray()
        r = np.clip(v["dst_y"].astype(np.intp) // 16, 0, rows - 1)
        c = np.clip(v["dst_x"].astype(np.intp) // 16, 0, cols - 1)
        inter[r, c] = True
        earlier = v["source"] < 0
        past[r[earlier], c[earlier]] = True
        future[r[~earlier], c[~earlier]] = True
    return ~inter, past, future


class Picture:
    """A frame decoded cold: its thumbnail, its shares of intra blocks, of blocks predicted from an earlier
    frame and from a later one, and whether FFmpeg gave up on it."""

    def __init__(self, frame, thumbnail, key):
        self.thumb = thumbnail(frame)
        intra, past, future = _blocks(frame)
        key = key or frame.pict_type == av.video.frame.PictureType.I  # every block intra: the picture is exact
        # FFmpeg gives up on some P- and B-frames whose references are missing (no motion vectors at all)
        self.failed = not key and "MOTION_VECTORS" not in frame.side_data
        # a missing reference decodes as grey: a frame that is mostly grey was mostly predicted, whatever the
        # motion vectors said (FFmpeg exports none for some frames)
        grey = float((np.abs(self.thumb - 128) <= GREY).all(axis=0).mean())
        self.intra = 1.0 if key else min(float(intra.mean()), 1 - grey)
        self.past = 0.0 if key else float(past.mean())
        self.future = 0.0 if key else float(future.mean())

    def difference(self, other):
        """How far apart two exact pictures are, motion aside: half the L1 distance of their Y, U and V
        histograms (16 bins), averaged over the planes, in percent (0: the same colours, 100: none shared).
        Frames an I-frame apart in a panning shot share their colours; the shots either side of a cut
        seldom do."""
        return float(np.mean([np.abs(a - b).sum() / 2 for a, b in zip(self.histograms, other.histograms)]) * 100)

    @property
    def histograms(self):
        return [np.histogram(plane, bins=16, range=(0, 256))[0] / plane.size for plane in self.thumb]


def decode_cold(decoder, packets, thumbnail):
    """{pts: Picture} of the packets, decoded together after a flush (nothing from before them)."""
    decoder.flush_buffers()
    try:
        frames = [frame for packet in packets for frame in decoder.decode(packet)]
        frames += decoder.decode(None)
    except av.error.FFmpegError as err:
        log.debug("shots: packets did not decode (%s)", err)
        return {}
    keys = {packet.pts for packet in packets if packet.is_keyframe}
    return {frame.pts: Picture(frame, thumbnail, frame.pts in keys) for frame in frames}


def detect_cuts(path, options, frame_rate, thumbnail):
    """Times (s) of the first frame of each new shot; raises Unsuitable where the frame detector must do it."""
    scanned = scan(path)
    if scanned is None:
        return []
    codec, packets, time_base = scanned
    check(codec, packets)
    frame_s = 1 / float(frame_rate)
    anchors = anchors_of(packets)
    if len(anchors) == len(packets):
        raise Unsuitable("no B-frames (x264 ultrafast or the baseline profile, which code a cut mostly as inter)")
    context = max(8, round(4 * options.context_s / frame_s * len(anchors) / len(packets)))  # anchors
    chosen = candidates(packets, anchors, context, options.packet_ratio)
    if unmarked(packets, chosen):
        raise Unsuitable("no P-frame stands out by its size and the keyframes keep a fixed interval")
    groups = dict(zip(chosen, groups_of(packets, anchors, chosen)))
    shown = sorted(p[0] for p in packets)  # pts in display order: a frame's number is its place here
    min_shot = max(1, round(options.min_shot_s / frame_s))
    last_use = {i: c for c in chosen for part in groups[c] for i in part}
    cuts = []  # [frame number, pts, an I-frame, intra share, the exact picture before]
    state = {"exact": None, "cut_since": False, "decoded": 0, "inter": []}
    anchor_at = {a: n for n, a in enumerate(anchors)}

    def locate(members, start_pts):
        """The first frame shown from which every frame up to start_pts leans on the new shot (on the later
        frame, not the earlier)."""
        for pts in sorted((p for p in members if p < start_pts), reverse=True):
            if members[pts].past >= 0.5 or members[pts].future < 0.5:
                break  # leans on the frame before, or on none (a fade's last frame coded intra): the old shot
            start_pts = pts
        return start_pts

    def first_of_shot(before, held, decoder):
        """Whether the anchor before a keyframe is coded intra: the new shot's first frame, coded small (x264
        puts its IDR frame one late). Its group's pictures are kept for locate."""
        members = decode_cold(decoder, [held[k] for k in before], thumbnail)
        state["decoded"] += len(members)
        first = members.get(packets[before[0]][0])
        state["before"] = members if first is not None and MIN_INTRA <= first.intra < WHOLE else None
        return state["before"] is not None

    def leans_on_it(own_group, held, decoder):
        """Whether the B-frame shown just before an I-frame leans on it alone: the new shot began before it."""
        if len(own_group) < 2:
            return False
        members = decode_cold(decoder, [held[k] for k in own_group], thumbnail)
        state["decoded"] += len(members)
        shown_before = [pts for pts in members if pts < packets[own_group[0]][0]]
        state["group"] = members
        return bool(shown_before) and members[max(shown_before)].past < 0.5

    def judge(i, held, decoder):
        state["before"] = state["group"] = None
        anchor = held[i]
        own_group, before = groups[i]
        recent = state["inter"]
        while recent and anchor_at[i] - recent[0][0] > context:
            recent.pop(0)
        if (not packets[i][2] and options.packet_like_inter
                and any(packets[i][1] <= options.packet_like_inter * size for _, size in recent)):
            return  # no larger than a P-frame just found predicted: another of the encoder's periodic big P-frames
        own = decode_cold(decoder, [anchor], thumbnail).get(anchor.pts)
        state["decoded"] += 1
        if own is not None and own.failed and before:  # again, after the frames before it (decoded grey)
            own = decode_cold(decoder, [held[k] for k in before] + [anchor], thumbnail).get(anchor.pts)
            state["decoded"] += len(before) + 1
        if own is not None:
            log.debug("candidate %.3f key=%s size=%d intra=%.2f past=%.2f failed=%s", float(anchor.pts * time_base),
                      packets[i][2], packets[i][1], own.intra, own.past, own.failed)
        if own is not None and not own.failed and own.intra < MIN_INTRA:
            recent.append((anchor_at[i], packets[i][1]))
        if own is None or own.failed or own.intra < MIN_INTRA:
            return  # mostly predicted from frames before it: the same shot
        whole = own.intra >= WHOLE  # an I-frame: its picture is exact
        exact = state["exact"]
        if whole:
            state["exact"] = own
            diff = own.difference(exact) if exact is not None and not state["cut_since"] else 0.0
            log.debug("I-frame %.3f: %.1f from the last", float(anchor.pts * time_base), diff)
            state["cut_since"] = False
            if (diff < options.packet_difference
                    and not (packets[i][2] and before and first_of_shot(before, held, decoder))
                    and not leans_on_it(own_group, held, decoder)):
                return  # the same shot (or nothing exact of this shot to compare with)
        start_pts = anchor.pts
        if len(own_group) > 1:
            members = state["group"] or decode_cold(decoder, [held[k] for k in own_group], thumbnail)
            state["decoded"] += len(members)
            start_pts = locate(members, start_pts)
        if start_pts == anchor.pts and state["before"] is not None:
            start_pts = locate(state["before"], packets[before[0]][0])
        number = bisect_left(shown, start_pts)
        if cuts and number - cuts[-1][0] < min_shot:
            last_number, _, last_whole, last_intra, last_before = cuts[-1]
            if whole and last_whole and number - last_number <= FLASH_FRAMES + 1 and exact is not None \
                    and last_before is not None and own.difference(last_before) < options.packet_difference:
                cuts.pop()  # a flash: the picture before it came back
                return
            if own.intra <= last_intra:
                return
            cuts.pop()  # of two, the frame coded more intra: a fade's last frames before the cut, a flash
        cuts.append([number, start_pts, whole, own.intra, exact if whole else None])
        state["cut_since"] = not whole

    with open_media(path) as container:
        stream = picture_stream(container)
        decoder = _decoder(stream)
        held, index = {}, -1
        ends = {groups[c][0][-1]: c for c in chosen}
        for packet in container.demux(stream):
            if packet.pts is None or not packet.size:
                continue
            index += 1
            if index in last_use:
                held[index] = packet
            if index in ends:
                c = ends[index]
                judge(c, held, decoder)
                for k in [k for k in held if last_use[k] <= c]:
                    del held[k]
    log.debug("shots: %d packets, %d candidates, %d frames decoded", len(packets), len(chosen), state["decoded"])
    first_pts = shown[0]
    return [round(float(pts * time_base), 3) for _, pts, *_ in cuts if pts > first_pts]
