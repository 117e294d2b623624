#!/usr/bin/env node
/*
 * Speed of the §3.3 reference, side by side in one process tree: the proposal's Python (Debian /usr/bin/python3,
 * NumPy + networkx; its own timer, interpreter start-up excluded) and the TypeScript implementations, at the same
 * N, decay and signal. Prints one JSON object. Usage (after `npm install`, which builds dist/):
 *   node scripts/reference/bench.js [--nodes 1000] [--python-runs 20] [--port-runs 500] [--tensor-runs 20] [--backend wasm]
 * Runs per second; ratio = port runs/s ÷ Python runs/s (the performance issue asks for ≥ 100×).
 */
const { execFileSync } = require("node:child_process");
const { join } = require("node:path");
const { parseArgs } = require("node:util");
const { ready } = require("emtd");
const { referenceRuns, referenceTensorRuns } = require("emtd/spin");

const { values } = parseArgs({
  options: {
    nodes: { type: "string", default: "1000" },
    "python-runs": { type: "string", default: "20" },
    "port-runs": { type: "string", default: "500" },
    "tensor-runs": { type: "string", default: "20" },
    backend: { type: "string", default: "wasm" },
  },
});
const nodes = Number(values.nodes);

async function main() {
  const script = join(__dirname, "emtd_reference.py");
  const py = JSON.parse(
    execFileSync("/usr/bin/python3", [script, "--nodes", String(nodes), "--runs", values["python-runs"], "--seed", "0"], {
      encoding: "utf8",
      maxBuffer: 1 << 28,
    }),
  );
  const pythonRate = py.runs.length / py.seconds;
  referenceRuns({ nodes }, 20, 10_000); // warm the JIT
  const port = referenceRuns({ nodes }, Number(values["port-runs"]), 0);
  const portRate = port.summary.runs / port.summary.seconds;
  const backend = await ready({ backend: values.backend });
  const tensor = referenceTensorRuns({ nodes }, Number(values["tensor-runs"]), 0, "sequential");
  const colour = referenceTensorRuns({ nodes }, Number(values["tensor-runs"]), 0, "colour");
  const out = {
    nodes,
    python: { runs: py.runs.length, seconds: py.seconds, runsPerSecond: pythonRate, versions: py.versions },
    port: { runs: port.summary.runs, seconds: port.summary.seconds, runsPerSecond: portRate },
    tensorSequential: { backend, runs: tensor.runs.length, seconds: tensor.seconds, runsPerSecond: tensor.runs.length / tensor.seconds },
    tensorColour: { backend, runs: colour.runs.length, seconds: colour.seconds, runsPerSecond: colour.runs.length / colour.seconds },
    portOverPython: portRate / pythonRate,
  };
  process.stdout.write(JSON.stringify(out) + "\n");
}
main().catch((e) => {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exit(1);
});
