/**
 * Claims as data (issue 74, item 2), read afresh from the sources on every run: no line of src/claims is over 160
 * characters (long prose in a record is wrapped, its pieces joined back to the same string); no figure (src/figures)
 * or notebook takes a design from a claim's record file (src/claims/section*.ts, essay*.ts): designs live in
 * src/studies/, where the claim, its figure and its notebook all take them; and no study group (a folder of
 * src/studies/) imports another. The faults not mended yet are listed below, each with why it waits. The last test
 * plants each fault and sees the checks catch it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, arrows, sources, type Arrow } from "../../house";

const SRC = join(ROOT, "src");
const MAX_CHARS = 160;

/** Known faults, each with why it waits; an entry whose fault is gone fails the test, so the lists only shrink. */
const LONG_PENDING: Record<string, string> = {};
/** Figures whose claim's experiment is still a claim's measurement (a MeasureContext, a two-stage plan), not a study's. */
const FIGURES_PENDING: Record<string, string> = {};
/** Notebooks that still take a design from a claim's record file through emtd/claims. */
const NOTEBOOKS_PENDING = new Set<string>();

/** The faults in `found` not pending (by `keyOf`), and the pending keys no fault has now (their entry must go). */
function beyondPending(found: string[], keyOf: (fault: string) => string, pending: string[]): { faults: string[]; stale: string[] } {
  return {
    faults: found.filter((f) => !pending.includes(keyOf(f))),
    stale: pending.filter((k) => !found.some((f) => keyOf(f) === k)),
  };
}
/** A fault's file: "src/claims/x.ts:12 (…)" → "src/claims/x.ts", "16-….ipynb: name" → "16-….ipynb". */
const fileOf = (fault: string) => fault.split(":")[0]!;

/** A claim's record file: one of the claims' section or essay files (the rest of src/claims is machinery). */
function isClaimFile(file: string): boolean {
  return /^claims\/(section|essay)[^/]*\.ts$/.test(file);
}

/** "file:line (n chars)" for every line of `files` (path → text) longer than {@link MAX_CHARS}. */
function longLines(files: Map<string, string>): string[] {
  return [...files].flatMap(([file, text]) =>
    text.split("\n").flatMap((line, i) => (line.length > MAX_CHARS ? [`${file}:${i + 1} (${line.length} chars)`] : [])),
  );
}

/** Figures that import a claim's record file, as "from → to". */
function figuresOnClaims(all: Arrow[]): string[] {
  return all.filter((a) => a.from.startsWith("figures/") && isClaimFile(a.to)).map((a) => `${a.from} → ${a.to}`);
}

/** Imports from one study group (studies/<group>/) into another, as "from → to". */
function studiesAcrossGroups(all: Arrow[]): string[] {
  const group = (file: string) => /^studies\/([^/]+)\//.exec(file)?.[1];
  return all
    .filter((a) => group(a.from) !== undefined && group(a.to) !== undefined && group(a.from) !== group(a.to))
    .map((a) => `${a.from} → ${a.to}`);
}

/**
 * The names `api` (src/api/claims.ts's text) re-exports from a claim's record file, other than the claim lists
 * themselves (`claims as …`, `essayClaims`, the `sectionNClaims` namespaces): what a notebook must take elsewhere.
 */
function claimFileNames(api: string): Set<string> {
  const names = new Set<string>();
  for (const m of api.matchAll(/export\s*\{([^}]*)\}\s*from\s*"\.\.\/claims\/([^"]+)"/g)) {
    if (!isClaimFile(`claims/${m[2]}.ts`)) continue;
    for (const part of m[1]!.split(",")) {
      const spec = part.trim().replace(/^type\s+/, "");
      if (spec === "" || /^claims\s+as\b/.test(spec) || spec === "essayClaims") continue;
      names.add(spec.split(/\s+as\s+/).at(-1)!);
    }
  }
  return names;
}

/** "notebook: name" for every name a notebook's code imports from "emtd/claims" that is in `fromClaimFiles`. */
function notebooksOnClaims(notebooks: Map<string, string>, fromClaimFiles: Set<string>): string[] {
  return [...notebooks].flatMap(([name, code]) =>
    [...code.matchAll(/import\s*\{([^}]*)\}\s*from\s*"emtd\/claims"/g)].flatMap((m) =>
      m[1]!
        .split(",")
        .map((s) =>
          s
            .trim()
            .split(/\s+as\s+/)[0]!
            .replace(/^type\s+/, ""),
        )
        .filter((s) => fromClaimFiles.has(s))
        .map((s) => `${name}: ${s}`),
    ),
  );
}

function claimSources(): Map<string, string> {
  return new Map(
    sources(SRC)
      .filter((f) => f.startsWith("claims/"))
      .map((f) => [`src/${f}`, readFileSync(join(SRC, f), "utf8")]),
  );
}

