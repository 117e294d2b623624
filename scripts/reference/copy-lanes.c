// C baseline of §3.3's copy-and-accept runs as lanes: the design of src/engine/kernels/simd/copy-lanes-wat.ts in plain C
// for gcc -O3 -march=native to vectorise. Four runs to a group, labels and row offsets lane-interleaved, Philox4x32-10
// at counter (sweep, ⌊node/2⌋, 0, 0) under each run's key (words 2(node mod 2), +1: the proposal, the accept), the symmetric kernel,
// Metropolis on ½Σ Δd with the factor cached per lane and whole cost; groups split over pthreads. Reads on stdin:
// K SWEEPS RUNS, the temperatures (SWEEPS numbers), then per run its key (two words) and its graph (n, m, n + 1 row
// starts, m columns). Usage: copy-lanes THREADS < input. Prints CPU and wall ns per node update and a checksum of the
// final labels (the lanes' own in the product, where exp and log round alike). Driven by scripts/bench-copy-sweep.js.
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define L 4
typedef struct {
  int n, *row, *col, *lab; // row: L(n + 1) interleaved absolute offsets; lab: L·n interleaved
  uint32_t k0[L], k1[L];
  long sum;
} Group;

static int K, SWEEPS, RUNS, GROUPS;
static double *d, *temps;
static Group *groups;

static inline uint32_t mulhi(uint32_t a, uint32_t b) { return (uint32_t)(((uint64_t)a * b) >> 32); }

static void philox(uint32_t c0, uint32_t c1, const uint32_t *k0, const uint32_t *k1, uint32_t w[4][L]) {
  uint32_t x0[L], x1[L], x2[L], x3[L], y0[L], y1[L];
  for (int l = 0; l < L; l++) x0[l] = c0, x1[l] = c1, x2[l] = 0, x3[l] = 0, y0[l] = k0[l], y1[l] = k1[l];
  for (int r = 0; r < 10; r++)
    for (int l = 0; l < L; l++) {
      uint64_t p0 = (uint64_t)0xd2511f53u * x0[l], p1 = (uint64_t)0xcd9e8d57u * x2[l];
      uint32_t n0 = (uint32_t)(p1 >> 32) ^ x1[l] ^ y0[l], n2 = (uint32_t)(p0 >> 32) ^ x3[l] ^ y1[l];
      x1[l] = (uint32_t)p1, x3[l] = (uint32_t)p0, x0[l] = n0, x2[l] = n2;
      y0[l] += 0x9e3779b9u, y1[l] += 0xbb67ae85u;
    }
  for (int l = 0; l < L; l++) w[0][l] = x0[l], w[1][l] = x1[l], w[2][l] = x2[l], w[3][l] = x3[l];
}

static void run_group(Group *g) {
  double cacheT[L][64], cacheF[L][64];
  for (int l = 0; l < L; l++)
    for (int q = 0; q < 64; q++) cacheT[l][q] = NAN;
  uint32_t w[4][L];
  for (int t = 0; t < SWEEPS; t++) {
    double T = temps[t];
    for (int i = 0; i < g->n; i++) {
      int *a = &g->row[L * i], *b = &g->row[L * (i + 1)], *cur = &g->lab[L * i];
      if ((i & 1) == 0) philox((uint32_t)t, (uint32_t)(i >> 1), g->k0, g->k1, w); // one block per pair of nodes
      const uint32_t *w0 = w[2 * (i & 1)], *w1 = w[2 * (i & 1) + 1];
      for (int l = 0; l < L; l++) {
        int deg = b[l] - a[l];
        if (deg == 0) continue;
        int pro = (int)mulhi(w0[l], (uint32_t)K);
        if (pro == cur[l]) continue;
        double cost = 0;
        for (int q = a[l]; q < b[l]; q++) {
          int nb = g->lab[L * g->col[q] + l];
          cost += 0.5 * (d[pro * K + nb] - d[cur[l] * K + nb]);
        }
        int take = cost <= 0;
        if (!take && cost > 0) {
          double f;
          if (cost < 64 && trunc(cost) == cost) {
            int k = (int)cost;
            if (cacheT[l][k] == T) f = cacheF[l][k];
            else cacheT[l][k] = T, f = cacheF[l][k] = exp(-cost / T);
          } else f = exp(-cost / T);
          take = w1[l] * 2.3283064365386963e-10 < f;
        }
        if (take) cur[l] = pro;
      }
    }
  }
  g->sum = 0;
  for (int i = 0; i < L * g->n; i++) g->sum += g->lab[i];
}

