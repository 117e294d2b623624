/**
 * The kernel's compiler while files it read change under a running cell: tslab keeps TypeScript's watch program on one
 * pending timer and threw "Unexpected pending rebuildTimer" into the cell's stderr when a second watcher fired before
 * the next cell compiled (a CI run's notebook 00, whose node_modules gained hard links mid-cell). Real files in a
 * fresh folder, changed twice between two cells.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { loadCompiler } from "../../../src/jupyter/compiler";
import { packageRoot } from "../../../src/package";

test("a module's types changed twice while a cell runs: no uncaught error, and the next cells compile and type-check", async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-compiler-watch-"));
  const lib = path.join(folder, "node_modules", "watched-lib");
  fs.mkdirSync(lib, { recursive: true });
  fs.writeFileSync(path.join(lib, "package.json"), JSON.stringify({ name: "watched-lib", version: "1.0.0", types: "index.d.ts" }));
  fs.writeFileSync(path.join(lib, "index.d.ts"), "export declare const size: number;\n");
  fs.writeFileSync(path.join(lib, "index.js"), "exports.size = 3;\n");
  const uncaught: string[] = [];
  const record = (e: Error) => uncaught.push(e.message);
  process.on("uncaughtException", record);
  const cwd = process.cwd();
  process.chdir(folder); // the kernel's folder: tslab resolves a cell's imports from the process's
  try {
    const compiler = loadCompiler(folder, "emtd", packageRoot());
    let decl = "";
    const cell = (src: string) => {
      const r = compiler.converter.convert(decl, src);
      if (r.declOutput !== undefined) decl = r.declOutput;
      return r.diagnostics.map((d) => d.messageText);
    };
    assert.deepEqual(cell('import { size } from "watched-lib";\nconst n: number = size;'), []);
    // As a long cell runs: the module's file touched, and folders made beside it, twice (each a watcher's notice).
    for (let round = 0; round < 2; round++) {
      const when = new Date(Date.now() + 1000 * (round + 1));
      fs.utimesSync(path.join(lib, "index.d.ts"), when, when);
      fs.mkdirSync(path.join(folder, "node_modules", `made-${round}`));
      await sleep(600);
    }
    await sleep(1500);
    assert.deepEqual(uncaught, [], "no watcher threw");
    assert.deepEqual(cell("const m: number = n + 1;"), []);
    assert.equal(cell("const s: string = m;").length, 1, "the program still type-checks");
    compiler.converter.close();
  } finally {
    process.off("uncaughtException", record);
    process.chdir(cwd);
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