/** Each notebook's code cells joined, by file name. */
function notebookCode(): Map<string, string> {
  const dir = join(ROOT, "notebooks");
  return new Map(
    readdirSync(dir)
      .filter((f) => f.endsWith(".ipynb"))
      .map((f) => {
        const nb = JSON.parse(readFileSync(join(dir, f), "utf8")) as { cells: Array<{ cell_type: string; source: string[] | string }> };
        const code = nb.cells.filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
        return [f, code.join("\n")];
      }),
  );
}

test(`no line of src/claims is over ${MAX_CHARS} characters (but in the files of LONG_PENDING)`, () => {
  const files = claimSources();
  assert.ok(files.size > 30, `the scan found src/claims (${files.size} files)`);
  const keys = Object.keys(LONG_PENDING);
  const { faults, stale } = beyondPending(longLines(files), fileOf, keys);
  assert.deepEqual(faults, []);
  assert.deepEqual(stale, [], "these files have no long line now: drop them from LONG_PENDING");
});

test("no figure imports a claim's record file (its design lives in src/studies/), but those of FIGURES_PENDING", () => {
  const all = arrows(SRC);
  assert.ok(
    all.some((a) => a.from.startsWith("figures/") && a.to.startsWith("studies/")),
    "the scan sees figures → studies",
  );
  const keys = Object.keys(FIGURES_PENDING);
  const { faults, stale } = beyondPending(figuresOnClaims(all), (f) => f, keys);
  assert.deepEqual(faults, []);
  assert.deepEqual(stale, [], "these figures no longer import the claim file: drop them from FIGURES_PENDING");
});

test("no notebook imports a design from a claim's record file (through emtd/claims), but those of NOTEBOOKS_PENDING", () => {
  const names = claimFileNames(readFileSync(join(SRC, "api", "claims.ts"), "utf8"));
  const notebooks = notebookCode();
  assert.ok(notebooks.size > 10, `the scan found the notebooks (${notebooks.size})`);
  const keys = [...NOTEBOOKS_PENDING];
  const { faults, stale } = beyondPending(notebooksOnClaims(notebooks, names), fileOf, keys);
  assert.deepEqual(faults, []);
  assert.deepEqual(stale, [], "these notebooks no longer import a claim file's names: drop them from NOTEBOOKS_PENDING");
});

test("no study group imports another", () => {
  const all = arrows(SRC);
  assert.ok(
    all.some((a) => a.from.startsWith("studies/") && a.to.startsWith("studies/")),
    "the scan sees imports within studies/",
  );
  assert.deepEqual(studiesAcrossGroups(all), []);
});

test("planted faults are caught: a long line, a figure on a claim file, a notebook on a design, one group on another, a stale pending entry", () => {
  const long = `  quote: "${"x".repeat(MAX_CHARS)}",`;
  assert.deepEqual(longLines(new Map([["src/claims/planted.ts", `ok\n${long}\n`]])), [`src/claims/planted.ts:2 (${long.length} chars)`]);
  assert.deepEqual(longLines(new Map([["src/claims/planted.ts", "x".repeat(MAX_CHARS)]])), [], "a line of exactly 160 passes");
  const planted: Arrow[] = [
    { from: "figures/nb99.ts", to: "claims/section9-planted.ts" },
    { from: "figures/nb99.ts", to: "claims/machinery/streams.ts" },
    { from: "figures/nb99.ts", to: "studies/planted/design.ts" },
    { from: "studies/cooling/a.ts", to: "studies/traps/b.ts" },
    { from: "studies/cooling/a.ts", to: "studies/cooling/c.ts" },
    { from: "studies/cooling/a.ts", to: "spin/problem.ts" },
  ];
  assert.deepEqual(figuresOnClaims(planted), ["figures/nb99.ts → claims/section9-planted.ts"]);
  assert.deepEqual(studiesAcrossGroups(planted), ["studies/cooling/a.ts → studies/traps/b.ts"]);
  const api = [
    'export { claims as essayClaimList, essayClaims } from "../claims/essay";',
    'export { PLANTED_DESIGN, TEMPERATURE as PLANTED_T } from "../claims/essay-planted";',
    'export { streamKey } from "../claims/machinery/streams";',
  ].join("\n");
  const names = claimFileNames(api);
  assert.deepEqual([...names].sort(), ["PLANTED_DESIGN", "PLANTED_T"]);
  const nb = new Map([["99-planted.ipynb", 'import { streamKey, PLANTED_DESIGN } from "emtd/claims";\nimport { x } from "emtd";']]);
  assert.deepEqual(notebooksOnClaims(nb, names), ["99-planted.ipynb: PLANTED_DESIGN"]);
  const found = ["src/claims/a.ts:3 (170 chars)", "src/claims/b.ts:9 (200 chars)"];
  assert.deepEqual(beyondPending(found, fileOf, ["src/claims/a.ts", "src/claims/gone.ts"]), {
    faults: ["src/claims/b.ts:9 (200 chars)"],
    stale: ["src/claims/gone.ts"],
  });
});
