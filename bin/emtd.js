#!/usr/bin/env node
"use strict";
// The `emtd` command; the implementation is compiled from src/cli/main.ts by `npm run build` (run by npm install).
// A write to a pipe is asynchronous: exiting at once would cut a long --json short at the pipe's buffer (64 KiB), so
// the process exits once stdout and stderr have taken everything written (a closed pipe, `| head`, ends it too).
const flushed = (stream) =>
  new Promise((resolve) => {
    if (stream.writableLength === 0 || stream.destroyed) return resolve();
    stream.once("error", () => resolve());
    stream.write("", () => resolve());
  });
require("../dist/src/cli/main.js")
  .main(process.argv.slice(2))
  .then((code) => Promise.all([flushed(process.stdout), flushed(process.stderr)]).then(() => process.exit(code)));
