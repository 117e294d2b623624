/**
 * The GPU Langevin step as a WGSL compute shader: y = x − drift·L x + σ ξ for a unit-weight graph and x [N, 2]
 * (float32, one vec2 per row), one invocation per row. L x is read from the graph's rule where it has one (ring
 * lattice, periodic square lattice: no index arrays, as the CPU stencils) and from CSR rows otherwise. ξ is
 * Philox4x32-10 at counter (row, step, 0, 0) under the run's key, by Box–Muller (philox.ts is its reference).
 *
 * Sums are float32 in neighbour order (the CPU path sums in float64): the two paths agree to float32 rounding in the
 * drift and in law in the noise, not bit for bit.
 */

/** Philox4x32-10 in WGSL (philox.ts is its reference): `philox(counter, key)`, shared with the fused kernels' programs. */
export const PHILOX_WGSL = /* wgsl */ `
fn mulHiLo(a: u32, b: u32) -> vec2<u32> {
  let aLo = a & 0xffffu; let aHi = a >> 16u;
  let bLo = b & 0xffffu; let bHi = b >> 16u;
  let lolo = aLo * bLo; let lohi = aLo * bHi; let hilo = aHi * bLo; let hihi = aHi * bHi;
  let mid = (lolo >> 16u) + (lohi & 0xffffu) + (hilo & 0xffffu);
  let hi = hihi + (lohi >> 16u) + (hilo >> 16u) + (mid >> 16u);
  let lo = (mid << 16u) | (lolo & 0xffffu);
  return vec2<u32>(hi, lo);
}

fn philox(ctr: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  var c = ctr; var k = key;
  for (var r = 0u; r < 10u; r++) {
    let p0 = mulHiLo(0xd2511f53u, c.x);
    let p1 = mulHiLo(0xcd9e8d57u, c.z);
    c = vec4<u32>(p1.x ^ c.y ^ k.x, p1.y, p0.x ^ c.w ^ k.y, p0.y);
    k = k + vec2<u32>(0x9e3779b9u, 0xbb67ae85u);
  }
  return c;
}
`;

/** Graph kinds of the shader's `kind` parameter. */
export const GPU_GRAPH = { csr: 0, ring: 1, torus: 2 } as const;

/** Invocations per workgroup (one row each). */
export const WORKGROUP_SIZE = 256;

/** Bytes of one step's parameter block (a uniform read at a dynamic offset; 256 is WebGPU's offset alignment). */
export const PARAMS_STRIDE = 256;

/**
 * Parameter block, in order: n, kind, width (ring h or torus side), step, key0, key1, rowsPerLine (invocations
 * per dispatch line: the grid is 2-D when N needs more than 65535 workgroups), pad, drift, sigma.
 */
export const LANGEVIN_WGSL = /* wgsl */ `
struct Params {
  n: u32, kind: u32, width: u32, step: u32,
  key0: u32, key1: u32, rowsPerLine: u32, pad: u32,
  drift: f32, sigma: f32,
};

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> x: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read_write> y: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read> rowPtr: array<u32>;
@group(0) @binding(4) var<storage, read> col: array<u32>;

${PHILOX_WGSL}
fn normals(row: u32) -> vec2<f32> {
  let w = philox(vec4<u32>(row, p.step, 0u, 0u), vec2<u32>(p.key0, p.key1));
  let u1 = (f32(w.x >> 8u) + 1.0) * 5.9604644775390625e-8;
  let u2 = f32(w.y >> 8u) * 5.9604644775390625e-8;
  let r = sqrt(-2.0 * log(u1));
  // The angle 2πu₂ − π lies in [−π, π), where WGSL bounds cos and sin (absolute error 2⁻¹¹); (cos, sin)(2πu₂) is
  // its negation.
  let t = 6.283185307179586 * u2 - 3.141592653589793;
  return vec2<f32>(-r * cos(t), -r * sin(t));
}

fn laplacianRow(i: u32) -> vec2<f32> {
  let xi = x[i];
  var acc = vec2<f32>(0.0, 0.0);
  var degree = 0.0;
  if (p.kind == 1u) {
    let n = p.n;
    for (var k = 1u; k <= p.width; k++) {
      acc = acc + x[(i + k) % n] + x[(i + n - k) % n];
    }
    degree = f32(2u * p.width);
  } else if (p.kind == 2u) {
    let side = p.width;
    let r = i / side; let c = i - r * side;
    let left = r * side + (c + side - 1u) % side;
    let right = r * side + (c + 1u) % side;
    let up = ((r + side - 1u) % side) * side + c;
    let down = ((r + 1u) % side) * side + c;
    acc = x[left] + x[right] + x[up] + x[down];
    degree = 4.0;
  } else {
    let a = rowPtr[i]; let b = rowPtr[i + 1u];
    for (var e = a; e < b; e++) { acc = acc + x[col[e]]; }
    degree = f32(b - a);
  }
  return degree * xi - acc;
}

@compute @workgroup_size(${WORKGROUP_SIZE})
fn step(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x + id.y * p.rowsPerLine;
  if (i >= p.n) { return; }
  y[i] = x[i] - p.drift * laplacianRow(i) + p.sigma * normals(i);
}
`;
