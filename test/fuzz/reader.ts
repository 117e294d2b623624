/**
 * Property of the bounded reader (src/files/bounded): for any file and any limits, it either returns the file's
 * whole text, no longer than the budget and with no line past the cap, or refuses with one ArgumentError line;
 * it refuses exactly when the file breaks a limit; devices, FIFOs and directories are refused unless asked for,
 * and asked for, a file with no end (/dev/zero) is still cut at the budget. A reader is a parameter, so the
 * planted-defect test can hand it an unbounded one (readFileSync) and see the property fail.
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { ArgumentError } from "../../src/errors";
import { readBounded, type Limits } from "../../src/files/bounded";
import { oneLine } from "../../src/format";
import { scratch } from "./harness";
import { LINE_LIMIT, type Runs } from "./invariants";
import { specialPath } from "./special-files";

/** A reader under test: the text of `file` within `limits`, or a thrown refusal. */
export type Reader = (file: string, limits: Limits) => string;

export const boundedReader: Reader = (file, limits) => readBounded(file, "edge-list", { where: "emtd/test", argument: "input" }, limits);

/** Text made of lines of random lengths (some long), in ASCII and wider characters. */
const content = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.constantFrom("a", "é", "😀", " ", "\r")), { maxLength: 40 })
  .chain((lines) =>
    fc
      .constantFrom(...[0, 1, 2])
      .map((extra) => lines.map(([n, c]) => c.repeat(n)).join("\n") + (extra === 1 ? "\n" : extra === 2 ? "z".repeat(20_000) : "")),
  );

const limits: fc.Arbitrary<Limits> = fc.record({
  bytes: fc.integer({ min: 1, max: 60_000 }),
  line: fc.option(fc.integer({ min: 1, max: 8_000 }), { nil: null }),
  special: fc.boolean(),
});

type Input = { kind: "text"; text: string } | { kind: "special"; which: "fifo" | "directory" | "zero-link" | "/dev/zero" | "/dev/null" };

let counter = 0;

function within(text: string, l: Limits): boolean {
  if (Buffer.byteLength(text) > l.bytes) return false;
  return l.line === null || text.split("\n").every((line) => Buffer.byteLength(line) <= l.line!);
}

/** The property over regular files (and, with `specials`, over devices, FIFOs and directories). */
export function readerProperty(dir: string, reader: Reader, specials = true) {
  const input: fc.Arbitrary<Input> = specials
    ? fc.oneof(
        { arbitrary: content.map((text) => ({ kind: "text" as const, text })), weight: 5 },
        fc
          .constantFrom("fifo", "directory", "zero-link", "/dev/zero", "/dev/null")
          .map((which) => ({ kind: "special" as const, which: which as never })),
      )
    : content.map((text) => ({ kind: "text" as const, text }));
  return fc.property(input, limits, (inp, l) => {
    const name = `input-${counter++}.txt`;
    const file = inp.kind === "text" ? path.join(dir, name) : specialPath(dir, name, inp.which);
    if (inp.kind === "text") writeFileSync(file, inp.text);
    // A FIFO nobody writes to cannot be read when asked for (it would wait for a writer): only its refusal is checked.
    const limitsNow = inp.kind === "special" && inp.which === "fifo" ? { ...l, special: false } : l;
    let text: string;
    try {
      text = reader(file, limitsNow);
    } catch (error) {
      if (!(error instanceof ArgumentError))
        throw new Error(`refused with ${(error as Error)?.name}, not an ArgumentError: ${String(error)}`, { cause: error });
      const line = oneLine(error.message);
      if (Array.from(line).length > LINE_LIMIT) throw new Error(`refusal of ${Array.from(line).length} characters`, { cause: error });
      if (inp.kind === "text" && within(inp.text, l)) throw new Error(`refused a file within the limits: ${line}`, { cause: error });
      return;
    }
    if (!within(text, l)) throw new Error(`returned ${Buffer.byteLength(text)} bytes past the limits ${JSON.stringify(l)}`);
    if (inp.kind === "text" && text !== inp.text) throw new Error("returned text that is not the file's");
    if (inp.kind === "special" && !limitsNow.special) throw new Error(`read ${inp.which} without being asked to (EMTD_READ_SPECIAL)`);
  });
}

/** Run the reader property `runs.numRuns` times from `runs.seed` (`runs.path` replays one case) on `reader` (the bounded one by default). */
export function checkReader(runs: Runs, reader: Reader = boundedReader, specials = true): void {
  const { dir, remove } = scratch("reader");
  try {
    fc.assert(readerProperty(dir, reader, specials), runs);
  } finally {
    remove();
  }
}
