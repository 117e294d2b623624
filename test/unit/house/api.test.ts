/**
 * The public surface is deliberate: docs/api-report.md is what the entry points export (regenerate on purpose with
 * `npm run api-report`) and docs/library.md lists every entry point's names, the root stays a front door of at most 60
 * names (values and types), no `@deprecated` name is exported, no subpath exports more than 150 names, no entry point
 * but `emtd/cli`
 * exports the CLI, every name of src/api/ is public somewhere or named internal here, and every name the notebooks,
 * templates, README, docs and scripts import exists on the entry point they import it from.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import {
  LIBRARY_FILE,
  ROOT,
  REPORT_FILE,
  apiSurface,
  changedNames,
  entryPoints,
  listedNames,
  renderNameList,
  renderReport,
  unlistedNames,
} from "../../api-surface";
import { documentImports } from "../../api-usage";

/** Names of src/api/*.ts that no entry point exports: the run loop under the run entry points, bookkeeping. */
const INTERNAL = new Set(["runLoop", "loopRecord", "LoopRecord", "LoopOptions", "COMMITTED_RUN"]);
/** The most names (values and types) the root may export: a front door a new user can read (issue 75 item 3). */
const ROOT_NAME_LIMIT = 60;
/** The most names (values and types) one subpath may export, so that a reader can scan it (issue 52 item 6). */
const SUBPATH_NAME_LIMIT = 150;

const surface = apiSurface();

test("docs/api-report.md is the surface the entry points export (npm run api-report regenerates it)", () => {
  const committed = readFileSync(REPORT_FILE, "utf8");
  const now = renderReport(surface);
  if (committed === now) return;
  const { added, removed, changed } = changedNames(committed, now);
  assert.fail(
    `the public surface differs from docs/api-report.md (run npm run api-report and commit it; moved names go in the CHANGELOG):\n` +
      `  added: ${added.join(", ") || "none"}\n  removed: ${removed.join(", ") || "none"}\n  changed: ${changed.join(", ") || "none"}`,
  );
});

test("a changed surface is reported by name: added, removed and changed signatures", () => {
  const report = renderReport(surface);
  const planted = report
    .replace(/^ready value .*$/m, "ready value function ready(): Promise<string>;")
    .replace(/^key value .*\n/m, "")
    .replace("```ts\n", "```ts\nplanted value const planted: number;\n");
  const diff = changedNames(report, planted);
  assert.deepEqual(diff.added, ["emtd planted"]);
  assert.deepEqual(diff.removed, ["emtd key"]);
  assert.deepEqual(diff.changed, ["emtd ready"]);
});

test("docs/library.md lists every name each entry point exports, and no other (npm run api-report writes the list)", () => {
  const { unlisted, stale } = unlistedNames(surface, listedNames(readFileSync(LIBRARY_FILE, "utf8")));
  assert.deepEqual(
    { unlisted, stale },
    { unlisted: [], stale: [] },
    "an export docs/library.md does not list, or a listed name no longer exported: export on purpose, then npm run api-report",
  );
});

test("the check of docs/library.md's list fails on a stray export and on a stale name", () => {
  const listed = listedNames(renderNameList(surface));
  assert.deepEqual(unlistedNames(surface, listed), { unlisted: [], stale: [] });
  const stray = new Map(surface);
  stray.set("emtd", [...surface.get("emtd")!, { name: "plantedStrayName", runtime: true, signature: "", files: [], deprecated: false }]);
  const gone = new Map(surface);
  gone.set("emtd/stats", surface.get("emtd/stats")!.slice(1));
  assert.deepEqual(unlistedNames(stray, listed), { unlisted: ["emtd plantedStrayName"], stale: [] });
  assert.deepEqual(unlistedNames(gone, listed), { unlisted: [], stale: [`emtd/stats ${surface.get("emtd/stats")![0]!.name}`] });
});

