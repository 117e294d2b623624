/**
 * Progress on stderr for long commands: on a terminal one line rewritten in place; elsewhere (when asked with
 * --progress) a line at most every few seconds. Never on stdout, so `--json` pipelines stay clean.
 */
import type { RunSession } from "../command/command";
import type { Parsed } from "../command/options";

export interface ProgressReporter {
  (done: number, total: number, what?: string): void;
  /** Finish the line (call once at the end, success or not). */
  end(): void;
}

/**
 * A throttled reporter of `done / total` with the rate and the time left.
 *
 * @example
 * ```ts
 * import { progressReporter } from "emtd/cli";
 * const lines: string[] = [];
 * const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream; // stands in for stderr
 * const report = progressReporter("sample", { enabled: true, stream });
 * report(500, 1000); // written: the first report
 * report(600, 1000); // skipped: within 5 s of the last line (off a terminal)
 * report(1000, 1000); // written: done
 * report.end();
 * lines; // → ["emtd sample: 500/1000 (50.0 %)\n", "emtd sample: 1000/1000 (100.0 %) · 0 s left\n"]
 * ```
 */
export function progressReporter(command: string, options: { enabled: boolean; stream?: NodeJS.WriteStream }): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const tty = stream.isTTY === true;
  const started = performance.now();
  let last = -Infinity;
  let first: number | null = null;
  let open = false;
  const report = ((done: number, total: number, what?: string) => {
    if (!options.enabled) return;
    const now = performance.now();
    first ??= done;
    if (now - last < (tty ? 200 : 5000) && done < total) return;
    last = now;
    const seconds = (now - started) / 1000;
    const rate = seconds > 0 ? (done - first) / seconds : 0;
    const eta = rate > 0 ? ` · ${Math.ceil((total - done) / rate)} s left` : "";
    const line = `emtd ${command}${what ? ` ${what}` : ""}: ${done}/${total} (${((100 * done) / total).toFixed(1)} %)${eta}`;
    stream.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
    open = tty;
  }) as ProgressReporter;
  report.end = () => {
    if (open) stream.write("\n");
    open = false;
  };
  return report;
}

/**
 * A run session that only reports progress (no checkpoints): lets a command run its resumable segments for plain
 * `emtd ising` / `emtd reference` and show progress on the way, with the same numbers as one piece.
 */
export function progressSession(command: string, enabled: boolean): RunSession & { end(): void } {
  const report = progressReporter(command, { enabled });
  return {
    checkpoint: null,
    checkpointEvery: 0,
    segment: async (done, total) => report(done, total),
    end: () => report.end(),
  };
}

/** Progress shows on a terminal unless --json; --progress forces it. */
export function progressWanted(values: Parsed): boolean {
  return Boolean(values.progress) || (!values.json && process.stderr.isTTY === true);
}
