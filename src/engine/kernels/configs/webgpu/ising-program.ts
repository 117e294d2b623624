/**
 * The WGSL programs of the Ising checkerboard sweep on tfjs's WebGPU backend (ising-webgpu.ts). The state is
 * [L, L, R, 2] float32: per site and replica its spin ±1 and the flips it has accepted so far (exact below 2²⁴), so
 * that one program pass per colour updates both (two invocations per site, which take the same decision from the
 * same draw). Site (r, c) of replica k at sweep t draws u from Philox4x32-10 at counter (r·L + c, t, k, 0) under the
 * call's key; it flips when ΔE = 2 s Σ_nb s' ≤ 0 or u < e^{−β_k ΔE}.
 */
import { PHILOX_WGSL } from "./step-wgsl";
import { plantedDefect } from "./planted";
import { flat, WORKGROUP } from "./graph-program";
import type { WebGpuProgram as Program } from "../../tfjs/private-hooks";

abstract class IsingProgram implements Program {
  outputShape: number[] = [];
  abstract shaderKey: string;
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number] = [1, 1, 1];
  abstract variableNames: string[];
  workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  size = true;
  uniforms = "side : i32, replicas : i32,";

  constructor(shape: number[]) {
    flat(this, shape);
  }

  abstract getUserCode(): string;
}

/** [L, L, R] spins → the state [L, L, R, 2] with no flips counted. Uniforms: side, replicas. */
export class IsingStateProgram extends IsingProgram {
  shaderKey = "emtd_ising_state";
  variableNames = ["S"];

  getUserCode(): string {
    return `
fn main(index : i32) {
  if (index < uniforms.size) {
    var value = 0.0;
    if (index % 2 == 0) { value = S[index / 2]; }
    setOutputAtIndex(index, value);
  }
}
`;
  }
}

/** One colour's Metropolis pass over the state. Uniforms: side, replicas, colour, sweep, key0, key1; input β per replica. */
export class IsingColourProgram extends IsingProgram {
  /** Tests only (planted.ts): every replica at replica 0's β. */
  private readonly wrongBeta = plantedDefect() === "ising-beta";
  shaderKey = this.wrongBeta ? "emtd_ising_colour_planted_beta" : "emtd_ising_colour";
  variableNames = ["State", "Betas"];
  override uniforms = "side : i32, replicas : i32, colour : i32, sweep : u32, key0 : u32, key1 : u32,";

  getUserCode(): string {
    return `
${PHILOX_WGSL}
fn spinAt(r : i32, c : i32, k : i32) -> f32 {
  let L = uniforms.side;
  return State[((((r + L) % L) * L + (c + L) % L) * uniforms.replicas + k) * 2];
}
fn main(index : i32) {
  if (index < uniforms.size) {
    let cell = index / 2;
    let k = cell % uniforms.replicas;
    let site = cell / uniforms.replicas;
    let r = site / uniforms.side;
    let c = site % uniforms.side;
    var value = State[index];
    if ((r + c) % 2 == uniforms.colour) {
      let s = State[cell * 2];
      let dE = 2.0 * s * (spinAt(r, c - 1, k) + spinAt(r, c + 1, k) + spinAt(r - 1, c, k) + spinAt(r + 1, c, k));
      var flip = dE <= 0.0;
      if (!flip) {
        let w = philox(vec4<u32>(u32(site), uniforms.sweep, u32(k), 0u), vec2<u32>(uniforms.key0, uniforms.key1));
        flip = f32(w.x >> 8u) * 5.9604644775390625e-8 < exp(-Betas[${this.wrongBeta ? "0" : "k"}] * dE);
      }
      if (flip) {
        if (index % 2 == 0) { value = -s; } else { value = value + 1.0; }
      }
    }
    setOutputAtIndex(index, value);
  }
}
`;
  }
}

/** The state's spins, [L, L, R] (or [L, L]). Uniforms: side, replicas. */
export class IsingSpinsProgram extends IsingProgram {
  shaderKey = "emtd_ising_spins";
  variableNames = ["State"];

  getUserCode(): string {
    return `
fn main(index : i32) {
  if (index < uniforms.size) { setOutputAtIndex(index, State[index * 2]); }
}
`;
  }
}

/**
 * Per replica k, per site: its flips, −s(s_right + s_down) and s, int32 [R, 3, L²] (or [3, L²]): summed over the
 * last axis, the flips, H = −Σ_⟨ij⟩ s_i s_j and M = Σ_i s_i. Uniforms: side, replicas.
 */
export class IsingCountsProgram extends IsingProgram {
  shaderKey = "emtd_ising_counts";
  variableNames = ["State"];

  getUserCode(): string {
    return `
fn spinAt(r : i32, c : i32, k : i32) -> f32 {
  let L = uniforms.side;
  return State[((((r + L) % L) * L + (c + L) % L) * uniforms.replicas + k) * 2];
}
fn main(index : i32) {
  if (index < uniforms.size) {
    let L = uniforms.side;
    let site = index % (L * L);
    let j = (index / (L * L)) % 3;
    let k = index / (3 * L * L);
    let r = site / L;
    let c = site % L;
    let s = spinAt(r, c, k);
    var value = s;
    if (j == 0) { value = State[(site * uniforms.replicas + k) * 2 + 1]; }
    if (j == 1) { value = -s * (spinAt(r, c + 1, k) + spinAt(r + 1, c, k)); }
    setOutputAtIndex(index, value);
  }
}
`;
  }
}
