/*
 * The ambient model's step (src/ops/ambient-step.ts, src/studies/ambient/simulate.ts) as a plain C loop, the bar for
 * scripts/bench-ambient.js: R runs of a network held node-major (entry i*R + r), each run's normals by the ziggurat
 * on Philox4x32-10 under its own key, counted by step and node as ops/ambient-step.ts (a fast path on one word per
 * node, a miss finished from the node's own counter stream), then
 *
 *   psi' = psi - h*(d*psi + c3*psi^3 - pairing*sum_j J_ij w_j psi_j - p0) + sigma*xi,
 *
 * with the constants rebuilt from the weights wherever participation moved (node `detach` of each network stops at
 * t = detachAt, its weight fading at rate `fade`), and with a twelfth argument "auto" Gershgorin's substeps (else one
 * step per h, simulate.ts's default), as simulate.ts forms them. Its keys
 * are the run index's, not the library's: the same update, not the same numbers.
 *
 * Input on stdin: "n nnz networks" then rowPtr (n+1), col (nnz), J (nnz), load (n), then the library's ziggurat
 * tables (engine/fastrandom): K8 (256), W8 (256), X (129), F (129) and R; arguments:
 * runs steps dt T kappa gamma depth target detachAt fade rounds [auto]. Prints "ns/node <ns>" (CPU time per node and
 * model step h, whose m substeps are each a full update) and "substeps <the most m of any step>".
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct {
  uint32_t k0, k1, step;
} stream_t;

/* Philox4x32-10 (src/engine/philox.ts): the four words of counter c under key (k0, k1), into c. */
static inline void philox(uint32_t c[4], uint32_t k0, uint32_t k1) {
  for (int round = 0; round < 10; round++) {
    uint64_t p0 = (uint64_t)0xd2511f53u * c[0], p1 = (uint64_t)0xcd9e8d57u * c[2];
    uint32_t x0 = (uint32_t)(p1 >> 32) ^ c[1] ^ k0, x2 = (uint32_t)(p0 >> 32) ^ c[3] ^ k1;
    c[0] = x0, c[1] = (uint32_t)p1, c[2] = x2, c[3] = (uint32_t)p0;
    k0 += 0x9e3779b9u, k1 += 0xbb67ae85u;
  }
}

static int K8[256];
static double W8[256], X[129], F[129], R;

/* A miss's stream: word p of Philox at counter (node, step, 1 + p/4, 3), as engine/fastrandom counterMissNormal. */
typedef struct {
  uint32_t k0, k1, node, step, p, w[4];
} miss_t;

static uint32_t miss_word(miss_t *m) {
  if ((m->p & 3) == 0) {
    uint32_t c[4] = {m->node, m->step, 1 + (m->p >> 2), 3};
    philox(c, m->k0, m->k1);
    for (int k = 0; k < 4; k++) m->w[k] = c[k];
  }
  return m->w[m->p++ & 3];
}

static double miss_uniform(miss_t *m) { return (miss_word(m) >> 8) * (1.0 / 16777216); }

/* The ziggurat's slow path for word r (the tail beyond R on layer 0, else the wedge), a fresh draw where it rejects. */
static double miss_normal(miss_t *m, uint32_t r) {
  for (;;) {
    int i = r & 127;
    double u = (r >> 8) * (1.0 / 16777216), z;
    if (i == 0) {
      for (;;) {
        double a = -log(1 - miss_uniform(m)) / R, b = -log(1 - miss_uniform(m));
        if (2 * b >= a * a) {
          z = R + a;
          break;
        }
      }
      return (r & 128) ? -z : z;
    }
    double x = u * X[i], y = F[i] + miss_uniform(m) * (F[i + 1] - F[i]);
    if (y < exp(-0.5 * x * x)) return (r & 128) ? -x : x;
    r = miss_word(m); /* rejected: a fresh draw, its fast path first */
    int j = r & 255, q = (int)(r >> 8);
    if (q < K8[j]) return q * W8[j];
  }
}

/*
 * Run `lane`'s n normals of its stream's step into out[i*runs + lane], as ops/ambient-step.ts draws them: node i's
 * from word i mod 4 of the Philox block at counter (i/4, step, 0, 3), by the ziggurat's fast path, else its miss stream.
 */
static void lane_normals(stream_t *s, double *out, int lane, int n, int runs) {
  uint32_t w[4];
  for (int i = 0; i < n; i++) {
    if ((i & 3) == 0) {
      w[0] = (uint32_t)(i >> 2), w[1] = s->step, w[2] = 0, w[3] = 3;
      philox(w, s->k0, s->k1);
    }
    uint32_t r = w[i & 3];
    int j = r & 255, q = (int)(r >> 8);
    if (q < K8[j])
      out[lane + i * runs] = q * W8[j];
    else {
      miss_t m = {s->k0, s->k1, (uint32_t)i, s->step, 0, {0}};
      out[lane + i * runs] = miss_normal(&m, r);
    }
  }
  s->step++;
}

