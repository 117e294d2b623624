/**
 * Hajek's c = d* is the largest depth found on ws(N ≤ 20) draws, still rising with N, and is taken for larger networks
 * (thirty-third-edition referee): every repair that anneals at that c says it is outside the theorem where d* > c.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { CLAIMS } from "../../../src/claims/machinery/registry";
import { depthBeyondC } from "../../../src/claims/machinery/repairs";

const ANNEALING_REPAIRS = new Set(["hajek", "logarithmic-cooling", "pinned-hajek"]);
const BORROWED = /where the landscape's d\* exceeds c = [\d.]+: c is the largest depth found/;

test("every Hajek or logarithmic repair on a ws landscape says where c = d* may be below the true d*", () => {
  const onWs = CLAIMS.flatMap((c) => c.repairs.filter((r) => ANNEALING_REPAIRS.has(r.variant)).map((r) => ({ id: c.id, r })));
  const said = onWs.filter(({ r }) => BORROWED.test(r.outsideTheorem ?? "")).map(({ id, r }) => `${id} ${r.variant}`);
  assert.deepEqual(said.sort(), [
    "p2.1-ising-alignment hajek",
    "p2.1-ising-thermal-noise hajek",
    "p2.2-annealing hajek",
    "p2.2-annealing logarithmic-cooling",
    "p2.2-crystallisation hajek",
    "p2.2-diffusion-propagates pinned-hajek",
    "p3.2-ground-state hajek",
    "p3.2-ground-state logarithmic-cooling",
    "p4.2-reheating-escapes hajek",
  ]);
  // p2.1-ising-alignment's logarithmic cooling runs only the copy kernels, outside the theorem whatever c is.
  const alignmentLog = onWs.find(({ id, r }) => id === "p2.1-ising-alignment" && r.variant === "logarithmic-cooling");
  assert.equal(alignmentLog?.r.outsideTheorem, "copy kernels");
  assert.match(depthBeyondC(14.8, "N = 50"), /c = 14\.8: .* taken for N = 50, where no d\* ≤ c is shown$/);
});
