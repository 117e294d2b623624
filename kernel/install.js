#!/usr/bin/env node
"use strict";
// npm run kernel:install [-- --user | --prefix DIR | --print] [--name NAME] [--force]
// Registers this checkout's kernel with the Jupyter on this machine; the kernel runs THIS checkout's library:
// --user (default): the user's Jupyter data folder (`jupyter --data-dir`)/kernels/NAME;
// --prefix DIR: DIR/share/jupyter/kernels/NAME (a virtualenv, conda env, or a folder on JUPYTER_PATH);
// --name NAME: the kernel's name (default emtd), so that two checkouts can be installed side by side;
// --print: print kernel.json and install nothing. Writing a kernelspec is copying one file, so no Python is run.
// A kernelspec of the same name that runs another checkout (or is not ours) is never replaced silently: the
// install says what is there and stops, unless --force (then it says what it replaced).
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
let spec, writeFileAtomic;
try {
  spec = require(path.join(root, "dist", "src", "jupyter", "spec.js"));
  ({ writeFileAtomic } = require(path.join(root, "dist", "src", "files", "atomic.js")));
} catch {
  console.error("emtd kernel:install: dist/ is missing; run `npm install` (or `npm run build`) first");
  process.exit(1);
}
const args = process.argv.slice(2);
const withValue = ["--prefix", "--name"];
const valueOf = (flag) => {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
};
const known = ["--user", "--prefix", "--print", "--name", "--force"];
const unknown = args.find((a, i) => a.startsWith("--") && !known.includes(a) && !withValue.includes(args[i - 1]));
const missing = withValue.find((flag) => args.includes(flag) && (!valueOf(flag) || valueOf(flag).startsWith("--")));
if (unknown || missing) {
  console.error(
    `emtd kernel:install: options are --user (default), --prefix DIR, --name NAME, --print, --force (got ${unknown ?? `${missing} without a value`})`,
  );
  process.exit(2);
}
const name = valueOf("--name") ?? spec.KERNEL_NAME;
if (!spec.isKernelName(name)) {
  console.error(`emtd kernel:install: --name must be letters, digits, '-', '.' or '_' (got ${JSON.stringify(name)})`);
  process.exit(2);
}
const kernelJson = JSON.stringify(spec.kernelSpec(root, process.execPath, name), null, 1) + "\n";
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
const target = path.join(kernels, name);
const file = path.join(target, "kernel.json");
const existing = describeExisting(file);
if (existing && existing.root !== root && !args.includes("--force")) {
  console.error(
    `emtd kernel:install: ${target} already holds ${existing.what}; pass --force to replace it, or --name NAME to install this checkout beside it`,
  );
  process.exit(1);
}
fs.mkdirSync(target, { recursive: true });
writeFileAtomic(file, kernelJson);
// plotly.js beside kernel.json: Jupyter serves it at kernelspecs/NAME/plotly.min.js, where a figure whose page has
// no plotly.js yet (the output that carried it did not render) loads it from.
fs.copyFileSync(require.resolve("plotly.js-dist-min/plotly.min.js", { paths: [root] }), path.join(target, spec.KERNEL_PLOTLY_FILE));
const verb = !existing ? "installed" : existing.root === root ? "reinstalled" : "replaced";
if (verb === "replaced") console.log(`emtd kernel:install: replacing ${existing.what}`);
console.log(`${verb} kernel "${name}" (${spec.displayName(name)}) in ${target}: it runs the library in ${root}`);

/** What an installed kernel.json is: `{ root, what }` (root null when it is not an emtd kernelspec), or null if absent. */
function describeExisting(kernelFile) {
  let text;
  try {
    text = fs.readFileSync(kernelFile, "utf8");
  } catch {
    return null;
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    return { root: null, what: "a kernel.json that does not parse" };
  }
  const other = json && json.metadata && json.metadata.emtd && json.metadata.emtd.root;
  if (typeof other === "string") return { root: other, what: `the kernel of the checkout in ${other}` };
  const argv = Array.isArray(json && json.argv) ? json.argv.join(" ") : "?";
  return { root: null, what: `a kernel that is not this project's (argv: ${argv})` };
}
