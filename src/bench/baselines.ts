/**
 * Baselines run beside the library in `emtd bench all`, each only when present on the machine:
 *
 * - SciPy sparse (Debian's /usr/bin/python3 with python3-scipy): the Langevin step x' = x − 2hJ·(L @ x) + σξ with
 *   L a float32 CSR matrix and ξ from NumPy's default generator (PCG64 + ziggurat), float32 throughout; on the
 *   ring lattice (built in NumPy) or on any unit-weight graph (its CSR arrays passed in).
 * - A plain C loop compiled at bench time with the machine's `cc -O2` (source written to a temporary directory,
 *   never committed): the same CSR Langevin step with xoshiro128** + ziggurat noise (the library's generator before
 *   it moved to Philox4x32-10, issue 72: a cheaper one, so the ratio flatters C by about the generator's share), and
 *   the Ising checkerboard sweep on int8 spins with the same acceptance table.
 * - The machine's copy bandwidth (C memcpy when cc is present, else a JS typed-array copy), for the
 *   memory-bandwidth bound of the scaling figure.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const PYTHON = "/usr/bin/python3";

/** The SciPy step and its timing, after a head that defines n, d, steps and the float32 CSR Laplacian L. */
const SCIPY_STEP = String.raw`
rng = np.random.default_rng(1)
x = rng.standard_normal((n, d), dtype=np.float32)
h, T = np.float32(0.01), np.float32(1.0)
drift, sigma = np.float32(2 * h), np.float32(np.sqrt(2 * h * T))
def step(x):
    return x - drift * (L @ x) + sigma * rng.standard_normal((n, d), dtype=np.float32)
for _ in range(3): x = step(x)
samples = []
for _ in range(steps):
    t0 = time.perf_counter(); x = step(x); samples.append(time.perf_counter() - t0)
samples.sort()
t0 = time.perf_counter(); y = L @ x; spmv = time.perf_counter() - t0
t0 = time.perf_counter(); xi = rng.standard_normal((n, d), dtype=np.float32); noise = time.perf_counter() - t0
print(json.dumps({"msPerStep": 1000 * samples[len(samples) // 2], "minMsPerStep": 1000 * samples[0], "spmvMs": 1000 * spmv, "noiseMs": 1000 * noise,
                  "scipy": __import__("scipy").__version__, "numpy": np.__version__}))
`;

const SCIPY_LANGEVIN =
  String.raw`
import json, sys, time
import numpy as np
import scipy.sparse as sp
n, k, d, steps = (int(a) for a in sys.argv[1:5])
half = k // 2
i = np.repeat(np.arange(n, dtype=np.int64), half)
j = (i + np.tile(np.arange(1, half + 1, dtype=np.int64), n)) % n
rows = np.concatenate([i, j]); cols = np.concatenate([j, i])
A = sp.csr_matrix((np.ones(rows.size, dtype=np.float32), (rows, cols)), shape=(n, n))
L = (sp.diags(np.asarray(A.sum(axis=1)).ravel().astype(np.float32)) - A).tocsr().astype(np.float32)
` + SCIPY_STEP;

// Any unit-weight graph: the adjacency's CSR arrays (int32, native byte order) are read from two files.
const SCIPY_LANGEVIN_CSR =
  String.raw`
import json, sys, time
import numpy as np
import scipy.sparse as sp
indptr = np.fromfile(sys.argv[1], dtype=np.int32); indices = np.fromfile(sys.argv[2], dtype=np.int32)
d, steps = int(sys.argv[3]), int(sys.argv[4])
n = indptr.size - 1
A = sp.csr_matrix((np.ones(indices.size, dtype=np.float32), indices, indptr), shape=(n, n))
L = (sp.diags(np.asarray(A.sum(axis=1)).ravel().astype(np.float32)) - A).tocsr().astype(np.float32)
` + SCIPY_STEP;

/**
 * SciPy's ring-lattice Langevin step, or null when SciPy is not installed.
 *
 * @example
 * ```ts
 * const r = scipyLangevin(100, 4, 2, 3); // ring:100:4, d = 2, 3 timed steps (spawns python3)
 * r === null || typeof r.msPerStep === "number"; // → true (null where SciPy is not installed)
 * ```
 */
export function scipyLangevin(n: number, k: number, dim: number, steps: number): Record<string, number | string> | null {
  if (!existsSync(PYTHON)) return null;
  const r = spawnSync(PYTHON, ["-c", SCIPY_LANGEVIN, String(n), String(k), String(dim), String(steps)], { encoding: "utf8" });
  if (r.status !== 0) return null;
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as Record<string, number | string>;
}

/**
 * SciPy's Langevin step on any unit-weight graph given as the CSR arrays of its adjacency (each undirected edge in
 * both rows, as the kernels' plan holds it), or null when SciPy is not installed. Same step and timing as
 * {@link scipyLangevin}; the arrays travel through two temporary files.
 *
 * @example
 * ```ts
 * // The 4-cycle 0–1–2–3–0: row i lists i ± 1.
 * const r = scipyLangevinCsr(Int32Array.from([0, 2, 4, 6, 8]), Int32Array.from([1, 3, 0, 2, 1, 3, 0, 2]), 2, 3);
 * r === null || typeof r.msPerStep === "number"; // → true (null where SciPy is not installed)
 * ```
 */
