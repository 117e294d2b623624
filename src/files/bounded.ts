/**
 * Input files read within bounds (issue 38): a byte budget and, for line-oriented text, a line-length cap, both
 * checked while reading (a file with no end, `/dev/zero` or a FIFO fed by `yes`, is stopped at the budget, not read
 * into memory); devices, FIFOs, sockets and directories are refused before a byte is read unless
 * `EMTD_READ_SPECIAL=1` asks for them. Each refusal is an {@link ArgumentError}: one line, exit 2 from `emtd`.
 *
 * The limits, per kind of input, and the variables that raise them (documented in docs/cli.md):
 * - `EMTD_MAX_INPUT_BYTES` (bytes, or with a K/M/G suffix): the byte budget of every input file;
 * - `EMTD_MAX_LINE_BYTES`: the line cap of line-oriented inputs (edge lists, variant sources);
 * - `EMTD_READ_SPECIAL=1`: read devices and FIFOs too (still within the budget).
 */
import fs from "node:fs";
import { ArgumentError } from "../errors";

/** What is read: each kind has its own default budget and says whether it is read line by line. */
export type InputKind = "graph" | "edge-list" | "config" | "variant" | "notebook" | "state" | "verdict-run";

const KiB = 1024;
const MiB = 1024 * KiB;

/** V8's longest string (Node 20: 2^29 − 24 characters): a budget above it could not be decoded anyway. */
export const MAX_STRING_BYTES = 2 ** 29 - 24;

/**
 * Default limits. A line cap of `null`: a JSON or XML document may be one line (minified); its parser does not work
 * line by line and the byte budget bounds it. Graph files and notebooks with outputs are large; configs are small.
 */
export const INPUT_LIMITS: Readonly<Record<InputKind, { bytes: number; line: number | null; what: string }>> = {
  graph: { bytes: 64 * MiB, line: null, what: "graph file" },
  "edge-list": { bytes: 64 * MiB, line: 64 * KiB, what: "edge list" },
  config: { bytes: 1 * MiB, line: null, what: "JSON file" },
  variant: { bytes: 4 * MiB, line: 64 * KiB, what: "variant file" },
  notebook: { bytes: 64 * MiB, line: null, what: "notebook" },
  // `emtd verdicts --json`: the committed 20-replicate run of 49 claims is 0.35 MiB.
  "verdict-run": { bytes: 64 * MiB, line: null, what: "verdict run (emtd verdicts --json)" },
  // What `emtd run` wrote in its --out folder (checkpoint, result): as large as a string can be (whatever
  // EMTD_MAX_INPUT_BYTES says: a run must resume), never a FIFO.
  state: { bytes: MAX_STRING_BYTES, line: null, what: "JSON file written by emtd run" },
};

const CHUNK = 1 * MiB;
const WHERE = "emtd/files";

/** Who reads and what the input is called, as a refusal names them (`emtd run` and `CONFIG`); the file is in its "got". */
export interface Naming {
  where: string;
  argument: string;
}

export interface Limits {
  /** Bytes read at most; one more is a refusal. */
  bytes: number;
  /** Longest line in bytes (without its newline), or null for none. */
  line: number | null;
  /** Devices and FIFOs are read (within `bytes`) instead of refused. */
  special: boolean;
}

/** A size in bytes from an environment variable: digits, optionally with K, M or G (powers of 1024). */
function sizeVariable(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$/i.exec(raw);
  const value = m ? Math.floor(Number(m[1]) * { "": 1, k: KiB, m: MiB, g: 1024 * MiB }[m[2]!.toLowerCase() as "" | "k" | "m" | "g"]) : NaN;
  if (!(value >= 1 && value <= MAX_STRING_BYTES))
    throw new ArgumentError(WHERE, name, `a size in bytes in [1, ${MAX_STRING_BYTES}] (e.g. 268435456 or 256M)`, raw);
  return value;
}

/**
 * The limits for `kind`, with the environment's overrides applied. Throws an {@link ArgumentError} naming the
 * variable when one is set to something that is not a size.
 *
 * Example (an internal module: not part of the package's API, so not run as a doc test):
 * ```ts
 * inputLimits("config"); // → { bytes: 1048576, line: null, special: false } (without the variables set)
 * ```
 */
export function inputLimits(kind: InputKind): Limits {
  const base = INPUT_LIMITS[kind];
  const bytes = kind === "state" ? base.bytes : (sizeVariable("EMTD_MAX_INPUT_BYTES") ?? base.bytes);
  const line = base.line === null ? null : (sizeVariable("EMTD_MAX_LINE_BYTES") ?? base.line);
  return { bytes, line, special: process.env.EMTD_READ_SPECIAL === "1" };
}

