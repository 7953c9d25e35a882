// The conversation page: talks to /api, one turn at a time. No build step, no library.
// Push-to-talk records the microphone with the Web Audio API and sends 16 kHz mono 16-bit
// WAV, encoded here, so the server needs no audio converter. Typing always works.
"use strict";

const csrf = document.querySelector('meta[name="csrf-token"]').content;
const $ = (id) => document.getElementById(id);
const log = $("log");
let conversation = null;
let lastTurn = null;
let voice = { hearing: false, speaking: false, note: "" };

function busy(text) { $("busy").textContent = text || ""; }

function problem(err) {
  const box = document.createElement("div");
  box.className = "problem";
  box.setAttribute("role", "alert");
  const msg = document.createElement("p");
  msg.textContent = err.message || "something went wrong";
  box.append(msg);
  if (err.hint) {
    const hint = document.createElement("p");
    hint.className = "hint";
    hint.textContent = err.hint;
    box.append(hint);
  }
  (conversation ? log : $("start")).append(box);
  if (conversation) log.scrollTop = log.scrollHeight;
}

async function call(method, path, body, isForm) {
  const headers = { "X-CSRF-Token": csrf, "Accept": "application/json" };
  const init = { method, headers, credentials: "same-origin" };
  if (body !== undefined) {
    if (isForm) init.body = body;
    else { headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
  }
  const res = await fetch(path, init);
  if (res.status === 401) { window.location.href = "/login"; throw { message: "sign in first" }; }
  const type = res.headers.get("content-type") || "";
  if (!res.ok) {
    const doc = type.includes("json") ? await res.json() : null;
    throw (doc && doc.error) || { message: `the server answered ${res.status}` };
  }
  return type.includes("json") ? res.json() : res.blob();
}

function para(cls, text) {
  const p = document.createElement("p");
  p.className = cls;
  p.textContent = text;
  return p;
}

function learnerLine(text) {
  const div = document.createElement("div");
  div.className = "turn learner";
  div.append(para("", text));
  log.append(div);
}

function gradeCard(e) {
  const card = document.createElement("section");
  card.className = "grade";
  card.setAttribute("aria-label", "Your grade");
  card.append(para("figure", `${e.score} / 100`));
  card.append(para("verdict", `Verdict: ${e.verdict.replace("_", " ")}`));
  for (const [cls, title, items] of [["covered", "Covered", e.covered], ["missed", "Missed", e.missed]]) {
    if (!items.length) continue;
    const h = document.createElement("h3");
    h.textContent = title;
    const ul = document.createElement("ul");
    ul.className = cls;
    for (const item of items) { const li = document.createElement("li"); li.textContent = item; ul.append(li); }
    card.append(h, ul);
  }
  const again = document.createElement("button");
  again.type = "button";
  again.textContent = "Try again";
  again.addEventListener("click", () => press("try_again"));
  card.append(again);
  $("score").textContent = `Score ${e.score} out of 100.`;
  return card;
}

function coachTurn(turn) {
  const div = document.createElement("div");
  div.className = "turn coach";
  for (const e of turn.effects) {
    if (e.type === "say") div.append(para(`say ${e.tone}`, e.text));
    else if (e.type === "show") {
      const box = document.createElement("div");
      box.className = "show";
      box.innerHTML = e.html; // rendered by the server with raw HTML escaped, unsafe links removed
      div.append(box);
    } else if (e.type === "graded") div.append(gradeCard(e));
  }
  if (div.childNodes.length) log.append(div);
  log.scrollTop = log.scrollHeight;
}

function showState(state) {
  const where = [];
  if (state.title) where.push(state.title);
  if (state.number) where.push(`question ${state.number} of ${state.questions}`);
  if (state.pace !== "normal") where.push(`${state.pace} pace`);
  $("where").textContent = where.length ? `(${where.join(", ")})` : "";
  $("ratings").hidden = state.listen !== "rating";
  for (const el of document.querySelectorAll(".quiz-only")) el.hidden = !state.quiz;
  $("line-label").textContent = state.listen === "answer"
    ? "Your answer (type it, or hold the talk button and say it)"
    : "Type a question, a command or your answer";
  const ended = state.ended;
  for (const b of document.querySelectorAll("#controls button, #ratings button, #send")) b.disabled = ended;
  $("line").disabled = ended;
  $("mic").disabled = ended || !micUsable();
  if (ended) log.append(para("say note", "This conversation has ended. Start a new one any time."));
}

async function speak(turn) {
  if (!voice.speaking || !turn.speech.length) return;
  try {
    const wav = await call("POST", "/api/speech", { sentences: turn.speech });
    const player = $("player");
    if (player.src) URL.revokeObjectURL(player.src);
    player.src = URL.createObjectURL(wav);
    await player.play().catch(() => {});
  } catch (err) { $("voice-note").textContent = err.message; }
}

function show(turn, spoken) {
  lastTurn = turn;
  if (turn.heard) learnerLine(`(heard) ${turn.heard}`);
  coachTurn(turn);
  showState(turn.state);
  if (spoken || $("speak-replies").checked) speak(turn);
}

function opened(id) {
  conversation = id;
  $("talk").hidden = false;
  const url = new URL(window.location.href);
  url.searchParams.delete("start");
  url.searchParams.set("c", id);
  window.history.replaceState(null, "", url);
}

async function start(body) {
  busy("Starting...");
  try {
    log.replaceChildren();
    $("score").textContent = "";
    const turn = await call("POST", "/api/conversations", body);
    opened(turn.conversation);
    show(turn);
    $("line").focus();
  } catch (err) { problem(err); } finally { busy(); }
}

async function resume(id) {
  try {
    const doc = await call("GET", `/api/conversations/${id}`);
    opened(id);
    for (const t of doc.turns) {
      if (t.role === "learner") learnerLine(t.text);
      else { const d = document.createElement("div"); d.className = "turn coach"; d.append(para("say", t.text)); log.append(d); }
    }
    showState(doc.state);
  } catch (err) { problem(err); }
}

async function send(text) {
  if (!text.trim() || !conversation) return;
  learnerLine(text);
  busy("The coach is thinking...");
  try { show(await call("POST", `/api/conversations/${conversation}/lines`, { text })); }
  catch (err) { problem(err); } finally { busy(); }
}

async function press(action) {
  if (!conversation) return;
  busy("The coach is thinking...");
  try { show(await call("POST", `/api/conversations/${conversation}/actions`, { action })); }
  catch (err) { problem(err); } finally { busy(); }
}

// --- push to talk ------------------------------------------------------------------------
let rec = null;

function micUsable() { return voice.hearing && !!(navigator.mediaDevices && window.AudioContext); }

async function startRecording() {
  if (rec || !conversation) return;
  rec = { chunks: [], starting: true };
  $("mic").setAttribute("aria-pressed", "true");
  $("mic").textContent = "Listening... release to send";
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1 } });
    const ctx = new AudioContext();
    const source = ctx.createMediaStreamSource(stream);
    const node = ctx.createScriptProcessor(4096, 1, 1);
    node.onaudioprocess = (ev) => { if (rec) rec.chunks.push(new Float32Array(ev.inputBuffer.getChannelData(0))); };
    source.connect(node);
    node.connect(ctx.destination);
    Object.assign(rec, { stream, ctx, source, node, rate: ctx.sampleRate, starting: false });
    if (rec.stopAsked) stopRecording();
  } catch (err) {
    rec = null;
    resetMic();
    $("voice-note").textContent = `The microphone is not available (${err.message}); type instead.`;
  }
}

