/**
 * `npm install` in a fresh clone must leave package-lock.json as committed (issue 25, item 5: the lock said 0.1.0
 * while the package said 0.2.0, so every clone was dirty right after set-up). Cheap form: the lock's root entry
 * matches package.json, and `npm install --package-lock-only --ignore-scripts` in a temporary copy rewrites nothing
 * (offline, from the cache the project's own install filled). Also: playwright-core is an optional peer dependency.
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(TEST_DIR, "../..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const lockText = fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8");
const lock = JSON.parse(lockText);

test("the lock's root package is package.json's: name, version and every dependency range", () => {
  assert.equal(lock.name, pkg.name);
  assert.equal(lock.version, pkg.version);
  const root = lock.packages[""];
  assert.equal(root.name, pkg.name);
  assert.equal(root.version, pkg.version);
  for (const field of ["dependencies", "devDependencies", "peerDependencies", "peerDependenciesMeta"]) {
    assert.deepEqual(root[field] ?? {}, pkg[field] ?? {}, field);
  }
});

test("npm install --package-lock-only in a copy of the project leaves package-lock.json byte-identical", (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-lock-"));
  try {
    fs.copyFileSync(path.join(ROOT, "package.json"), path.join(dir, "package.json"));
    fs.writeFileSync(path.join(dir, "package-lock.json"), lockText);
    const r = spawnSync("npm", ["install", "--package-lock-only", "--ignore-scripts", "--offline", "--no-audit", "--no-fund"], {
      cwd: dir,
      encoding: "utf8",
      timeout: 120_000,
    });
    if (r.status !== 0 && /ENOTCACHED|ENOTFOUND|EAI_AGAIN/.test(r.stderr))
      return t.skip("npm's cache lacks a package and the registry is offline");
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(dir, "package-lock.json"), "utf8"), lockText, "npm install would rewrite package-lock.json");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("playwright-core (PNG/SVG of figures) is an optional peer dependency, present for the project's own tests", () => {
  assert.ok(pkg.peerDependencies?.["playwright-core"]);
  assert.equal(pkg.peerDependenciesMeta?.["playwright-core"]?.optional, true);
  assert.equal(pkg.devDependencies?.["playwright-core"], pkg.peerDependencies["playwright-core"]);
});
