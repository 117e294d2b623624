/**
 * Property: a variant file (`emtd verdicts --variant FILE`) of any content, extension and kind (a small valid
 * variant, the same with hostile values, code that does not compile or throws, a file past the byte budget or with
 * a line past the cap, a device, a FIFO, a directory) is loaded or refused with one line, exit 2. The file is loaded
 * as `emtd verdicts` loads it (cli/variant-file) and a refusal is reported as `main` reports it (cli/main
 * reportError): measuring a valid variant takes minutes, and is covered by test/integration/cli/variants.test.ts.
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { UsageError } from "../../src/command/options";
import { reportError } from "../../src/cli/main";
import { loadVariantFile } from "../../src/cli/variant-file";
import { anyJson, hostileText } from "./arbitraries";
import { captured, scratch, settle } from "./harness";
import { assertKept, type Runs } from "./invariants";
import { SPECIAL_KINDS, specialPath, type SpecialKind } from "./special-files";

const literal = (value: unknown) => JSON.stringify(value) ?? "undefined";

/** Variant sources: valid small ones, wrong shapes, code that fails to compile or throws while loading. */
const source: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.oneof(fc.constant("mine"), hostileText), fc.constantFrom("mean", "median", "huber", "trimmed", "wmsr", "other"))
    .map(([name, rule]) => `module.exports = { name: ${literal(name)}, rule: ${literal(rule)} };`),
  fc.tuple(hostileText, anyJson).map(([field, value]) => `export default { name: "x", ${literal(field)}: ${literal(value)} };`),
  anyJson.map((value) => `export default ${literal(value)};`),
  hostileText.map((text) => `throw new Error(${literal(text)});`),
  hostileText.map((text) => `export default { name: "x", interaction: ${text} }`),
  hostileText,
  fc.constant(`export default { name: "long", rule: "mean" }; // ${"x".repeat(70 * 1024)}`),
  fc.constant(`/* ${"y".repeat(5 * 2 ** 20)} */`),
);

type VariantFile = { kind: "text"; extension: string; text: string } | { kind: "special"; which: SpecialKind; extension: string };

const variantFile: fc.Arbitrary<VariantFile> = fc.oneof(
  {
    arbitrary: fc
      .tuple(fc.constantFrom(".ts", ".js", ".cjs", ".mts", ".txt", ""), source)
      .map(([extension, text]) => ({ kind: "text" as const, extension, text })),
    weight: 8,
  },
  fc
    .tuple(fc.constantFrom(...SPECIAL_KINDS), fc.constantFrom(".ts", ".js"))
    .map(([which, extension]) => ({ kind: "special" as const, which, extension })),
);

let counter = 0;

export function variantArbitrary(): fc.Arbitrary<VariantFile> {
  return variantFile;
}

/** Write `file` in `dir`; its path. */
export function placeVariant(dir: string, file: VariantFile): string {
  const name = `variant-${counter++}${file.extension}`;
  if (file.kind === "special") return specialPath(dir, name, file.which);
  writeFileSync(path.join(dir, name), file.text);
  return path.join(dir, name);
}

/** Load `file` as `emtd verdicts --variant` does; 0 when it loads, else what main prints and returns. */
export function loadAsCommand(file: string): Promise<number> {
  return Promise.resolve().then(() => {
    try {
      loadVariantFile(file, (message) => {
        throw new UsageError(message);
      });
      return 0;
    } catch (error) {
      return reportError(error, "verdicts", ["--variant", file]);
    }
  });
}

export function variantProperty(dir: string) {
  return fc.asyncProperty(variantFile, async (file) => {
    const where = placeVariant(dir, file);
    assertKept(
      await captured(() => loadAsCommand(where)),
      `--variant ${file.kind === "text" ? JSON.stringify(file.text.slice(0, 200)) : file.which}`,
    );
  });
}

/** Run the variant-file property `runs.numRuns` times from `runs.seed` (`runs.path` replays one case). */
export async function checkVariants(runs: Runs): Promise<void> {
  await settle();
  const { dir, remove } = scratch("variants");
  try {
    await fc.assert(variantProperty(dir), runs);
  } finally {
    remove();
  }
}
