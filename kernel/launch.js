#!/usr/bin/env node
"use strict";
// The `emtd` Jupyter kernel: this checkout's library, whatever the notebook's folder is.
// Jupyter runs: node kernel/launch.js --config-path {connection_file}   (from the notebook's folder)
// The kernel (dist/src/jupyter/server.js) resolves `import … from "emtd"` to this checkout, at run time and for
// the type checker, and says so in its kernel_info banner.
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const at = process.argv.indexOf("--config-path");
if (at < 0 || !process.argv[at + 1]) {
  process.stderr.write("emtd kernel: usage: launch.js --config-path CONNECTION_FILE (Jupyter passes it)\n");
  process.exit(2);
}
let server;
try {
  server = require(path.join(root, "dist", "src", "jupyter", "server.js"));
} catch (error) {
  process.stderr.write(`emtd kernel: cannot load ${path.join(root, "dist")} (run \`npm run build\` in ${root}): ${error.message}\n`);
  process.exit(1);
}
server.startKernel({ connectionFile: process.argv[at + 1], root }).catch((error) => {
  process.stderr.write(`emtd kernel: ${error.stack ?? error}\n`);
  process.exit(1);
});
