/**
 * Live progress in a notebook: the watcher the emtd kernel installs for long loops (progress.ts). A cell's loops
 * (`run`, `runChains`, the Ising sweeps, a sweep's tasks, and so whatever is built on them, `compareVariant`
 * included) share one display entry, redrawn in place through `update_display_data`: per running loop its steps
 * done, the rate and the time left, and for two or more chains the running rank-normalised R̂ and bulk ESS of H
 * (Vehtari et al. 2021) over the draws kept so far. Redraws are throttled; a loop's end is always drawn. With
 * `finalOnly` (a headless run such as `emtd notebooks`) only the state after the last loop is drawn.
 */
import type { LoopDescription, ProgressWatch, ProgressWatcher } from "../progress";
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
  ended: boolean;
  /** Per chain, H after each post-burn-in step (two or more chains only). */
  readonly draws: number[][] | null;
  /** The last running R̂ and ESS, when, over how many draws per chain, and when to compute them again. */
  diagnostics: { rhat: number; ess: number; draws: number; next: number } | null;
}

/** One loop's line: steps, rate, time left, and for chains R̂ and ESS. */
function loopLine(loop: Loop, now: number): string {
  const { label, total } = loop.description;
  const unit = loop.description.unit ?? "steps";
  const seconds = (now - loop.started) / 1000;
  const rate = seconds > 0 ? (loop.done - loop.first) / seconds : 0;
  const left = loop.ended
    ? loop.done >= total
      ? "done"
      : `stopped after ${loop.done} ${unit}`
    : rate > 0
      ? `${Math.ceil((total - loop.done) / rate)} s left`
      : "starting";
  let line = `${label}: ${loop.done}/${total} ${unit} (${((100 * loop.done) / total).toFixed(0)} %) · ${rate.toPrecision(3)} ${unit}/s · ${left}`;
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
  if (d && (d.draws === kept || (!loop.ended && now < d.next))) return;
  const diagnosed = { rhat: rhat(draws), ess: essBulk(draws), draws: kept };
  const cost = performance.now() - now;
  loop.diagnostics = { ...diagnosed, next: now + Math.max(1000, 20 * cost) };
}

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
  const draw = () => {
    const now = performance.now();
    drawn = now;
    for (const loop of loops) diagnose(loop, now);
    const lines = loops.map((loop) => loopLine(loop, now));
    const html = loops
      .map((loop, i) => {
        const { total } = loop.description;
        return `<div class="emtd-progress"><progress value="${loop.done}" max="${total}" style="width:30%"></progress> <span>${escapeHtml(lines[i]!)}</span></div>`;
      })
      .join("");
    handle?.update(bundle({ "text/html": html, "text/plain": lines.join("\n") }));
  };
  return (description) => {
    const id = (kernelComms()?.parent()?.msg_id as string | undefined) ?? null;
    if (id !== cell || handle === null) {
      cell = id;
      handle = newDisplay();
      loops = [];
    }
    // A loop that ended gives its line to the next one (nested loops keep theirs while they run).
    loops = loops.filter((loop) => !loop.ended);
    const first = description.first ?? 0;
    const loop: Loop = {
      description,
      started: performance.now(),
      first,
      done: first,
      ended: false,
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
    watch.end = () => {
      if (loop.ended) return;
      loop.ended = true;
      if (!options.finalOnly || loops.every((l) => l.ended)) draw();
    };
    return watch;
  };
}
