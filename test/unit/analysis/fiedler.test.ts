import { test } from "node:test";
import assert from "node:assert/strict";
import { key } from "../../../src/engine/random";
import { graphs } from "../../../src/graph/generators";
import { fiedlerLanczos, smallestRitz } from "../../../src/analysis/fiedler";
import { fiedlerValue } from "../../../src/studies/scale/scale-study";
import { familyMember } from "../../../src/graph/families";
import { lanczosRitzValues, laplacianEigenvalues, ringLatticeEigenvalues } from "../../../src/graph/spectrum";

test("smallestRitz: the smallest eigenvalue of a tridiagonal matrix and the last component of its eigenvector", () => {
  // T = tridiag(−1, 2, −1) of size m: eigenvalues 2 − 2cos(kπ/(m+1)), eigenvectors sin(ijπ/(m+1)).
  const m = 12;
  const { theta, lastComponent } = smallestRitz(new Array(m).fill(2), new Array(m - 1).fill(-1));
  assert.ok(Math.abs(theta - (2 - 2 * Math.cos(Math.PI / (m + 1)))) < 1e-13, `θ = ${theta}`);
  let norm = 0;
  for (let i = 1; i <= m; i++) norm += Math.sin((i * Math.PI) / (m + 1)) ** 2;
  assert.ok(Math.abs(Math.abs(lastComponent) - Math.sin((m * Math.PI) / (m + 1)) / Math.sqrt(norm)) < 1e-9, `s_m = ${lastComponent}`);
});

test("fiedlerLanczos: λ₂ of ring lattices equals the closed form within the residual bound it reports", () => {
  for (const n of [1000, 5000]) {
    const exact = ringLatticeEigenvalues(n, 4)[1]!;
    const r = fiedlerLanczos(graphs.ring(n, 4), { tolerance: 1e-6 });
    assert.ok(r.converged, `N = ${n}: not converged in ${r.steps} steps`);
    // θ ≥ λ₂ (interlacing) and an eigenvalue lies within r below θ; λ₂ is the only one that close here. Round-off
    // of eigenvalues is ~ε·‖L‖ = ε·8 absolute: 1e-14 is that with room.
    const roundOff = 1e-14;
    assert.ok(r.value >= exact - roundOff, `N = ${n}: θ = ${r.value} below λ₂ = ${exact}`);
    assert.ok(r.value - exact <= r.residual + roundOff, `N = ${n}: θ − λ₂ = ${r.value - exact} > r = ${r.residual}`);
  }
});

test("fiedlerLanczos: λ₂ of random graphs equals the dense eigenvalue (no spurious value at the null vector)", () => {
  for (const family of ["ws", "ba", "er"] as const) {
    const g = familyMember(family, 390, key(7)).graph!;
    const exact = laplacianEigenvalues(g)[1]!;
    const r = fiedlerLanczos(g, { tolerance: 1e-8 });
    assert.ok(r.converged, `${family}: not converged`);
    assert.ok(
      Math.abs(r.value - exact) <= Math.max(r.residual, 1e-12 * exact),
      `${family}: ${r.value} vs dense ${exact} (r = ${r.residual})`,
    );
  }
  // At N = 1000 plain Lanczos that only projects 1 out of each vector finds a spurious θ ≈ 0 on these graphs; the
  // reference is Lanczos with full reorthogonalisation, 400 steps (converged at this size).
  for (const family of ["ws", "ba"] as const) {
    const g = familyMember(family, 1000, key(5)).graph!;
    const reference = lanczosRitzValues(g, 400)[0]!;
    const r = fiedlerLanczos(g, { tolerance: 1e-8 });
    assert.ok(r.converged && Math.abs(r.value - reference) <= 1e-6 * reference, `${family}:1000: ${r.value} vs ${reference}`);
  }
});

test("fiedlerValue above the dense limit is converged Lanczos: it matches a much tighter run to its stated tolerance", () => {
  const member = familyMember("ba", 3000, key(8));
  const loose = fiedlerValue(member);
  assert.equal(loose.method, "lanczos");
  const tight = fiedlerLanczos(member.graph!, { tolerance: 1e-10, maxSteps: 20_000 });
  assert.ok(tight.converged);
  assert.ok(Math.abs(loose.value - tight.value) <= 1e-4 * tight.value, `${loose.value} vs ${tight.value}`);
});

test("fiedlerLanczos: bad options throw ArgumentError naming the option", () => {
  assert.throws(() => fiedlerLanczos(graphs.ring(10, 2), { tolerance: 0 }), /tolerance/);
  assert.throws(() => fiedlerLanczos(graphs.ring(10, 2), { maxSteps: 0 }), /maxSteps/);
});
