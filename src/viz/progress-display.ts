/**
 * Live progress in a notebook: the watcher the emtd kernel installs for long loops (progress.ts). A cell's loops
 * (`run`, the Ising sweeps, a sweep's tasks, and so whatever is built on them, `compareVariant`
 * included) share one display entry, redrawn in place through `update_display_data`: per running loop its steps
 * done, the rate and the time left, and for two or more chains the running rank-normalised R̂ and bulk ESS of H
 * (Vehtari et al. 2021) over the draws kept so far. Redraws are throttled; a loop's end is always drawn. With
 * `finalOnly` (a headless run such as `emtd notebooks`) only the state after the last loop is drawn.
 *
 * What stays once every loop of the cell has ended is the end of its outermost loops, never of a loop that ran
 * inside another (a claim's chains inside `showVerdicts`), nor of one described with `leave: false`; when nothing
 * stays, the display is emptied (or, headless, never drawn). A loop's end reads as what happened: "done" when it took
 * every step, "done at its stop rule" when `stopWhen` or the like ended it sooner (a finished run, not one cut short),
 * "broken off" when an error or an interrupt ended it.
 */
import type { LoopDescription, LoopEnd, ProgressWatch, ProgressWatcher } from "../progress";
import { essBulk, rhat } from "../stats/diagnostics";
import { bundle, type DisplayHandle, escapeHtml, newDisplay } from "./display";
import { kernelComms } from "./kernel-comms";

/**
 * Draws kept in all for the running diagnostics (32 MiB), shared out between the chains (at least 1024 each); past
 * this they stay those of the first draws, and the line says so.
 */
const DRAWS_KEPT = 1 << 22;
/** A chain's share of {@link DRAWS_KEPT}. */
const keptPerChain = (chains: number) => Math.max(1024, Math.floor(DRAWS_KEPT / chains));

interface Loop {
  readonly description: LoopDescription;
  readonly started: number;
  readonly first: number;
  done: number;
  /** How it ended; null while it runs. */
  ended: LoopEnd | null;
  /** It started while another loop of the cell was running: its end is not left behind. */
  readonly nested: boolean;
  /** Per chain, H after each post-burn-in step (two or more chains only). */
  readonly draws: number[][] | null;
  /** The last running R̂ and ESS, when, over how many draws per chain, and when to compute them again. */
  diagnostics: { rhat: number; ess: number; draws: number; next: number } | null;
}

/** Where a loop stands, after its counts: the time left while it runs, else how it ended. */
function state(loop: Loop, rate: number): string {
  const unit = loop.description.unit ?? "steps";
  switch (loop.ended) {
    case "completed":
    case "stopped":
      return "done";
    case "paused":
      return "paused (resume continues it)";
    case "failed":
      return `broken off after ${loop.done} ${unit} (an error or an interrupt)`;
    case null:
      return rate > 0 ? `${Math.ceil((loop.description.total - loop.done) / rate)} s left` : "starting";
  }
}

/** One loop's line: steps, rate, time left (or how it ended), and for chains R̂ and ESS. */
function loopLine(loop: Loop, now: number): string {
  const { label, total } = loop.description;
  const unit = loop.description.unit ?? "steps";
  const seconds = (now - loop.started) / 1000;
  const rate = seconds > 0 ? (loop.done - loop.first) / seconds : 0;
  const rateText = `${rate.toPrecision(3)} ${unit}/s`;
  // A run its stop rule finished has no share of `total` left to show: it is done.
  let line =
    loop.ended === "stopped"
      ? `${label}: ${loop.done} ${unit} · ${rateText} · done at its stop rule (at most ${total})`
      : `${label}: ${loop.done}/${total} ${unit} (${((100 * loop.done) / total).toFixed(0)} %) · ${rateText} · ${state(loop, rate)}`;
  const d = loop.diagnostics;
  if (d)
    line += ` · R̂ ${d.rhat.toFixed(3)} · bulk ESS ${d.ess.toFixed(0)}${d.draws >= keptPerChain(loop.draws!.length) ? ` (first ${d.draws} draws per chain)` : ""}`;
  return line;
}

