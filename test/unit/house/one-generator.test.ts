/**
 * One generator on a claim's path (issue 72, item 1): every draw a claim makes comes from the counter-based
 * generator (Philox4x32-10), so a run's numbers are a pure function of its key and counter whatever loop runs it.
 * The test walks the imports from every file of src/claims, read afresh from the sources, and names each file on
 * that path that implements or inlines another generator: Alea (seedrandom's), xoshiro128**, sfc32, or tfjs's own
 * random ops. The files not moved yet are listed below; an entry whose generator is gone fails the test, so the list
 * only shrinks. The last test plants each generator and sees the walk catch it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, arrows, type Arrow } from "../../house";

const SRC = join(ROOT, "src");

/** What marks a generator in a file's code (comments stripped): its name, or the calls that run it. */
const GENERATORS: Record<string, RegExp> = {
  Alea: /\baleaNext\b|seedrandom\.alea\b|\bAleaState\b/,
  xoshiro: /xoshiro/i,
  sfc32: /sfc32/i,
  "tfjs random ops": /\btf\.random[A-Z]\w*\(|\brandom(?:Normal|Uniform|Gamma)\(/,
};

/** Files on a claim's path that still hold another generator, until the re-draw moves them (issue 72 item 5). */
const PENDING: Record<string, string> = {};

/** Every file reached by imports from a file of src/claims (the claims' path). */
function claimsPath(all: readonly Arrow[]): Set<string> {
  const next = new Map<string, string[]>();
  for (const a of all) next.set(a.from, [...(next.get(a.from) ?? []), a.to]);
  const reached = new Set(all.map((a) => a.from).filter((f) => f.startsWith("claims/")));
  const todo = [...reached];
  while (todo.length > 0)
    for (const to of next.get(todo.pop()!) ?? [])
      if (!reached.has(to)) {
        reached.add(to);
        todo.push(to);
      }
  return reached;
}

/** The generators in a file's code, comma-joined in {@link GENERATORS}' order ("" for none). */
function generatorsIn(text: string): string {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
  return Object.entries(GENERATORS)
    .filter(([, mark]) => mark.test(code))
    .map(([name]) => name)
    .join(",");
}

test("one generator: no file on a claim's path holds Alea, xoshiro, sfc32 or tfjs's random ops beyond the pending list", () => {
  const path = claimsPath(arrows(SRC));
  assert.ok(path.size > 100, `the walk reached ${path.size} files from src/claims: the import reading is broken`);
  const found = Object.fromEntries(
    [...path]
      .sort()
      .map((file) => [file, generatorsIn(readFileSync(join(SRC, file), "utf8"))] as const)
      .filter(([, g]) => g !== ""),
  );
  const beyond = Object.entries(found).filter(([file, g]) => PENDING[file] !== g);
  const stale = Object.keys(PENDING).filter((file) => found[file] === undefined);
  assert.deepEqual(beyond, [], "a generator on a claim's path that is not pending (or pending under another name)");
  assert.deepEqual(stale, [], "a pending entry whose generator is gone: remove it");
});

test("one generator: the walk catches each generator planted in a file's code, and not in its comments", () => {
  assert.equal(generatorsIn("const s = { s0: 0 } as AleaState; aleaNext(s);"), "Alea");
  assert.equal(generatorsIn("(func $xoshiro_next (result i32))"), "xoshiro");
  assert.equal(generatorsIn("const x = sfc32(a, b, c, d);"), "sfc32");
  assert.equal(generatorsIn("const z = tf.randomNormal([2], 0, 1, 'float32', 3);"), "tfjs random ops");
  assert.equal(generatorsIn("/** xoshiro and sfc32 were here */\n// aleaNext too\nconst philox = 1;"), "");
  const planted = claimsPath([
    { from: "claims/a.ts", to: "studies/b.ts" },
    { from: "studies/b.ts", to: "engine/c.ts" },
    { from: "figures/d.ts", to: "engine/e.ts" },
  ]);
  assert.deepEqual([...planted].sort(), ["claims/a.ts", "engine/c.ts", "studies/b.ts"]);
});