test(`the root exports at most ${ROOT_NAME_LIMIT} names, values and types`, () => {
  const names = surface.get("emtd")!;
  assert.ok(names.length <= ROOT_NAME_LIMIT, `the root exports ${names.length} names: ${names.map((n) => n.name).join(", ")}`);
});

test("no entry point exports a @deprecated name (remove it, with its replacement named in the CHANGELOG)", () => {
  const deprecated = [...surface].flatMap(([specifier, names]) => names.filter((n) => n.deprecated).map((n) => `${specifier} ${n.name}`));
  assert.deepEqual(deprecated, []);
});

test(`no subpath exports more than ${SUBPATH_NAME_LIMIT} names`, () => {
  const over = [...surface].filter(([specifier, names]) => specifier !== "emtd" && names.length > SUBPATH_NAME_LIMIT);
  assert.deepEqual(
    over.map(([specifier, names]) => `${specifier}: ${names.length}`),
    [],
    "split the subpath by concept (package.json exports and typesVersions, src/api/entries/)",
  );
});

test("no entry point but emtd/cli exports a module of src/cli", () => {
  const cli = path.join("dist", "src", "cli") + path.sep;
  for (const [specifier, names] of surface) {
    if (specifier === "emtd/cli") continue;
    const fromCli = names.filter((n) => n.files.some((f) => f.startsWith(cli)));
    assert.deepEqual(
      fromCli.map((n) => n.name),
      [],
      `${specifier} exports names of src/cli (import them from emtd/cli)`,
    );
  }
});

/** The names a module file of src/api exports (`export { a, type B } from …`, `export * as ns from …`). */
function apiFileNames(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  return source.statements.flatMap((s) => {
    if (!ts.isExportDeclaration(s) || !s.exportClause) return [];
    return ts.isNamedExports(s.exportClause) ? s.exportClause.elements.map((e) => e.name.text) : [s.exportClause.name.text];
  });
}

test("every name of src/api/*.ts is on an entry point, or named internal in this test", () => {
  const api = path.join(ROOT, "src", "api");
  const publicNames = new Set([...surface.values()].flatMap((names) => names.map((n) => n.name)));
  const missing = readdirSync(api)
    .filter((f) => f.endsWith(".ts"))
    .flatMap((f) => apiFileNames(path.join(api, f)).map((name) => ({ name, file: f })))
    .filter(({ name }) => !publicNames.has(name) && !INTERNAL.has(name));
  assert.deepEqual(
    missing.map(({ name, file }) => `${name} (src/api/${file})`),
    [],
    "export these from an entry point of src/api/entries/ (or, if internal, name them in INTERNAL)",
  );
  for (const name of INTERNAL) assert.ok(!publicNames.has(name), `${name} is named internal but is public`);
});

test("every name the notebooks, templates, README, docs and scripts import is exported where they import it from", () => {
  const uses = documentImports();
  assert.ok(uses.length >= 40, `only ${uses.length} imports found`);
  const problems = uses.flatMap((use) => {
    const names = surface.get(use.specifier);
    if (!names) return [`${use.file}: ${use.specifier} is not an entry point`];
    const exported = new Set(names.map((n) => n.name));
    return use.names.filter((name) => !exported.has(name)).map((name) => `${use.file}: ${name} is not exported by ${use.specifier}`);
  });
  assert.deepEqual(problems, []);
});

test("typesVersions maps every subpath to the declarations its exports entry names (tslab resolves through it)", () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { typesVersions: { "*": Record<string, string[]> } };
  const mapped = pkg.typesVersions["*"];
  for (const entry of entryPoints()) {
    if (entry.specifier === "emtd") continue;
    const sub = entry.specifier.slice("emtd/".length);
    assert.deepEqual(
      (mapped[sub] ?? []).map((p) => path.normalize(p)),
      [entry.types],
      `typesVersions["*"]["${sub}"]`,
    );
  }
});
