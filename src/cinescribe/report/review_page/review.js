// cinescribe review page: timeline, audio, flagged cue list and in-place fixes. No network, no libraries.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("review-data").textContent);
  const $ = (id) => document.getElementById(id);
  const audio = $("audio"), canvas = $("timeline"), list = $("cues");
  const FLAGS = {
    unsure: "Unsure words", timing: "Timing rules", glossary: "Glossary fixes", condensed: "Condensed",
    alignment: "Alignment",
    guard: "Guard removals",
    unsubtitled: "Speech without subtitles", seam: "Chunk seams", speaker: "Speaker changes", edited: "Edited",
  };
  const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd"];
  const state = { track: 0, filter: null, flaggedOnly: false, view: [0, Math.max(data.duration, 1)], current: -1 };
  let rows = [];  // cue index → row element of the current list

  // ---------- helpers ----------
  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;  // text is never parsed as HTML
    return node;
  }
  function clock(t, sep, digits) {
    const ms = Math.round(t * 1000), h = Math.floor(ms / 3600000), m = Math.floor(ms / 60000) % 60;
    const s = Math.floor(ms / 1000) % 60, rest = ms % 1000;
    const pad = (v, n) => String(v).padStart(n, "0");
    return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}` + (digits === 0 ? "" : `${sep}${pad(rest, 3)}`);
  }
  function speakerColour(name) {
    const i = data.speakers.indexOf(name);
    return i < 0 ? "#999" : (i < PALETTE.length ? PALETTE[i] : `hsl(${(i * 137.5) % 360}, 55%, 45%)`);
  }
  function lowerBound(items, t, key) {  // first index whose key >= t (items sorted by key)
    let lo = 0, hi = items.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (key(items[mid]) < t) lo = mid + 1; else hi = mid; }
    return lo;
  }

  // ---------- edits, kept in this browser ----------
  const track = () => data.tracks[state.track] || { language: "none", cues: [] };
  // Edits belong to this page file: two results folders with a job of the same name keep theirs apart.
  const storeKey = () => `cinescribe-review:${location.pathname}:${data.job}:${track().language}`;
  function loadEdits() {  // an edit applies only to the cue it was made on (a re-run may renumber cues)
    let stored = {};
    try { stored = JSON.parse(localStorage.getItem(storeKey()) || "{}"); } catch (err) { return {}; }
    const cues = track().cues;
    return Object.fromEntries(Object.entries(stored).filter(([i, edit]) =>
      cues[i] && edit.original === `${cues[i].start} ${cues[i].lines.join("\n")}`));
  }
  let edits = loadEdits();
  function saveEdits() {
    try { localStorage.setItem(storeKey(), JSON.stringify(edits)); }
    catch (err) { $("status").textContent = "Edits cannot be kept in this browser (storage is off or full)."; }
  }
  const cueLines = (i) => (edits[i] && edits[i].lines) || track().cues[i].lines;
  const cueSpeaker = (i) => (edits[i] && edits[i].speaker !== undefined ? edits[i].speaker
    : track().cues[i].speaker || track().cues[i].speakers.join(" / "));
  function flagsOf(i) {
    const flags = Object.assign({}, track().cues[i].flags);
    if (edits[i]) flags.edited = true;
    return flags;
  }
  const removedRows = () => (track().source ? data.removed : []);
  // Rows between cues: text the guard removed, and speech VAD heard that no cue covers (source track only).
  const gapRows = () => (track().source ? data.removed.map((r) => ({ ...r, kind: "guard" }))
    .concat(data.unsubtitled.map(([start, end]) => ({ start, end, kind: "unsubtitled" })))
    .sort((a, b) => a.start - b.start) : []);

  // ---------- header ----------
  function renderHeader() {
    $("job").textContent = data.job;
    const select = $("track");
    select.replaceChildren(...data.tracks.map((t, i) => {
      const option = el("option", null, t.language + (t.source ? " (film)" : " (translation)"));
      option.value = String(i);
      return option;
    }));
    select.value = String(state.track);
    select.disabled = data.tracks.length < 2;
    $("absent").replaceChildren(...data.absent.map((note) => el("li", null, note)));
    $("legend").replaceChildren(...data.speakers.map((name) => {
      const item = el("span", null);
      const swatch = el("i");
      swatch.style.background = speakerColour(name);
      item.append(swatch, document.createTextNode(name));
      return item;
    }));
  }
  function renderCounts() {
    const counts = Object.fromEntries(Object.keys(FLAGS).map((k) => [k, 0]));
    track().cues.forEach((cue, i) => { for (const k of Object.keys(flagsOf(i))) counts[k] += 1; });
    counts.guard = removedRows().length;
    counts.unsubtitled = track().source ? data.unsubtitled.length : 0;
    $("counts").replaceChildren(...Object.entries(FLAGS).map(([key, label]) => {
      const button = el("button", (state.filter === key ? "on" : "") + (counts[key] ? "" : " none"),
        `${label}: ${counts[key]}`);
      button.type = "button";
      button.dataset.flag = key;
      button.addEventListener("click", () => { state.filter = state.filter === key ? null : key; renderList(); });
      return button;
    }));
  }

  // ---------- cue list ----------
  function textNode(i) {
    const box = el("div", "text");
    box.contentEditable = "true";
    box.spellcheck = false;
    const cue = track().cues[i];
    if (edits[i] && edits[i].lines) {
      box.textContent = edits[i].lines.join("\n");
      return box;
    }
    cue.tokens.forEach((line, n) => {
      let plain = n ? "\n" : "";
      line.forEach(([token, p], k) => {
        const gap = k ? " " : "";
        if (p === null || p >= data.min_probability) { plain += gap + token; return; }
        box.append(document.createTextNode(plain + gap));
        plain = "";
        const span = el("span", "u", token);
        span.style.background = `rgba(230, 80, 40, ${(0.25 + 0.6 * (1 - p / data.min_probability)).toFixed(2)})`;
        span.title = `Whisper's confidence: ${Math.round(p * 100)} %`;
        box.append(span);
      });
      if (plain) box.append(document.createTextNode(plain));
    });
    if (!cue.tokens.length) box.textContent = cue.lines.join("\n");
    return box;
  }
  function flagBadges(flags) {
    const box = el("div", "flags");
    if (flags.unsure) box.append(el("span", "flag unsure", `unsure: ${flags.unsure.join(", ")}`));
    if (flags.timing) flags.timing.forEach((rule) => box.append(el("span", "flag timing", rule)));
    if (flags.glossary) flags.glossary.forEach((fix) => box.append(el("span", "flag glossary", `glossary: ${fix}`)));
    if (flags.condensed) flags.condensed.forEach((cut) => box.append(el("span", "flag condensed", `dropped: ${cut}`)));
    if (flags.alignment) box.append(el("span", "flag alignment", flags.alignment));
    if (flags.seam) box.append(el("span", "flag seam", "chunk seam"));
    if (flags.speaker) box.append(el("span", "flag speaker", "speaker change"));
    if (flags.edited) box.append(el("span", "flag edited", "edited"));
    return box;
  }
  function cueRow(i) {
    const cue = track().cues[i], flags = flagsOf(i);
    const row = el("div", "cue");
    row.dataset.i = String(i);
    if (Object.keys(flags).length) row.classList.add("flagged");
    if (flags.edited) row.classList.add("edited");
    if (cue.song) row.classList.add("song");
    const speaker = el("div", "speaker");
    speaker.contentEditable = "true";
    speaker.spellcheck = false;
    if (edits[i] && edits[i].speaker !== undefined) speaker.textContent = edits[i].speaker;
    else cue.speakers.forEach((name, k) => {  // each voice of a dialogue cue in its own colour
      if (k) speaker.append(document.createTextNode(" / "));
      const label = el("span", null, name);
      label.style.color = speakerColour(name);
      speaker.append(label);
    });
    row.append(el("div", "n", String(i + 1)), el("div", "time", clock(cue.start, ".", 1).slice(0, 10)),
      speaker, textNode(i), flagBadges(flags));
    return row;
  }
  function gapRow(r) {
    const box = el("div", r.kind === "guard" ? "removed" : "unsubtitled");
    box.dataset.start = String(r.start);
    if (r.kind === "guard") {
      box.append(el("b", null, `${clock(r.start, ".").slice(0, 10)} removed by the guard (${r.reason}): `),
        el("s", null, r.text));
    } else {
      box.append(el("b", null, `${clock(r.start, ".").slice(0, 10)} speech without subtitles`),
        document.createTextNode(` (${(r.end - r.start).toFixed(1)} s): play it to hear what is said`));
    }
    return box;
  }
  function visible(i) {
    const flags = flagsOf(i);
    if (state.filter) return !["guard", "unsubtitled"].includes(state.filter) && Boolean(flags[state.filter]);
    return !state.flaggedOnly || Object.keys(flags).length > 0;
  }
  function renderList() {
    const cues = track().cues, gaps = gapRows(), fragment = document.createDocumentFragment();
    rows = new Array(cues.length);
    const shown = (r) => !state.filter || state.filter === r.kind;
    let r = 0;
    for (let i = 0; i < cues.length; i++) {
      for (; r < gaps.length && gaps[r].start < cues[i].start; r++) if (shown(gaps[r])) fragment.append(gapRow(gaps[r]));
      if (!visible(i)) continue;
      rows[i] = cueRow(i);
      fragment.append(rows[i]);
    }
    for (; r < gaps.length; r++) if (shown(gaps[r])) fragment.append(gapRow(gaps[r]));
    if (!cues.length) fragment.append(el("div", "empty", "This job has no cues to review."));
    list.replaceChildren(fragment);
    state.current = -1;
    renderCounts();
    highlight();
  }
  function recordEdit(row, field) {
    const i = Number(row.dataset.i), cue = track().cues[i];
    const entry = edits[i] || { original: `${cue.start} ${cue.lines.join("\n")}` };
    if (field === "text") {
      const lines = row.querySelector(".text").innerText.replace(/\r/g, "").split("\n")
        .map((line) => line.trim()).filter(Boolean);
      entry.lines = lines.length ? lines : [""];
    } else {
      entry.speaker = row.querySelector(".speaker").textContent.trim();
    }
    edits[i] = entry;
    saveEdits();
    row.classList.add("edited", "flagged");
    const badges = row.querySelector(".flags");
    if (!badges.querySelector(".edited")) badges.append(el("span", "flag edited", "edited"));
    renderCounts();
  }
  list.addEventListener("input", (event) => {
    const row = event.target.closest(".cue");
    if (row) recordEdit(row, event.target.classList.contains("speaker") ? "speaker" : "text");
  });
  list.addEventListener("click", (event) => {
    const gap = event.target.closest(".unsubtitled, .removed");
    if (gap) { playFrom(Number(gap.dataset.start)); return; }
    const row = event.target.closest(".cue");
    if (!row || event.target.isContentEditable) return;
    playFrom(track().cues[Number(row.dataset.i)].start);
  });

  // ---------- audio ----------
  if (data.audio) audio.src = data.audio;
  else audio.hidden = true;
  function playFrom(t) {
    audio.currentTime = t;
    const playing = audio.play();
    if (playing && playing.catch) playing.catch(() => {});  // no audio file: the position still moves
    highlight();
  }
  function cueAt(t) {
    const cues = track().cues;
    const i = lowerBound(cues, t + 1e-6, (c) => c.start) - 1;
    return i >= 0 && t < cues[i].end ? i : -1;
  }
  function highlight() {
    const i = cueAt(audio.currentTime || 0);
    if (i === state.current) return draw();
    if (rows[state.current]) rows[state.current].classList.remove("current");
    state.current = i;
    if (rows[i]) {
      rows[i].classList.add("current");
      if (!audio.paused) rows[i].scrollIntoView({ block: "nearest" });
    }
    draw();
  }
  audio.addEventListener("timeupdate", highlight);
  audio.addEventListener("seeked", highlight);
  audio.addEventListener("play", function tick() {
    highlight();
    if (!audio.paused) requestAnimationFrame(tick);
  });

  // ---------- keyboard ----------
  function jump(direction) {
    const cues = track().cues, t = audio.currentTime || 0;
    let i = lowerBound(cues, t + 1e-3, (c) => c.start);  // first cue starting after now
    if (direction < 0) i = cueAt(t) >= 0 ? cueAt(t) - 1 : i - 1;
    if (i < 0 || i >= cues.length) return;
    seekToCue(i);
  }
  function seekToCue(i) {
    audio.currentTime = track().cues[i].start;
    highlight();
    if (rows[i]) rows[i].scrollIntoView({ block: "center" });
  }
  function nextFlagged() {
    const cues = track().cues, t = audio.currentTime || 0;
    for (let k = 1; k <= cues.length; k++) {
      const i = (Math.max(cueAt(t), lowerBound(cues, t, (c) => c.start) - 1) + k + cues.length) % cues.length;
      if (Object.keys(flagsOf(i)).length) return seekToCue(i);
    }
  }
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName)) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === " ") { if (audio.paused) audio.play().catch(() => {}); else audio.pause(); }
    else if (event.key === "ArrowRight") jump(1);
    else if (event.key === "ArrowLeft") jump(-1);
    else if (event.key === "n") nextFlagged();
    else return;
    event.preventDefault();
  });

  // ---------- timeline ----------
  const LANES = [["Speech", 18], ["Speakers", 48], ["Songs", 78], ["Cues", 104]];
  const LANE_H = 20, LABEL_W = 64;
  const maxLength = (items, start, end) => items.reduce((m, it) => Math.max(m, end(it) - start(it)), 0);
  function spans(items, start, end) {  // items visible in the view, found by binary search
    const [t0, t1] = state.view, longest = items.longest === undefined ? (items.longest = maxLength(items, start, end))
      : items.longest;
    const out = [];
    for (let i = lowerBound(items, t0 - longest, start); i < items.length && start(items[i]) <= t1; i++) {
      if (end(items[i]) >= t0) out.push(items[i]);
    }
    return out;
  }
  let drawQueued = false;
  function draw() {
    if (drawQueued) return;
    drawQueued = true;
    requestAnimationFrame(() => { drawQueued = false; paint(); });
  }
  function paint() {
    const ratio = window.devicePixelRatio || 1, width = canvas.clientWidth, height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
    if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
    const g = canvas.getContext("2d");
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    const [t0, t1] = state.view, scale = (width - LABEL_W) / (t1 - t0);
    const x = (t) => LABEL_W + (t - t0) * scale;
    const bar = (s, e, y, h) => { const a = Math.max(x(s), LABEL_W); g.fillRect(a, y, Math.max(x(e) - a, 1), h); };
    g.font = "11px system-ui, sans-serif";
    g.fillStyle = "#6e6e73";
    LANES.forEach(([name, y]) => g.fillText(name, 4, y + 14));
    g.fillText(data.turns === null ? "(off)" : "", 4, 48 + 26);
    // time axis
    const step = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].find((s) => s * scale >= 80) || 7200;
    g.strokeStyle = "#ececef";
    g.beginPath();
    for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
      g.moveTo(x(t), 0); g.lineTo(x(t), height);
      g.fillText(clock(t, ".", 0).replace(/^00:/, ""), x(t) + 2, 11);
    }
    g.stroke();
    g.fillStyle = "#9bb7d4";
    spans(data.speech, (s) => s[0], (s) => s[1]).forEach((s) => bar(s[0], s[1], LANES[0][1], LANE_H));
    if (data.turns) {
      spans(data.turns, (s) => s[0], (s) => s[1]).forEach((s) => {
        g.fillStyle = speakerColour(s[2]);
        bar(s[0], s[1], LANES[1][1], LANE_H);
      });
    }
    g.fillStyle = "#b48ccf";
    (data.songs || []).forEach((s) => bar(s[0], s[1], LANES[2][1], LANE_H));
    g.fillStyle = "#d62728";  // speech without subtitles: a red mark in the cue lane
    if (track().source) data.unsubtitled.forEach((s) => bar(s[0], s[1], LANES[3][1] + LANE_H + 4, 4));
    const cues = track().cues;
    spans(cues, (c) => c.start, (c) => c.end).forEach((c) => {
      g.fillStyle = Object.keys(c.flags).length ? "#e39b8f" : "#8fbf9f";
      bar(c.start, c.end, LANES[3][1], LANE_H + 8);
      if (c === cues[state.current]) { g.strokeStyle = "#1d1d1f"; g.strokeRect(x(c.start), LANES[3][1], x(c.end) - x(c.start), LANE_H + 8); }
    });
    g.strokeStyle = "#2d2d7a";
    g.setLineDash([3, 3]);
    g.beginPath();
    data.seams.forEach((t) => { if (t >= t0 && t <= t1) { g.moveTo(x(t), 14); g.lineTo(x(t), height); } });
    g.stroke();
    g.setLineDash([]);
    g.strokeStyle = "#e07b00";  // shot changes (shots.json): solid orange lines across every lane
    g.beginPath();
    (data.cuts || []).forEach((t) => { if (t >= t0 && t <= t1) { g.moveTo(x(t), 14); g.lineTo(x(t), height); } });
    g.stroke();
    const now = audio.currentTime || 0;
    if (now >= t0 && now <= t1) { g.fillStyle = "#d62728"; g.fillRect(x(now) - 1, 0, 2, height); }
    $("view").textContent = `${clock(t0, ".", 0)} – ${clock(t1, ".", 0)}`;
  }
  function zoom(factor, centre) {
    const [t0, t1] = state.view, full = Math.max(data.duration, 1);
    const span = Math.min(Math.max((t1 - t0) * factor, 2), full);
    const c = centre === undefined ? (t0 + t1) / 2 : centre, share = (c - t0) / (t1 - t0);
    let a = c - span * share;
    a = Math.min(Math.max(a, 0), full - span);
    state.view = [a, a + span];
    draw();
  }
  const timeAt = (clientX) => {
    const box = canvas.getBoundingClientRect(), [t0, t1] = state.view;
    return t0 + ((clientX - box.left - LABEL_W) / (box.width - LABEL_W)) * (t1 - t0);
  };
  canvas.addEventListener("wheel", (event) => {
    event.preventDefault();
    zoom(event.deltaY > 0 ? 1.25 : 0.8, timeAt(event.clientX));
  }, { passive: false });
  let drag = null;
  canvas.addEventListener("mousedown", (event) => { drag = { x: event.clientX, view: state.view.slice(), moved: false }; });
  window.addEventListener("mousemove", (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    if (Math.abs(dx) > 3) drag.moved = true;
    if (!drag.moved) return;
    const [t0, t1] = drag.view, full = Math.max(data.duration, 1);
    const shift = (-dx / (canvas.clientWidth - LABEL_W)) * (t1 - t0);
    const a = Math.min(Math.max(t0 + shift, 0), full - (t1 - t0));
    state.view = [a, a + (t1 - t0)];
    draw();
  });
  window.addEventListener("mouseup", (event) => {
    if (drag && !drag.moved && event.target === canvas) {
      const t = Math.min(Math.max(timeAt(event.clientX), 0), data.duration);
      playFrom(t);
      const i = cueAt(t);
      if (rows[i]) rows[i].scrollIntoView({ block: "center" });
    }
    drag = null;
  });
  $("zoom-in").addEventListener("click", () => zoom(0.5, audio.currentTime || undefined));
  $("zoom-out").addEventListener("click", () => zoom(2, audio.currentTime || undefined));
  $("zoom-fit").addEventListener("click", () => { state.view = [0, Math.max(data.duration, 1)]; draw(); });
  window.addEventListener("resize", draw);

  // ---------- downloads ----------
  function subtitleText(format) {
    const cues = track().cues, sep = format === "srt" ? "," : ".";
    const blocks = cues.map((cue, i) => {
      let text = cueLines(i).join("\n");
      const speaker = cueSpeaker(i);
      const named = data.named || (edits[i] && edits[i].speaker !== undefined);
      if (format === "vtt" && speaker && named && cue.speakers.length <= 1) text = `<v ${speaker}>${text}`;
      return `${i + 1}\n${clock(cue.start, sep)} --> ${clock(cue.end, sep)}\n${text}\n`;
    });
    const body = blocks.join("\n") + (blocks.length ? "\n" : "");
    return format === "vtt" ? `WEBVTT\n\n${body}` : body;
  }
  function download(name, text, type) {
    const link = el("a");
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = name;
    document.body.append(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }
  const stem = () => `${data.job}.${track().language}.reviewed`;
  $("download-srt").addEventListener("click", () => download(`${stem()}.srt`, subtitleText("srt"), "application/x-subrip"));
  $("download-vtt").addEventListener("click", () => download(`${stem()}.vtt`, subtitleText("vtt"), "text/vtt"));

  // Glossary rows: words a reviewer typed that look like names (capitalised, or in a script without case).
  const bare = (word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  const nameLike = (word) => /^\p{Lu}/u.test(word) || /^[\p{Script=Devanagari}]/u.test(word);
  function changedSpans(before, after) {  // [old words, new words] for each replaced stretch (LCS diff)
    const n = before.length, m = after.length, table = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) {
      table[i][j] = before[i] === after[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
    const out = [];
    let i = 0, j = 0, old = [], fresh = [];
    const flush = () => { if (fresh.length) out.push([old, fresh]); old = []; fresh = []; };
    while (i < n || j < m) {
      if (i < n && j < m && before[i] === after[j]) { flush(); i++; j++; }
      else if (j < m && (i === n || table[i][j + 1] >= table[i + 1][j])) fresh.push(after[j++]);
      else old.push(before[i++]);
    }
    flush();
    return out;
  }
  function glossaryRows() {
    const terms = new Map();
    Object.keys(edits).forEach((key) => {
      const i = Number(key), cue = track().cues[i];
      if (!edits[key].lines || !cue) return;
      const words = (lines) => lines.join(" ").split(/\s+/).map(bare).filter(Boolean);
      changedSpans(words(cue.lines), words(edits[key].lines)).forEach(([old, fresh]) => {
        const name = fresh.filter(nameLike);
        if (!name.length) return;
        const term = name.join(" "), entry = terms.get(term) || { aliases: new Set(), context: clock(cue.start, ".", 0) };
        if (old.length) entry.aliases.add(old.join(" "));
        terms.set(term, entry);
      });
    });
    const clean = (text) => text.replace(/[\t\n]/g, " ");
    const lines = ["term\tpreferred\taliases\ttranslation\tcontext"];
    terms.forEach((entry, term) => lines.push(
      [term, term, [...entry.aliases].join("; "), "", `fixed in review at ${entry.context}`].map(clean).join("\t")));
    return lines.join("\n") + "\n";
  }
  $("download-glossary").addEventListener("click", () => {
    const text = glossaryRows();
    if (text.split("\n").length <= 2) { $("status").textContent = "No edited word looks like a name yet."; return; }
    download(`${data.job}.glossary.tsv`, text, "text/tab-separated-values");
  });

  // Cast rows: each named speaker's longest cues (about 10 s of them), as diarization.cast rows for the next
  // film of a series. SPEAKER_NN is no name, and a dialogue cue has two voices: both are left out.
  const CAST_SECONDS = 10;
  function castRows() {
    const cues = track().cues, byName = new Map();
    cues.forEach((cue, i) => {
      const name = cueSpeaker(i), edited = edits[i] && edits[i].speaker !== undefined;
      if (!name || /^SPEAKER_\d+$/.test(name) || (!edited && cue.speakers.length > 1) || name.includes(" / ")) return;
      if (!byName.has(name)) byName.set(name, []);
      byName.get(name).push(cue);
    });
    const clean = (text) => String(text).replace(/[\t\n]/g, " ");
    const lines = ["name\tsource\tstart\tend"];
    byName.forEach((list, name) => {
      let total = 0;
      const chosen = [];
      [...list].sort((a, b) => (b.end - b.start) - (a.end - a.start)).forEach((cue) => {
        if (total < CAST_SECONDS) { chosen.push(cue); total += cue.end - cue.start; }
      });
      chosen.sort((a, b) => a.start - b.start).forEach((cue) => lines.push(
        [clean(name), clean(data.source || ""), cue.start.toFixed(3), cue.end.toFixed(3)].join("\t")));
    });
    return lines.join("\n") + "\n";
  }
  $("download-cast").addEventListener("click", () => {
    const text = castRows();
    if (text.split("\n").length <= 2) { $("status").textContent = "No speaker has a name yet: type one in a cue's speaker."; return; }
    download(`${data.job}.cast.tsv`, text, "text/tab-separated-values");
  });

  // ---------- start ----------
  $("track").addEventListener("change", (event) => {
    state.track = Number(event.target.value);
    edits = loadEdits();
    state.filter = null;
    renderList();
  });
  $("flagged-only").addEventListener("change", (event) => { state.flaggedOnly = event.target.checked; renderList(); });
  renderHeader();
  renderList();
  paint();
  window.cinescribeReview = { data, paint, subtitleText, glossaryRows, castRows, loadMs: performance.now() };
  document.body.dataset.ready = "true";
})();
