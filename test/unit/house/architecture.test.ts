/**
 * docs/architecture.md stays true of the tree: every folder under src/ (nested ones too) is described in "What each
 * folder owns", every folder the doc names exists, and the floors table names the same top-level folders. A folder
 * written ahead of its branch is marked "(not yet merged)"; once it exists, the mark must go.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, floorsOf, folders } from "../../house";

const DOC = readFileSync(join(ROOT, "docs", "architecture.md"), "utf8");
const SRC = join(ROOT, "src");

/** The folders of the "What each folder owns" list: "- `engine/kernels/`: …" → "engine/kernels", with its mark. */
function described(): Array<{ folder: string; pending: boolean }> {
  const section = DOC.split(/^## /m).find((s) => s.startsWith("What each folder owns"));
  assert.ok(section, 'docs/architecture.md has a "What each folder owns" section');
  return [...section.matchAll(/^- `([^`]+)\/`( \(not yet merged\))?/gm)].map((m) => ({ folder: m[1]!, pending: m[2] !== undefined }));
}

test("every folder under src/ is described in docs/architecture.md", () => {
  const listed = new Set(described().map((d) => d.folder));
  assert.deepEqual(
    folders(SRC).filter((f) => !listed.has(f)),
    [],
  );
});

test("every folder docs/architecture.md describes exists (or is marked as not yet merged)", () => {
  for (const { folder, pending } of described()) {
    const exists = existsSync(join(SRC, folder));
    if (pending) assert.ok(!exists, `src/${folder} exists now: drop "(not yet merged)" from its lines in docs/architecture.md`);
    else assert.ok(exists, `docs/architecture.md describes src/${folder}, which does not exist`);
  }
});

test("the floors table and the folder list name the same top-level folders", () => {
  const onFloors = floorFolders();
  const top = described()
    .map((d) => d.folder)
    .filter((f) => !f.includes("/"))
    .sort();
  assert.deepEqual(onFloors, top);
  for (const floor of floorsOf(DOC))
    for (const part of floor.pending)
      assert.ok(!existsSync(join(SRC, part)), `src/${part} exists now: drop "(not yet merged)" from the floors table`);
});

function floorFolders(): string[] {
  return floorsOf(DOC)
    .flatMap((f) => f.parts)
    .filter((p) => p.endsWith("/"))
    .map((p) => p.slice(0, -1))
    .sort();
}