function resetMic() {
  $("mic").setAttribute("aria-pressed", "false");
  $("mic").textContent = "Hold to talk";
}

async function stopRecording() {
  if (!rec) return;
  if (rec.starting) { rec.stopAsked = true; return; }
  const r = rec;
  rec = null;
  resetMic();
  r.node.disconnect(); r.source.disconnect();
  r.stream.getTracks().forEach((t) => t.stop());
  await r.ctx.close();
  const wav = encodeWav(downsample(r.chunks, r.rate, 16000), 16000);
  const form = new FormData();
  form.append("audio", new Blob([wav], { type: "audio/wav" }), "speech.wav");
  busy("Listening to what you said...");
  try { show(await call("POST", `/api/conversations/${conversation}/voice`, form, true), true); }
  catch (err) { problem(err); } finally { busy(); }
}

function downsample(chunks, from, to) {
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const joined = new Float32Array(total);
  let at = 0;
  for (const c of chunks) { joined.set(c, at); at += c.length; }
  if (from === to) return joined;
  const ratio = from / to;
  const out = new Float32Array(Math.floor(total / ratio));
  for (let i = 0; i < out.length; i++) {
    const start = Math.floor(i * ratio), end = Math.min(total, Math.floor((i + 1) * ratio));
    let sum = 0;
    for (let j = start; j < end; j++) sum += joined[j];
    out[i] = end > start ? sum / (end - start) : 0; // averaging: a cheap low-pass
  }
  return out;
}