export function scipyLangevinCsr(rowPtr: Int32Array, col: Int32Array, dim: number, steps: number): Record<string, number | string> | null {
  if (!existsSync(PYTHON)) return null;
  const dir = mkdtempSync(join(tmpdir(), "emtd-scipy-"));
  try {
    const bytes = (a: Int32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    writeFileSync(join(dir, "indptr.i32"), bytes(rowPtr));
    writeFileSync(join(dir, "indices.i32"), bytes(col));
    const args = ["-c", SCIPY_LANGEVIN_CSR, join(dir, "indptr.i32"), join(dir, "indices.i32"), String(dim), String(steps)];
    const r = spawnSync(PYTHON, args, { encoding: "utf8" });
    if (r.status !== 0) return null;
    return JSON.parse(r.stdout.trim().split("\n").pop()!) as Record<string, number | string>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const C_SOURCE = String.raw`
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double now_ms(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }
static uint32_t s[4];
static inline uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static inline uint32_t next(void) {
  uint32_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 9;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 11); return r;
}
static void seed(uint32_t a) { s[0] = a * 2654435761u + 1; s[1] = a ^ 0x9e3779b9u; s[2] = 0x85ebca6bu; s[3] = 0xc2b2ae35u; for (int i = 0; i < 8; i++) next(); }
#define LAYERS 128
static double X[LAYERS + 1], F[LAYERS + 1]; static uint32_t K8[256]; static double W8[256];
static void tables(void) {
  const double R = 3.442619855899, V = 9.91256303526217e-3;
  X[0] = V / exp(-0.5 * R * R); X[1] = R;
  for (int i = 1; i < LAYERS - 1; i++) X[i + 1] = sqrt(-2 * log(V / X[i] + exp(-0.5 * X[i] * X[i])));
  X[LAYERS] = 0;
  for (int i = 0; i <= LAYERS; i++) F[i] = exp(-0.5 * X[i] * X[i]);
  for (int j = 0; j < 256; j++) { K8[j] = (uint32_t)ceil(X[(j & 127) + 1] / X[j & 127] * 16777216.0); W8[j] = ((j & 128) ? -1 : 1) * X[j & 127] / 16777216.0; }
}
static double uni(void) { return (next() >> 8) * (1.0 / 16777216.0); }
static double normal(void) {
  for (;;) {
    uint32_t r = next(), j = r & 255, m = r >> 8, i = r & 127;
    if (m < K8[j]) return m * W8[j];
    double u = m * (1.0 / 16777216.0), x;
    if (i == 0) { double a, b; do { a = -log(1 - uni()) / 3.442619855899; b = -log(1 - uni()); } while (2 * b < a * a); x = 3.442619855899 + a; }
    else { x = u * X[i]; if (F[i] + uni() * (F[i + 1] - F[i]) >= exp(-0.5 * x * x)) continue; }
    return (r & 128) ? -x : x;
  }
}
static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }
static void langevin(int n, int k, int d, int steps) {
  int half = k / 2, nnz = n * k;
  int *rowPtr = malloc(sizeof(int) * (n + 1)), *col = malloc(sizeof(int) * nnz);
  float *deg = malloc(sizeof(float) * n), *x = malloc(sizeof(float) * n * d), *y = malloc(sizeof(float) * n * d);
  for (int i = 0, p = 0; i < n; i++) {
    rowPtr[i] = p; deg[i] = k;
    for (int j = half; j >= 1; j--) col[p++] = (i - j + n) % n;
    for (int j = 1; j <= half; j++) col[p++] = (i + j) % n;
  }
  rowPtr[n] = nnz;
  for (int a = 0; a < n * d; a++) x[a] = (float)normal();
  const float drift = 0.02f, sigma = sqrtf(0.02f);
  double *t = malloc(sizeof(double) * steps), acc[16];
  for (int step = -3; step < steps; step++) {
    double t0 = now_ms();
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) acc[c] = 0;
      for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) { const float *xj = x + (size_t)col[p] * d; for (int c = 0; c < d; c++) acc[c] += xj[c]; }
      for (int c = 0; c < d; c++) { size_t a = (size_t)i * d + c; y[a] = x[a] - drift * (deg[i] * x[a] - (float)acc[c]) + sigma * (float)normal(); }
    }
    float *tmp = x; x = y; y = tmp;
    if (step >= 0) t[step] = now_ms() - t0;
  }
  qsort(t, steps, sizeof(double), cmp);
  double sum = 0; for (int a = 0; a < n * d; a++) sum += x[a];
  printf("{\"msPerStep\": %.6f, \"minMsPerStep\": %.6f, \"checksum\": %.3f}\n", t[steps / 2], t[0], sum);
}
static void ising(int L, int sweeps, double beta, int burn) {
  int8_t *sp = malloc((size_t)L * L);
  for (int a = 0; a < L * L; a++) sp[a] = (next() & 256) ? 1 : -1;
  float acc[9]; for (int sh = -4; sh <= 4; sh++) acc[sh + 4] = (float)fmin(1.0, exp(-2 * beta * sh));
  double *t = malloc(sizeof(double) * sweeps); long flips = 0;
  for (int sw = -burn; sw < sweeps; sw++) {
    double t0 = now_ms();
    for (int colour = 0; colour < 2; colour++)
      for (int r = 0; r < L; r++) {
        int8_t *row = sp + (size_t)r * L, *up = sp + (size_t)((r + L - 1) % L) * L, *dn = sp + (size_t)((r + 1) % L) * L;
        for (int c = (r + colour) & 1; c < L; c += 2) {
          int left = c == 0 ? L - 1 : c - 1, right = c == L - 1 ? 0 : c + 1;
          int sh = row[c] * (up[c] + dn[c] + row[left] + row[right]);
          if ((next() >> 8) * (1.0f / 16777216.0f) < acc[sh + 4]) { row[c] = -row[c]; flips++; }
        }
      }
    if (sw >= 0) t[sw] = now_ms() - t0;
  }
  qsort(t, sweeps, sizeof(double), cmp);
  printf("{\"msPerSweep\": %.6f, \"minMsPerSweep\": %.6f, \"flips\": %ld}\n", t[sweeps / 2], t[0], flips);
}
static void bandwidth(size_t mb) {
  size_t n = mb << 20; char *a = malloc(n), *b = malloc(n); memset(a, 1, n); memset(b, 2, n);
  double best = 1e30; for (int r = 0; r < 5; r++) { double t0 = now_ms(); memcpy(b, a, n); double dt = now_ms() - t0; if (dt < best) best = dt; }
  /* a copy reads n and writes n bytes */
  printf("{\"copyGBps\": %.3f, \"bytes\": %zu, \"check\": %d}\n", 2.0 * n / (best * 1e6), n, b[n / 2]);
}
int main(int argc, char **argv) {
  seed(12345); tables();
  if (argc >= 6 && !strcmp(argv[1], "langevin")) langevin(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), atoi(argv[5]));
  else if (argc >= 5 && !strcmp(argv[1], "ising")) ising(atoi(argv[2]), atoi(argv[3]), atof(argv[4]), argc >= 6 ? atoi(argv[5]) : 10);
  else if (argc >= 3 && !strcmp(argv[1], "bandwidth")) bandwidth((size_t)atoi(argv[2]));
  else { fprintf(stderr, "usage: bench langevin N k d steps | ising L sweeps beta [burn] | bandwidth MB\n"); return 2; }
  return 0;
}
`;

let compiled: string | null | undefined;

/** Compile the C baseline once per process (null when no C compiler is present or compilation fails). */
export function cBinary(): string | null {
  if (compiled !== undefined) return compiled;
  const cc = ["cc", "gcc", "clang"].find((c) => spawnSync("which", [c]).status === 0);
  if (!cc) return (compiled = null);
  const dir = mkdtempSync(join(tmpdir(), "emtd-bench-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "bench.c"), C_SOURCE);
  const out = join(dir, "bench");
  const r = spawnSync(cc, ["-O2", "-march=native", "-o", out, join(dir, "bench.c"), "-lm"], { encoding: "utf8" });
  return (compiled = r.status === 0 ? out : null);
}

function runC(args: string[]): Record<string, number> | null {
  const bin = cBinary();
  if (!bin) return null;
  return JSON.parse(execFileSync(bin, args, { encoding: "utf8" }).trim()) as Record<string, number>;
}

/** The C loop's Langevin step on ring:n:k (float32, same noise algorithm). */
export const cLangevin = (n: number, k: number, dim: number, steps: number) =>
  runC(["langevin", String(n), String(k), String(dim), String(steps)]);

/** The C loop's checkerboard sweep on an L×L lattice at β. */
export const cIsing = (L: number, sweeps: number, beta: number, burnIn = 10) =>
  runC(["ising", String(L), String(sweeps), String(beta), String(burnIn)]);

/**
 * Copy bandwidth in GB/s (bytes read + written per second), from C memcpy or, without cc, a JS copy.
 *
 * @example
 * ```ts
 * const bw = copyBandwidth(8); // an 8 MB copy
 * [bw.source, bw.copyGBps > 0]; // → ["C memcpy", true] ("JS TypedArray.set" without a C compiler)
 * ```
 */
export function copyBandwidth(megabytes = 256): { copyGBps: number; source: string } {
  const c = runC(["bandwidth", String(megabytes)]);
  if (c) return { copyGBps: c.copyGBps!, source: "C memcpy" };
  const n = megabytes << 18;
  const a = new Float32Array(n).fill(1);
  const b = new Float32Array(n);
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    b.set(a);
    best = Math.min(best, performance.now() - t0);
  }
  return { copyGBps: (2 * 4 * n) / (best * 1e6), source: "JS TypedArray.set" };
}
