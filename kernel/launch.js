#!/usr/bin/env node
"use strict";
// The `emtd` Jupyter kernel: the project's own tslab (node_modules/tslab), whatever the notebook's folder is.
// Jupyter runs: node kernel/launch.js --config-path {connection_file}
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const main = require.resolve("tslab/dist/main.js", { paths: [root] });
const at = process.argv.indexOf("--config-path");
if (at < 0 || !process.argv[at + 1]) {
  process.stderr.write("emtd kernel: usage: launch.js --config-path CONNECTION_FILE (Jupyter passes it)\n");
  process.exit(2);
}
// enableFindLocal: false, so a tslab found above the notebook's folder cannot replace ours.
require(main).startKernel({ configPath: process.argv[at + 1], enableFindLocal: false, jsKernel: false });
