/**
 * Running `emtd` for the property suites: in this process through `main` (the code path bin/emtd.js takes, without a
 * process start per case), or in a child process through run-main (for inputs that must be measured alone: peak
 * memory, seconds, an abort). Both give an {@link Outcome}. Scripts beside this file run from the same tree as the
 * test: its sources through tsx (`npx tsx --test`), or their build (dist/test/fuzz, `npm test`).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { main } from "../../src/cli/main";
import { packageRoot } from "../../src/package";
import type { Outcome } from "./invariants";

export const ROOT = packageRoot();

/**
 * `node` arguments that run the script `name` (without extension) of this folder, from source (through the
 * package's own tsx, found from the root whatever the child's working directory) or from the build.
 */
export function scriptArgs(name: string): string[] {
  const file = path.join(__dirname, `${name}${path.extname(__filename)}`);
  if (path.extname(__filename) !== ".ts") return [file];
  return ["--import", pathToFileURL(path.join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href, file];
}

/**
 * `emtd ARGV` in this process: stdout and stderr are captured while `main` runs (the writes of anything else in the
 * process meanwhile too, so call it from one test at a time); `rssBytes` is the process's resident memory after.
 */
export function runInProcess(argv: string[]): Promise<Outcome> {
  return captured(() => main(argv));
}

/**
 * Let the test runner write what it has queued (the previous test's report) before stdout is captured: node:test
 * reports through process.stdout, and a report written while {@link captured} holds it would be lost.
 */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

/** What `body` (returning an exit code) wrote on stdout and stderr, with its code, seconds and the RSS after. */
export async function captured(body: () => Promise<number>): Promise<Outcome> {
  const out = { stdout: "", stderr: "" };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  for (const name of ["stdout", "stderr"] as const) {
    process[name].write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      out[name] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      const done = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof process.stdout.write;
  }
  const started = performance.now();
  let code: number;
  try {
    code = await body();
  } catch (error) {
    // main never throws: if it does, that is a finding, shown as an abort with the stack on stderr.
    code = 70;
    out.stderr += `${(error as Error)?.stack ?? String(error)}\n`;
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
  }
  return { code, ...out, rssBytes: process.memoryUsage().rss, seconds: (performance.now() - started) / 1000 };
}

/**
 * `emtd ARGV` in a child process (run-main: the same `main` bin/emtd.js calls), with its peak resident memory.
 * `timeoutMs` kills it (the outcome's code is then null).
 */
export function spawnEmtd(argv: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {}): Promise<Outcome> {
  const dir = mkdtempSync(path.join(tmpdir(), "emtd-fuzz-rss-"));
  const rssFile = path.join(dir, "rss");
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...scriptArgs("run-main"), rssFile, "--", ...argv], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out = { stdout: "", stderr: "" };
    child.stdout.on("data", (d: Buffer) => (out.stdout = (out.stdout + d.toString()).slice(-1e6)));
    child.stderr.on("data", (d: Buffer) => (out.stderr = (out.stderr + d.toString()).slice(-1e6)));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      let rssBytes: number | undefined;
      try {
        rssBytes = Number(readFileSync(rssFile, "utf8"));
      } catch {
        // killed before main returned: no measurement
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, ...out, ...(rssBytes === undefined ? {} : { rssBytes }), seconds: (performance.now() - started) / 1000 });
    });
  });
}

/** A fresh temporary folder, removed by the returned function. */
export function scratch(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), `emtd-fuzz-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
