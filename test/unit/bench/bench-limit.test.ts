/**
 * `emtd bench langevin` (issue 23): each ratio is named for what it divides — genericOverFused by the fused step
 * (msPerStep), genericOverUla by the ula step on the fused term — one and two threads are timed side by side, and
 * the limit is the larger of the bandwidth and generator bounds, from the figures it reports.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { benchLangevin } from "../../../src/bench/bench-langevin";

/**
 * The rounding the bench applies (three significant digits, each a relative error of at most 0.5/100), as a relative
 * tolerance on a rounded ratio against the ratio of two rounded times: three roundings, so up to about 1.5 % (1 % was
 * too tight: 11.1 against 11.22 when a time's mantissa rounded near 100).
 */
const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got / want - 1) < 0.0151, `${what}: ${got} against ${want}`);

test("bench langevin: genericOverFused over msPerStep, genericOverUla over ulaMsPerStep, threads side by side, the limit", async () => {
  const r = (await benchLangevin({ graph: "ring:3000:4", dim: 2, steps: 3, seed: 1, backend: "cpu" })) as Record<string, number> & {
    limit: Record<string, number | string>;
  };
  close(r.genericOverFused, r.genericMsPerStep / r.msPerStep, "genericOverFused");
  close(r.genericOverUla, r.genericMsPerStep / r.ulaMsPerStep, "genericOverUla");
  assert.ok(r.oneThreadMsPerStep > 0);
  assert.equal(r.twoThreadMsPerStep === null, availableParallelism() < 2);
  if (r.twoThreadMsPerStep !== null) close(r.twoThreadSpeedup, r.oneThreadMsPerStep / r.twoThreadMsPerStep, "twoThreadSpeedup");
  const l = r.limit;
  assert.equal(l.bytesPerStep, r.minBytesPerStep);
  assert.equal(l.normalsPerStep, 3000 * 2);
  close(l.bandwidthMs as number, (l.bytesPerStep as number) / ((l.copyGBps as number) * 1e6), "bandwidthMs");
  const perCore = l.generatorNormalsPerSecondPerCore as number;
  assert.ok(perCore > 1e6, `a generator that draws ${perCore} normals/s is no generator`);
  const stepPerCore = l.stepGeneratorNormalsPerSecondPerCore as number;
  assert.ok(stepPerCore > 1e6, `the step's generator at ${stepPerCore} normals/s is no generator`);
  close(l.generatorMs as number, (1000 * 3000 * 2) / (perCore * (l.coresUsed as number)), "generatorMs");
  close(l.boundMs as number, Math.max(l.bandwidthMs as number, l.generatorMs as number), "boundMs");
  assert.equal(l.boundBy, (l.generatorMs as number) > (l.bandwidthMs as number) ? "generator" : "bandwidth");
  close(l.stepOverBound as number, r.msPerStep / (l.boundMs as number), "stepOverBound");
  close(l.minStepOverBound as number, r.minMsPerStep / (l.boundMs as number), "minStepOverBound");
  assert.ok((l.minStepOverBound as number) <= (l.stepOverBound as number), "the fastest step is no slower than the median");
});