function encodeWav(samples, rate) {
  const buf = new ArrayBuffer(44 + samples.length * 2);
  const v = new DataView(buf);
  const text = (o, s) => { for (let i = 0; i < s.length; i++) v.setUint8(o + i, s.charCodeAt(i)); };
  text(0, "RIFF"); v.setUint32(4, 36 + samples.length * 2, true); text(8, "WAVE");
  text(12, "fmt "); v.setUint32(16, 16, true); v.setUint16(20, 1, true); v.setUint16(22, 1, true);
  v.setUint32(24, rate, true); v.setUint32(28, rate * 2, true); v.setUint16(32, 2, true); v.setUint16(34, 16, true);
  text(36, "data"); v.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]));
    v.setInt16(44 + i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
  }
  return buf;
}

// --- wiring ------------------------------------------------------------------------------
$("start-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const mode = (ev.submitter && ev.submitter.value) || ev.target.dataset.mode;
  if (mode === "chat") return start({ mode: "chat" });
  const topic = $("topic").value || null, level = $("level").value;
  const count = parseInt($("count").value, 10) || null;
  start({ mode, topic, levels: level ? [level] : [], count });
});
$("line-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const text = $("line").value;
  $("line").value = "";
  send(text);
});
$("line").addEventListener("keydown", (ev) => {
  if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); $("line-form").requestSubmit(); }
});
for (const b of document.querySelectorAll("[data-action]")) {
  b.addEventListener("click", () => press(b.dataset.action));
}
$("new-conversation").addEventListener("click", () => {
  conversation = null;
  $("talk").hidden = true;
  const url = new URL(window.location.href);
  url.searchParams.delete("c");
  window.history.replaceState(null, "", url);
  $("start").querySelector("button, select").focus();
});
const mic = $("mic");
mic.addEventListener("pointerdown", (ev) => { ev.preventDefault(); startRecording(); });
mic.addEventListener("pointerup", stopRecording);
mic.addEventListener("pointerleave", stopRecording);
mic.addEventListener("keydown", (ev) => {
  if ((ev.key === " " || ev.key === "Enter") && !ev.repeat) { ev.preventDefault(); startRecording(); }
});
mic.addEventListener("keyup", (ev) => { if (ev.key === " " || ev.key === "Enter") stopRecording(); });

(async () => {
  try {
    const me = await call("GET", "/api/me");
    voice = me.voice;
    if (!micUsable()) {
      $("voice-note").textContent = voice.hearing
        ? "This browser cannot record here; type your replies."
        : `Voice is off on this server: ${voice.note}. Typing works.`;
    }
    if (!voice.speaking) $("speak-replies").disabled = true;
    mic.disabled = !micUsable();
  } catch (err) { problem(err); }
  const params = new URLSearchParams(window.location.search);
  if (params.get("c")) resume(params.get("c"));
  else if (params.get("start") === "review") start({ mode: "review" });
})();