/**
 * Recompute a loop's running R̂ and bulk ESS: at its end, else at most once a second and at most 5 % of the time
 * (they rank every draw kept), and no more once the draws kept stop growing.
 */
function diagnose(loop: Loop, now: number): void {
  const draws = loop.draws;
  const kept = draws?.[0]?.length ?? 0;
  if (!draws || kept < 8) return;
  const d = loop.diagnostics;
  if (d && (d.draws === kept || (loop.ended === null && now < d.next))) return;
  const diagnosed = { rhat: rhat(draws), ess: essBulk(draws), draws: kept };
  const cost = performance.now() - now;
  loop.diagnostics = { ...diagnosed, next: now + Math.max(1000, 20 * cost) };
}

/** Whether a loop's end stays shown once every loop of its cell has ended. */
const stays = (loop: Loop): boolean => !loop.nested && loop.description.leave !== false;

/**
 * The kernel's progress watcher: one display per cell (the request outputs go to now), updated in place.
 * It needs a running kernel (the emtd kernel installs it at start); outside one its display's updates are dropped.
 */
export function progressDisplays(options: { finalOnly: boolean; intervalMs?: number }): ProgressWatcher {
  const interval = options.intervalMs ?? 250;
  let cell: string | null = null;
  let handle: DisplayHandle | null = null;
  let loops: Loop[] = [];
  let drawn = -Infinity;
  /** Whether the display has been drawn in this cell (so that emptying it means something). */
  let shown = false;
  const draw = () => {
    const now = performance.now();
    drawn = now;
    // Once nothing runs, only the ends that stay (module comment).
    const shownLoops = loops.every((loop) => loop.ended !== null) ? loops.filter(stays) : loops;
    if (shownLoops.length === 0 && !shown) return;
    for (const loop of shownLoops) diagnose(loop, now);
    const lines = shownLoops.map((loop) => loopLine(loop, now));
    const html = shownLoops
      .map((loop, i) => {
        // A run its stop rule finished is a full bar.
        const max = loop.ended === "stopped" ? loop.done : loop.description.total;
        return `<div class="emtd-progress"><progress value="${loop.done}" max="${max}" style="width:30%"></progress> <span>${escapeHtml(lines[i]!)}</span></div>`;
      })
      .join("");
    handle?.update(bundle({ "text/html": html, "text/plain": lines.join("\n") }));
    shown = true;
  };
  return (description) => {
    const id = (kernelComms()?.parent()?.msg_id as string | undefined) ?? null;
    if (id !== cell || handle === null) {
      cell = id;
      handle = newDisplay();
      shown = false;
      loops = [];
    }
    // A loop that ended gives its line to the next one (nested loops keep theirs while they run).
    loops = loops.filter((loop) => loop.ended === null);
    const first = description.first ?? 0;
    const loop: Loop = {
      description,
      started: performance.now(),
      first,
      done: first,
      ended: null,
      nested: loops.length > 0,
      draws: (description.chains ?? 1) >= 2 ? Array.from({ length: description.chains! }, () => []) : null,
      diagnostics: null,
    };
    loops.push(loop);
    const burnIn = description.burnIn ?? 0;
    const watch = ((done: number, values?: ArrayLike<number>) => {
      loop.done = done;
      if (loop.draws && values && done > burnIn && loop.draws[0]!.length < keptPerChain(loop.draws.length))
        for (let r = 0; r < loop.draws.length; r++) loop.draws[r]!.push(values[r]!);
      if (!options.finalOnly && performance.now() - drawn >= interval) draw();
    }) as ProgressWatch;
    watch.end = (how?: LoopEnd) => {
      if (loop.ended !== null) return;
      loop.ended = how ?? (loop.done >= loop.description.total ? "completed" : "failed");
      // A nested loop's line goes with it; the loop around it keeps its own.
      if (loop.nested) loops = loops.filter((l) => l !== loop);
      if (!options.finalOnly || loops.every((l) => l.ended !== null)) draw();
    };
    return watch;
  };
}
