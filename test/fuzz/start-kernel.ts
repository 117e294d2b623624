/**
 * The emtd kernel as kernel/launch.js starts it, but from this tree's sources (or their build beside this file), so
 * that the kernel suites test the code they were built with. Usage: node start-kernel.js CONNECTION_FILE [--planted]
 * `--planted` plants the defect of issue 38 for the planted-defect test: the kernel's message validation is turned
 * off (as before the issue), so that a header that is not an object is echoed into IOPub again.
 */
import * as path from "node:path";
import { startKernel } from "../../src/jupyter/server";
import { packageRoot } from "../../src/package";
import * as validate from "../../src/jupyter/validate";

if (process.argv[3] === "--planted") {
  // The compiled modules call validate's exports through the module object: replacing them turns the checks off.
  Object.assign(validate, { envelopeProblem: () => null, contentProblem: () => null });
}

const connectionFile = process.argv[2];
if (connectionFile === undefined) {
  process.stderr.write("usage: start-kernel CONNECTION_FILE\n");
  process.exit(64);
}
startKernel({ connectionFile: path.resolve(connectionFile), root: packageRoot() }).catch((error: Error) => {
  process.stderr.write(`emtd kernel: ${error.stack ?? String(error)}\n`);
  process.exit(1);
});