int main(int argc, char **argv) {
  if (argc < 12) {
    fprintf(stderr, "usage: ambient-step runs steps dt T kappa gamma depth target detachAt fade rounds [auto] < lattice\n");
    return 2;
  }
  int runs = atoi(argv[1]), steps = atoi(argv[2]), rounds = atoi(argv[11]);
  double dt = atof(argv[3]), T = atof(argv[4]), kappa = atof(argv[5]), gamma = atof(argv[6]), depth = atof(argv[7]);
  double target = atof(argv[8]), detachAt = atof(argv[9]), fade = atof(argv[10]);
  int autoSubsteps = argc > 12 && argv[12][0] == 'a';
  int n, nnz, networks;
  if (scanf("%d %d %d", &n, &nnz, &networks) != 3) return 2;
  int *start = malloc(sizeof(int) * (n + 1)), *col = malloc(sizeof(int) * nnz);
  double *J = malloc(sizeof(double) * nnz), *load = malloc(sizeof(double) * n);
  for (int i = 0; i <= n; i++) scanf("%d", &start[i]);
  for (int q = 0; q < nnz; q++) scanf("%d", &col[q]);
  for (int q = 0; q < nnz; q++) scanf("%lf", &J[q]);
  for (int i = 0; i < n; i++) scanf("%lf", &load[i]);
  for (int j = 0; j < 256; j++) scanf("%d", &K8[j]);
  for (int j = 0; j < 256; j++) scanf("%lf", &W8[j]);
  for (int j = 0; j < 129; j++) scanf("%lf", &X[j]);
  for (int j = 0; j < 129; j++) scanf("%lf", &F[j]);
  if (scanf("%lf", &R) != 1) return 2;
  int n0 = n / networks;
  double *w = malloc(sizeof(double) * n), *coupling = malloc(sizeof(double) * nnz);
  double *pairing = malloc(sizeof(double) * n), *diag = malloc(sizeof(double) * n), *cubic = malloc(sizeof(double) * n),
         *p0 = malloc(sizeof(double) * n);
  double *x = malloc(sizeof(double) * n * runs), *next = malloc(sizeof(double) * n * runs),
         *noise = malloc(sizeof(double) * n * runs), *sum = malloc(sizeof(double) * runs);
  stream_t *streams = malloc(sizeof(stream_t) * runs);
  double relax = isfinite(fade) ? exp(-fade * dt) : 0;
  double checksum = 0, seconds = 0;
  long long updates = 0; /* node updates of the model's step h (m substeps each, as simulate.ts counts its steps) */
  int most = 1;
  for (int round = 0; round < rounds; round++) {
    for (int i = 0; i < n; i++) w[i] = 1;
    for (int k = 0; k < n * runs; k++) x[k] = 1;
    for (int r = 0; r < runs; r++) streams[r] = (stream_t){0x9e3779b9u ^ r, 12345u + r, 0};
    struct timespec t0, t1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    int moved = 1, substeps = 1;
    for (int s = 0; s < steps; s++) {
      if (detachAt >= 0 && s * dt >= detachAt)
        for (int c = 0; c < networks; c++) {
          double v = w[c * n0] * relax; /* activity 0: w <- 0 + (w - 0) e^{-fade h} */
          if (v != w[c * n0]) moved = 1;
          w[c * n0] = v;
        }
      if (moved) {
        double bound = 0;
        for (int i = 0; i < n; i++) {
          double dw = 0;
          for (int q = start[i]; q < start[i + 1]; q++) dw += (coupling[q] = J[q] * w[col[q]]);
          double sp = kappa * w[i] * load[i];
          pairing[i] = 2 * kappa * w[i];
          diag[i] = 2 * kappa * w[i] * dw + gamma - depth * w[i] + 2 * sp;
          cubic[i] = depth * w[i];
          p0[i] = 2 * sp * target;
          double b = fabs(diag[i]) + 2 * kappa * w[i] * dw;
          if (b > bound) bound = b;
        }
        substeps = autoSubsteps ? (int)ceil(dt * bound / 1.8) : 1;
        if (substeps < 1) substeps = 1;
        moved = 0;
      }
      double h = dt / substeps, sigma = sqrt(2 * h * T);
      for (int sub = 0; sub < substeps; sub++) {
        if (sigma > 0)
          for (int r = 0; r < runs; r++) lane_normals(&streams[r], noise, r, n, runs);
        for (int i = 0; i < n; i++) {
          for (int r = 0; r < runs; r++) sum[r] = 0;
          for (int q = start[i]; q < start[i + 1]; q++) {
            const double c = coupling[q], *o = x + (size_t)col[q] * runs;
            for (int r = 0; r < runs; r++) sum[r] += c * o[r];
          }
          const double d = diag[i], c3 = cubic[i], pr = pairing[i], pc = p0[i];
          for (int r = 0; r < runs; r++) {
            double v = x[i * runs + r];
            next[i * runs + r] = v - h * (d * v + c3 * v * v * v - pr * sum[r] - pc) + (sigma > 0 ? sigma * noise[i * runs + r] : 0);
          }
        }
        double *t = x;
        x = next;
        next = t;
      }
      updates += (long long)n * runs;
      if (substeps > most) most = substeps;
    }
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
    seconds += (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
    for (int k = 0; k < n * runs; k++) checksum += x[k];
  }
  printf("ns/node %.3f substeps %d (checksum %.6g)\n", 1e9 * seconds / updates, most, checksum);
  return 0;
}
