#!/usr/bin/env node
"use strict";
// npm run kernel:install [-- --user | --prefix DIR | --print]
// Registers the `emtd` kernel ("EMTD (TypeScript)", this checkout's tslab) with the Jupyter on this machine:
// --user (default): the user's Jupyter data folder (`jupyter --data-dir`)/kernels/emtd;
// --prefix DIR: DIR/share/jupyter/kernels/emtd (a virtualenv, conda env, or a folder on JUPYTER_PATH);
// --print: print kernel.json and install nothing. Writing a kernelspec is copying one file, so no Python is run.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
let spec;
try {
  spec = require(path.join(root, "dist", "src", "jupyter", "spec.js"));
} catch {
  console.error("emtd kernel:install: dist/ is missing; run `npm install` (or `npm run build`) first");
  process.exit(1);
}
const args = process.argv.slice(2);
const valueOf = (flag) => {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
};
const known = ["--user", "--prefix", "--print"];
const unknown = args.find((a, i) => a.startsWith("--") && !known.includes(a) && args[i - 1] !== "--prefix");
if (unknown || (args.includes("--prefix") && !valueOf("--prefix"))) {
  console.error(`emtd kernel:install: options are --user (default), --prefix DIR, --print (got ${unknown ?? "--prefix without DIR"})`);
  process.exit(2);
}
const kernelJson = JSON.stringify(spec.kernelSpec(root), null, 1) + "\n";
if (args.includes("--print")) {
  process.stdout.write(kernelJson);
  process.exit(0);
}

let kernels;
const prefix = valueOf("--prefix");
if (prefix) {
  kernels = path.join(path.resolve(prefix), "share", "jupyter", "kernels");
} else {
  const found = spawnSync("jupyter", ["--data-dir"], { encoding: "utf8" });
  if (found.error || found.status !== 0 || !found.stdout.trim()) {
    console.error(
      "emtd kernel:install: no Jupyter found on PATH (install JupyterLab or Notebook, or pass --prefix DIR); `npx emtd notebooks` runs the notebooks without one",
    );
    process.exit(1);
  }
  kernels = path.join(found.stdout.trim(), "kernels");
}
const target = path.join(kernels, spec.KERNEL_NAME);
fs.mkdirSync(target, { recursive: true });
fs.writeFileSync(path.join(target, "kernel.json"), kernelJson);
console.log(`installed kernel "${spec.KERNEL_NAME}" (${spec.KERNEL_DISPLAY_NAME}) in ${target}`);