typedef struct { int from, to; } Share;
static void *worker(void *arg) {
  Share *s = arg;
  for (int g = s->from; g < s->to; g++) run_group(&groups[g]);
  return NULL;
}

static double seconds(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 2;
  if (scanf("%d %d %d", &K, &SWEEPS, &RUNS) != 3) return 1;
  temps = malloc(sizeof(double) * SWEEPS);
  for (int t = 0; t < SWEEPS; t++)
    if (scanf("%lf", &temps[t]) != 1) return 1;
  d = malloc(sizeof(double) * K * K);
  for (int e = 0; e < K * K; e++) d[e] = (e / K == e % K) ? 0 : 4;
  GROUPS = (RUNS + L - 1) / L;
  groups = calloc(GROUPS, sizeof(Group));
  long nodes = 0;
  for (int r = 0; r < RUNS; r++) {
    Group *g = &groups[r / L];
    int l = r % L, n, m;
    unsigned k0, k1;
    if (scanf("%u %u %d %d", &k0, &k1, &n, &m) != 4) return 1;
    int *row = malloc(sizeof(int) * (n + 1)), *col = malloc(sizeof(int) * m);
    for (int i = 0; i <= n; i++) scanf("%d", &row[i]);
    for (int q = 0; q < m; q++) scanf("%d", &col[q]);
    if (l == 0) { // every run of a group has the group's n (the bench draws one size)
      g->n = n;
      g->row = calloc(L * (n + 1), sizeof(int));
      g->col = malloc(sizeof(int) * L * (m + 16));
      g->lab = calloc(L * n, sizeof(int));
      for (int i = 0; i <= n; i++)
        for (int j = 0; j < L; j++) g->row[L * i + j] = 0; // empty lanes: no neighbours
    }
    int base = l * (m + 16);
    for (int i = 0; i <= n; i++) g->row[L * i + l] = row[i] + base;
    for (int q = 0; q < m; q++) g->col[base + q] = col[q];
    for (int i = 0; i < n; i++) g->lab[L * i + l] = (i * 7919 + r) % K;
    g->k0[l] = k0, g->k1[l] = k1;
    nodes += n;
    free(row), free(col);
  }
  double c0 = seconds(CLOCK_PROCESS_CPUTIME_ID), t0 = seconds(CLOCK_MONOTONIC);
  pthread_t tid[64];
  Share shares[64];
  for (int w = 0; w < threads; w++) {
    shares[w].from = (int)((long)GROUPS * w / threads), shares[w].to = (int)((long)GROUPS * (w + 1) / threads);
    pthread_create(&tid[w], NULL, worker, &shares[w]);
  }
  for (int w = 0; w < threads; w++) pthread_join(tid[w], NULL);
  double c1 = seconds(CLOCK_PROCESS_CPUTIME_ID), t1 = seconds(CLOCK_MONOTONIC);
  long sum = 0;
  for (int g = 0; g < GROUPS; g++) sum += groups[g].sum;
  double updates = (double)nodes * SWEEPS;
  printf("%.3f cpu-ns/node %.3f wall-ns/node checksum %ld\n", (c1 - c0) * 1e9 / updates, (t1 - t0) * 1e9 / updates, sum);
  return 0;
}
