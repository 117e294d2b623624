// C baseline of §3.3's copy-and-accept sweep (symmetric kernel, K labels at equal distance 4, T = 6/ln(t + e)), Alea
// uniforms as in seedrandom: the arithmetic of src/engine/kernels/simd/copy-wat.ts. Reads a CSR graph (n, m, the row
// starts, the columns) on stdin; usage: copy-sweep K SWEEPS RUNS < graph. Driven by scripts/bench-copy-sweep.js.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
typedef struct { double s0, s1, s2, c; } Alea;
static inline double alea(Alea *a) { double t = 2091639.0 * a->s0 + a->c * 2.3283064365386963e-10; a->s0 = a->s1; a->s1 = a->s2; a->c = (double)(int)t; return a->s2 = t - a->c; }
int main(int argc, char **argv) {
  int n, m, K = atoi(argv[1]), sweeps = atoi(argv[2]), runs = atoi(argv[3]);
  if (scanf("%d %d", &n, &m) != 2) return 1;
  int *row = malloc(sizeof(int) * (n + 1)), *col = malloc(sizeof(int) * m), *lab = malloc(sizeof(int) * n);
  for (int i = 0; i <= n; i++) scanf("%d", &row[i]);
  for (int i = 0; i < m; i++) scanf("%d", &col[i]);
  double *d = malloc(sizeof(double) * K * K);
  for (int e = 0; e < K * K; e++) d[e] = (e / K == e % K) ? 0 : 4;
  double cacheT[64], cacheF[64];
  struct timespec t0, t1; clock_gettime(CLOCK_MONOTONIC, &t0);
  long checksum = 0;
  for (int r = 0; r < runs; r++) {
    Alea a = {0.1 + r * 1e-3, 0.2, 0.3, 1};
    for (int i = 0; i < n; i++) lab[i] = (i * 7919 + r) % K;
    for (int q = 0; q < 64; q++) cacheT[q] = NAN;
    for (int t = 0; t < sweeps; t++) {
      double T = 6 / log(t + M_E);
      for (int i = 0; i < n; i++) {
        int s = row[i], e = row[i + 1];
        if (s == e) continue;
        int cur = lab[i], pro = (int)floor(alea(&a) * K);
        if (pro == cur) continue;
        double cost = 0;
        for (int q = s; q < e; q++) { int l = lab[col[q]]; cost += 0.5 * (d[pro * K + l] - d[cur * K + l]); }
        if (cost > 0) {
          double u = alea(&a), f;
          if (cost < 64 && trunc(cost) == cost) { int k = (int)cost; if (cacheT[k] == T) f = cacheF[k]; else { cacheT[k] = T; f = cacheF[k] = exp(-cost / T); } }
          else f = exp(-cost / T);
          if (!(u < f)) continue;
        }
        lab[i] = pro;
      }
    }
    for (int i = 0; i < n; i++) checksum += lab[i];
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double ns = ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / ((double)runs * sweeps * n);
  printf("%.2f ns/node (checksum %ld)\n", ns, checksum);
  return 0;
}
