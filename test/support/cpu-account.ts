/**
 * Where the suite's CPU went, so that a slow `npm test` says what to make faster: each file's CPU (its process,
 * its threads and the children it waited for: Jupyter, kernels, Chromium) from /proc at its exit, and the machine's
 * busy cores sampled through the run, so that a stretch where the cores idled names the files that were running then
 * (a file waiting on another's measurement, a lone long file at the end). Linux only (/proc); elsewhere nothing is
 * sampled and the account says so.
 */
import * as fs from "node:fs";

/** What a file's process writes at exit (suite-hook.ts), one JSON line each. */
export interface FileTimes {
  file: string;
  /** Wall seconds less the waits for resources (the runner orders the next run by them). */
  seconds: number;
  /** Epoch milliseconds at the hook's load and at exit. */
  start?: number;
  end?: number;
  /** CPU seconds of the process (every thread) and of the children it reaped. */
  cpu?: number;
  children?: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this suite runs on (getconf CLK_TCK)

/** This process's CPU seconds and its reaped children's, from /proc/self/stat (fields 14–17); null without /proc. */
export function processCpu(): { cpu: number; children: number } | null {
  try {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    const f = stat
      .slice(stat.lastIndexOf(")") + 2)
      .split(" ")
      .map(Number);
    return { cpu: (f[11]! + f[12]!) / TICKS_PER_SECOND, children: (f[13]! + f[14]!) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

interface Sample {
  at: number; // epoch ms
  busy: number; // ticks, all cores
  total: number;
}

function readMachine(): Sample | null {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!; // "cpu  user nice system idle iowait …"
    const t = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = t[3]! + t[4]!;
    const total = t.reduce((a, b) => a + b, 0);
    return { at: Date.now(), busy: total - idle, total };
  } catch {
    return null;
  }
}

/** Samples the machine's busy cores every `everyMs` until stopped; the samples feed {@link cpuAccount}. */
export function sampleMachine(everyMs = 2000): { stop(): Sample[] } {
  const samples: Sample[] = [];
  const take = () => {
    const s = readMachine();
    if (s) samples.push(s);
  };
  take();
  const timer = setInterval(take, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

const seconds = (ms: number) => (ms / 1000).toFixed(0);

/**
 * The account's lines: the machine's cores busy over the run, the files that used most CPU, and the longest stretches
 * (≥ `minStretchS`) in which fewer than `cores − 0.5` cores were busy, each with the files running through it.
 */
export function cpuAccount(
  samples: Sample[],
  files: FileTimes[],
  name: (file: string) => string,
  cores: number,
  minStretchS = 30,
): string[] {
  if (samples.length < 2) return ["ℹ CPU account: no /proc/stat here, nothing sampled"];
  const coresBusy = (a: Sample, b: Sample) => ((b.busy - a.busy) / (b.total - a.total)) * cores;
  const first = samples[0]!;
  const last = samples.at(-1)!;
  const wall = (last.at - first.at) / 1000;
  const busyCores = coresBusy(first, last);
  const out = [
    `ℹ CPU account: ${busyCores.toFixed(2)} of ${cores} cores busy on average over the run's ${wall.toFixed(0)} s (the machine's, other work included)`,
  ];
  const measured = files.filter((f) => f.cpu !== undefined);
  const ranked = [...measured].sort((a, b) => b.cpu! + b.children! - (a.cpu! + a.children!));
  const total = measured.reduce((s, f) => s + f.cpu! + f.children!, 0);
  out.push(`  files' CPU ${total.toFixed(0)} s in all; the most:`);
  for (const f of ranked.slice(0, 12))
    out.push(
      `    ${(f.cpu! + f.children!).toFixed(0).padStart(5)} s CPU (${f.children!.toFixed(0)} in children) over ${f.seconds.toFixed(0)} s  ${name(f.file)}`,
    );
  // Stretches of consecutive samples below cores − 0.5 busy.
  const stretches: { from: number; to: number; busy: number }[] = [];
  let open: { from: number; i: number } | null = null;
  for (let i = 1; i < samples.length; i++) {
    const low = coresBusy(samples[i - 1]!, samples[i]!) < cores - 0.5;
    if (low && open === null) open = { from: samples[i - 1]!.at, i: i - 1 };
    if ((!low || i === samples.length - 1) && open !== null) {
      const end = low ? i : i - 1;
      if ((samples[end]!.at - open.from) / 1000 >= minStretchS)
        stretches.push({ from: open.from, to: samples[end]!.at, busy: coresBusy(samples[open.i]!, samples[end]!) });
      open = null;
    }
  }
  stretches.sort((a, b) => b.to - b.from - (a.to - a.from));
  const idle = stretches.reduce((s, x) => s + ((x.to - x.from) / 1000) * (cores - x.busy), 0);
  out.push(
    `  stretches of ≥ ${minStretchS} s with fewer than ${cores - 0.5} cores busy: ${stretches.length}, ${idle.toFixed(0)} idle core-seconds`,
  );
  for (const s of stretches.slice(0, 6)) {
    const running = files.filter((f) => f.start !== undefined && f.start < s.to && f.end! > s.from).map((f) => name(f.file));
    out.push(
      `    +${seconds(s.from - first.at)}–${seconds(s.to - first.at)} s, ${s.busy.toFixed(2)} cores busy: ${running.join(", ") || "(no test file: the runner)"}`,
    );
  }
  return out;
}
