/**
 * What a test file shares with other processes, declared at its top, so that the suite can run two files at a time
 * (test/support/run-suite.ts) and two files that need the same thing never run together:
 *
 *   import { resource } from "../../support/resources";
 *   resource("slurm"); // after the imports, before any other top-level statement
 *
 * `resource(...)` is called once per file, naming everything the file needs; it blocks until each is free and holds
 * it until the file's process exits. A resource is an exclusive lock shared by every process on this machine (every
 * checkout, every suite: the things it guards are the machine's): a file `NAME.lock` in os.tmpdir()/emtd-test-resources
 * (EMTD_TEST_RESOURCES names another folder), created atomically (a hard link of a file already holding the owner)
 * and naming its owner by host, pid and start time; a lock whose owner died (a killed test) is taken over.
 *
 * "exclusive" is the one resource of another kind: the file runs alone. The suite's runner has every file it starts
 * join the suite first ({@link enterSuite}, a token per running file); an exclusive file waits until every other
 * running file has finished, and files started meanwhile wait until it has. Locks are taken in one order (exclusive
 * first, then the others by name), so no two files can wait for each other.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Every resource a test file can declare, and why it cannot be shared (docs/architecture.md lists them too). */
export const RESOURCES = {
  exclusive: "the file runs alone: it measures latency or time, which a second test file on the 2 cores would distort",
  slurm:
    "the one-node Slurm cluster of scripts/slurm/local-cluster.sh: root's munged, fixed ports, a node that owns every core of the machine",
  chromium:
    "headless Chromium driving pages (with a Jupyter server and kernel, or the executed notebooks' HTML): it fills both cores, and the tests wait for pages to draw",
  swiftshader: "WebGPU on SwiftShader, Chromium's software Vulkan: it runs its shaders on every core",
} as const;

export type Resource = keyof typeof RESOURCES;

const POLL_MS = 200;
/** A wait longer than this says, once, on stderr, what it waits for and who holds it. */
const REPORT_AFTER_MS = 30_000;
/** A breaker's guard older than this belongs to a process killed while it broke a lock: it is removed. */
const GUARD_STALE_MS = 10_000;

function lockDir(): string {
  const dir = process.env.EMTD_TEST_RESOURCES ?? path.join(os.tmpdir(), "emtd-test-resources");
  if (!fs.existsSync(path.join(dir, "suite"))) {
    fs.mkdirSync(path.join(dir, "suite"), { recursive: true });
    for (const d of [dir, path.join(dir, "suite")]) {
      try {
        fs.chmodSync(d, 0o1777); // every user's suite shares the machine's locks
      } catch {
        // another user's folder: usable as it is
      }
    }
  }
  return dir;
}

/** This process's start time in clock ticks since boot (field 22 of /proc/PID/stat), "" where there is no /proc. */
function startTime(pid: number): string {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? "";
  } catch {
    return "";
  }
}

const ME = `${os.hostname()} ${process.pid} ${startTime(process.pid)}`;

/** Whether the process an owner line names is alive: same pid and start time (a reused pid is another process). */
function alive(owner: string): boolean {
  const [host, pidText, start] = owner.trim().split(" ");
  if (host !== os.hostname()) return true; // another machine's (a shared tmp): it cannot be checked, so it is kept
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  return start === undefined || start === "" || startTime(pid) === "" || startTime(pid) === start;
}

