/**
 * The §3.3 algorithm on tensors (src/reference-port/tensor-port.ts) against the proposal's Python (the fixture described in
 * test/integration/cli/reference.test.ts), with the same Pearson two-sample chi-square at α = 0.001:
 * - "sequential" (batched over runs, sequential over nodes) must agree with the Python in steps and agreement;
 * - "colour" (colour classes updated at once: a different sweep order) must keep the agreement distribution but is
 *   expected to DIFFER in steps — the test asserts that it does, documenting that the vectorisation changes the chain.
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { referenceTensorRuns } from "../../../src/reference-port/tensor-port";
import { chiSquareTwoSample, histogram } from "../../../src/stats/twosample";

const ALPHA = 0.001;
const fixture = JSON.parse(readFileSync(join(TEST_DIR, "..", "..", "test", "fixtures", "reference-python-n50.json"), "utf8")) as {
  runs: { steps: number; agreement: number }[];
};
const pySteps = histogram(
  fixture.runs.map((r) => r.steps),
  1,
  20,
);
const classes = (xs: readonly number[]) => [
  xs.filter((x) => x === 0).length,
  xs.filter((x) => x > 0 && x < 1).length,
  xs.filter((x) => x === 1).length,
];
const pyAgreement = classes(fixture.runs.map((r) => r.agreement));

function compare(runs: { steps: number; agreement: number }[]) {
  return {
    steps: chiSquareTwoSample(
      histogram(
        runs.map((r) => r.steps),
        1,
        20,
      ),
      pySteps,
    ),
    agreement: chiSquareTwoSample(classes(runs.map((r) => r.agreement)), pyAgreement),
  };
}

test("tensor (sequential sweep, batched over runs) matches the Python on wasm; no tensor leaks", async () => {
  await ready({ backend: "wasm" });
  const before = tf.memory().numTensors;
  const result = referenceTensorRuns({ nodes: 50 }, 1000, 0, "sequential");
  assert.equal(tf.memory().numTensors, before, "tensors leaked");
  const c = compare(result.runs);
  assert.ok(c.steps.pValue > ALPHA, `steps p = ${c.steps.pValue}: ${c.steps.a} vs ${c.steps.b}`);
  assert.ok(c.agreement.pValue > ALPHA, `agreement p = ${c.agreement.pValue}: ${c.agreement.a} vs ${c.agreement.b}`);
});

test("tensor (sequential) on cpu: matches the Python, and one seed gives one result", async () => {
  await ready({ backend: "cpu" });
  const a = referenceTensorRuns({ nodes: 50 }, 300, 0, "sequential");
  const b = referenceTensorRuns({ nodes: 50 }, 300, 0, "sequential");
  assert.deepEqual(a.runs, b.runs);
  const c = compare(a.runs);
  assert.ok(c.steps.pValue > ALPHA && c.agreement.pValue > ALPHA, `p = ${c.steps.pValue}, ${c.agreement.pValue}`);
});

test("colour-parallel variant: same agreement law, different steps law (it is a different chain)", async () => {
  await ready({ backend: "wasm" });
  const before = tf.memory().numTensors;
  const result = referenceTensorRuns({ nodes: 50 }, 1000, 0, "colour");
  assert.equal(tf.memory().numTensors, before, "tensors leaked");
  const c = compare(result.runs);
  assert.ok(c.agreement.pValue > ALPHA, `agreement p = ${c.agreement.pValue}`);
  assert.ok(c.steps.pValue < ALPHA, `steps p = ${c.steps.pValue}: ${c.steps.a} vs ${c.steps.b}`);
});
