/**
 * The harmonic extension of fixed boundary values into the rest of a graph: the field x with x_b given on the
 * boundary nodes B and (L x)_i = 0 at every other node, i.e. each free node equals the average of its neighbours.
 * It is the unique fixed point of averaging (the `mean` rule) when the boundary nodes never move: stubborn nodes
 * capture the averaging dynamics, and the honest nodes end at this field, not at their own initial average.
 */
import { ArgumentError } from "../../errors";
import { adjacencyCsr, type Graph } from "../../graph/graph";

/**
 * Solve L_FF x_F = A_FB x_B by conjugate gradients (L_FF is symmetric positive definite when every connected
 * component of the free nodes touches the boundary; otherwise an ArgumentError names the problem).
 * `boundary[i]` is the fixed value of node i or NaN for a free node. Returns a Float64Array of all n values.
 *
 * @example
 * ```ts
 * const b = new Float64Array(8).fill(NaN); b[0] = 0; b[4] = 1;
 * harmonicExtension(graphs.ring(8, 2), b); // linear along both arcs: 0, .25, .5, .75, 1, .75, .5, .25
 * ```
 */
export function harmonicExtension(graph: Graph, boundary: Float64Array, tolerance = 1e-12): Float64Array {
  const where = "emtd/adversary/harmonic";
  const n = graph.n;
  if (boundary.length !== n) throw new ArgumentError(where, "boundary", `${n} values (NaN for free nodes)`, boundary.length);
  const csr = adjacencyCsr(graph);
  const free = new Uint8Array(n);
  for (let i = 0; i < n; i++) free[i] = Number.isNaN(boundary[i]!) ? 1 : 0;
  checkAnchored(graph, csr, free);
  // b = A_FB x_B on free rows.
  const x = new Float64Array(n);
  const rhs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!free[i]) {
      x[i] = boundary[i]!;
      continue;
    }
    for (let p = csr.rowPtr[i]!; p < csr.rowPtr[i + 1]!; p++) {
      const j = csr.col[p]!;
      if (!free[j]) rhs[i]! += csr.value[p]! * boundary[j]!;
    }
  }
  const apply = (v: Float64Array, out: Float64Array) => {
    for (let i = 0; i < n; i++) {
      if (!free[i]) {
        out[i] = 0;
        continue;
      }
      let acc = graph.degree[i]! * v[i]!;
      for (let p = csr.rowPtr[i]!; p < csr.rowPtr[i + 1]!; p++) {
        const j = csr.col[p]!;
        if (free[j]) acc -= csr.value[p]! * v[j]!;
      }
      out[i] = acc;
    }
  };
  const y = new Float64Array(n); // free part of the solution
  const r = Float64Array.from(rhs);
  const d = Float64Array.from(r);
  const q = new Float64Array(n);
  let rr = dot(r, r);
  const stop = tolerance * tolerance * Math.max(rr, 1e-300);
  for (let it = 0; it < 10 * n + 100 && rr > stop; it++) {
    apply(d, q);
    const alpha = rr / dot(d, q);
    for (let i = 0; i < n; i++) {
      y[i]! += alpha * d[i]!;
      r[i]! -= alpha * q[i]!;
    }
    const next = dot(r, r);
    const beta = next / rr;
    rr = next;
    for (let i = 0; i < n; i++) d[i] = r[i]! + beta * d[i]!;
  }
  for (let i = 0; i < n; i++) if (free[i]) x[i] = y[i]!;
  return x;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Every connected component of free nodes must have an edge to a boundary node (else L_FF is singular). */
function checkAnchored(graph: Graph, csr: ReturnType<typeof adjacencyCsr>, free: Uint8Array): void {
  const seen = new Uint8Array(graph.n);
  for (let s = 0; s < graph.n; s++) {
    if (!free[s] || seen[s]) continue;
    let anchored = false;
    const stack = [s];
    seen[s] = 1;
    while (stack.length) {
      const i = stack.pop()!;
      for (let p = csr.rowPtr[i]!; p < csr.rowPtr[i + 1]!; p++) {
        const j = csr.col[p]!;
        if (!free[j]) anchored = true;
        else if (!seen[j]) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    if (!anchored) {
      throw new ArgumentError(
        "emtd/adversary/harmonic",
        "boundary",
        "touching every connected component of the free nodes",
        `component of node ${s} has no boundary node`,
      );
    }
  }
}