function read(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Who else holds a lock file now (its owner line), or null when it is free, ours, or its owner is dead. */
function otherHolder(file: string): string | null {
  const owner = read(file);
  return owner === null || owner === ME || !alive(owner) ? null : owner;
}

/** Remove the lock file of a dead owner, unless it changed meanwhile; breakers take turns through a guard folder. */
function breakIfDead(file: string): void {
  const owner = read(file);
  if (owner === null || owner === ME || alive(owner)) return;
  const guard = `${file}.breaking`;
  try {
    fs.mkdirSync(guard);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    try {
      if (Date.now() - fs.statSync(guard).mtimeMs > GUARD_STALE_MS) fs.rmdirSync(guard);
    } catch {
      // gone meanwhile
    }
    return;
  }
  try {
    if (read(file) === owner) fs.rmSync(file, { force: true });
  } finally {
    fs.rmdirSync(guard);
  }
}

/** Take the lock file atomically: a hard link to a file that already names this process fails if the lock exists. */
function tryTake(file: string): boolean {
  const draft = `${file}.${process.pid}.draft`;
  fs.writeFileSync(draft, ME);
  try {
    fs.linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return read(file) === ME;
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

let waitedMs = 0;
/** How long this process has waited for resources and for its turn, in ms. */
export function waited(): number {
  return waitedMs;
}

/** Wait until `ready()` is true, polling; after REPORT_AFTER_MS say once on stderr what is awaited. */
function waitUntil(ready: () => boolean, what: () => string): void {
  const started = Date.now();
  let reported = false;
  while (!ready()) {
    if (!reported && Date.now() - started > REPORT_AFTER_MS) {
      process.stderr.write(`test resources: ${path.basename(process.argv[1] ?? "")} is waiting for ${what()}\n`);
      reported = true;
    }
    sleep(POLL_MS);
  }
  waitedMs += Date.now() - started;
}

/** The command line of the process an owner line names, for the waiting message. */
function describe(owner: string | null): string {
  if (owner === null) return "nobody";
  const pid = owner.split(" ")[1];
  const command = read(`/proc/${pid}/cmdline`)?.split("\0").join(" ").trim();
  return `pid ${pid}${command ? ` (${command})` : ""}`;
}

const held: string[] = [];
let exitHook = false;
function releaseOnExit(file: string): void {
  held.push(file);
  if (exitHook) return;
  exitHook = true;
  process.on("exit", () => {
    for (const f of held.splice(0)) if (read(f) === ME) fs.rmSync(f, { force: true });
  });
}

function lockFile(name: Resource): string {
  return path.join(lockDir(), `${name}.lock`);
}

function take(name: Resource): void {
  const file = lockFile(name);
  waitUntil(
    () => {
      if (tryTake(file)) return true;
      breakIfDead(file);
      return false;
    },
    () => `"${name}", held by ${describe(read(file))}`,
  );
  releaseOnExit(file);
}

/** The token of this process among the running files of a suite. */
function tokenFile(): string {
  return path.join(lockDir(), "suite", `${process.pid}`);
}

/** The other running files of suites on this machine (their tokens); dead ones' tokens are removed. */
function othersRunning(): string[] {
  const dir = path.join(lockDir(), "suite");
  return fs.readdirSync(dir).filter((name) => {
    const file = path.join(dir, name);
    const owner = read(file);
    if (owner === null || owner === ME) return false;
    if (alive(owner)) return true;
    fs.rmSync(file, { force: true });
    return false;
  });
}

/**
 * Join the suite as one running file (test/support/suite-hook.ts calls it in every file the suite's runner starts,
 * before the file's code): wait while an exclusive file runs, then hold a token until this process exits.
 */
export function enterSuite(): void {
  const exclusive = lockFile("exclusive");
  const token = tokenFile();
  waitUntil(
    () => {
      if (otherHolder(exclusive) !== null) return false;
      fs.writeFileSync(token, ME);
      // An exclusive file may have started between the check and the token: it waits for the token, so step back.
      if (otherHolder(exclusive) === null) return true;
      fs.rmSync(token, { force: true });
      return false;
    },
    () => `the file that runs alone (${describe(read(exclusive))})`,
  );
  releaseOnExit(token);
}

function takeExclusive(): void {
  fs.rmSync(tokenFile(), { force: true }); // leave the running files: waiting among them would wait for itself
  take("exclusive");
  waitUntil(
    () => othersRunning().length === 0,
    () => `the other running test files to finish (pids ${othersRunning().join(", ")})`,
  );
}

let declared = false;

/** Declare what this test file shares with other processes and hold it until the file's process exits (see above). */
export function resource(...names: Resource[]): void {
  if (declared) throw new Error("resource(...) is called once per test file, naming every resource it needs");
  declared = true;
  for (const name of names) {
    if (!Object.hasOwn(RESOURCES, name)) throw new Error(`unknown test resource "${name}": test/support/resources.ts lists them`);
  }
  const ordered = [...new Set(names)].sort((a, b) => (a === "exclusive" ? -1 : b === "exclusive" ? 1 : a.localeCompare(b)));
  for (const name of ordered) {
    if (name === "exclusive") takeExclusive();
    else take(name);
  }
}