function kindOf(stats: fs.Stats): string | null {
  if (stats.isFile()) return null;
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

const size = (bytes: number) =>
  bytes >= MiB ? `${+(bytes / MiB).toFixed(1)} MiB` : bytes >= KiB ? `${+(bytes / KiB).toFixed(1)} KiB` : `${bytes} bytes`;

/**
 * The text of `file` as UTF-8, read within `limits` (default: {@link inputLimits} of `kind`); `naming` says who reads
 * it and what the input is called in a refusal. Throws an {@link ArgumentError} when the file
 * is missing or unreadable, is not a regular file (unless `limits.special`), is larger than `limits.bytes`, or has a
 * line longer than `limits.line`. It reads at most the budget plus one byte, so memory stays a small multiple of the
 * budget (the bytes, then the decoded string) whatever the file is.
 *
 * Example (an internal module: not part of the package's API, so not run as a doc test):
 * ```ts
 * import { writeFileSync } from "node:fs";
 * writeFileSync("/tmp/edges.txt", "a b\nb c\n");
 * const naming = { where: "emtd/graph/files", argument: "graph" };
 * readBounded("/tmp/edges.txt", "edge-list", naming); // → "a b\nb c\n"
 * readBounded("/dev/zero", "edge-list", naming); // throws: emtd/graph/files: graph must be a regular file … (got "/dev/zero: a character device")
 * ```
 */
export function readBounded(file: string, kind: InputKind, naming: Naming, limits: Limits = inputLimits(kind)): string {
  const what = INPUT_LIMITS[kind].what;
  const a = /^[aeiou]/.test(what) ? `an ${what}` : `a ${what}`;
  const refuse = (accepted: string, reason: string, argument = naming.argument) =>
    new ArgumentError(naming.where, argument, accepted, `${file}: ${reason}`);
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO that no one writes to would otherwise wait for a writer forever.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "does not exist (ENOENT)" : code === "EACCES" ? "permission denied (EACCES)" : (code ?? (error as Error).message);
    throw refuse(`a readable ${what}`, reason);
  }
  try {
    const special = kindOf(fs.fstatSync(fd));
    if (special === "a directory") throw refuse(`a readable ${what} (a file, not a directory)`, special);
    if (special !== null && !limits.special)
      throw refuse(`a regular file (a device or FIFO may have no end; EMTD_READ_SPECIAL=1 reads one, within the byte budget)`, special);
    if (special !== null) {
      // Asked for: read it as a stream, blocking as a pipe does. The blocking end is opened before the probing end is
      // closed: a FIFO left with no reader for an instant kills a writer that writes then (SIGPIPE), and the blocking
      // open would then wait for a writer forever.
      const blocking = fs.openSync(file, "r");
      fs.closeSync(fd);
      fd = blocking;
    }
    const tooLarge = (got: string) => refuse(`${a} of at most ${size(limits.bytes)} (EMTD_MAX_INPUT_BYTES raises the budget)`, got);
    const stated = fs.fstatSync(fd).size;
    if (stated > limits.bytes) throw tooLarge(size(stated));
    return readWithin(fd, limits, {
      tooLarge: () => tooLarge(`more than ${size(limits.bytes)}`),
      longLine: (line) =>
        refuse(
          `a line of at most ${size(limits.line!)} in ${a} (EMTD_MAX_LINE_BYTES raises the cap)`,
          `more than ${size(limits.line!)}`,
          `${naming.argument} line ${line}`,
        ),
      unreadable: (code) => refuse(`a readable ${what}`, code),
    });
  } finally {
    fs.closeSync(fd);
  }
}

interface Refusals {
  tooLarge(): ArgumentError;
  longLine(line: number): ArgumentError;
  unreadable(code: string): ArgumentError;
}

/** Read `fd` to its end in chunks, refusing as soon as the budget or the line cap is passed. */
function readWithin(fd: number, limits: Limits, refusals: Refusals): string {
  const chunks: Buffer[] = [];
  let total = 0;
  let lineLength = 0;
  let lineNumber = 1;
  const scratch = Buffer.allocUnsafe(CHUNK);
  for (;;) {
    let n: number;
    try {
      // One byte past the budget is enough to know it is passed.
      n = fs.readSync(fd, scratch, 0, Math.min(CHUNK, limits.bytes - total + 1), null);
    } catch (error) {
      throw refusals.unreadable((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    }
    if (n === 0) break;
    total += n;
    if (total > limits.bytes) throw refusals.tooLarge();
    // A copy of what was read: a pipe gives 64 KiB at a time, and a view would keep the whole scratch buffer alive.
    const data = Buffer.from(scratch.subarray(0, n));
    if (limits.line !== null) {
      for (let start = 0; start < n;) {
        const nl = data.indexOf(10, start);
        const end = nl < 0 ? n : nl;
        lineLength += end - start;
        if (lineLength > limits.line) throw refusals.longLine(lineNumber);
        if (nl < 0) break;
        lineLength = 0;
        lineNumber++;
        start = end + 1;
      }
    }
    chunks.push(data);
  }
  const text = Buffer.concat(chunks, total).toString("utf8");
  // A byte-order mark is not content (JSON.parse refuses it; an edge list would take it into its first node's id).
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
