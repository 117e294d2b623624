#!/usr/bin/env node
"use strict";
// The `emtd` command; the implementation is compiled from src/cli/main.ts by `npm run build` (run by npm install).
require("../dist/src/cli/main.js")
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
