/**
 * tf.valueAndGrad for one tensor, with tfjs's own tape and gradient functions, except that the chain
 * Σ_lastAxis(square(edgeDifferences(·))) — ‖x_src − x_dst‖² per edge, the heart of users' pair terms — is
 * differentiated in one pass by `EmtdEdgeSquareGradient` (kernels/configs/edge-square-kernel) instead of three (the Sum gradient's
 * broadcast to [E, C], the Square gradient, the incidence transpose), and with it, where the per-edge sums are
 * weighted and summed (Σ_e w_e ‖x_src − x_dst‖²), the gradients of that Multiply and Sum (a fill and a product),
 * with the same float32 results bit for bit.
 *
 * Why: the autodiff path is memory-bound; each pass writes and reads an [E, C] temporary (≈0.25–0.3 ms at
 * E = 5·10⁵, C = 2 on wasm). The fusion applies only where the chain's intermediate tensors have no other use on
 * the tape (so no other gradient reaches them) and are not the differentiated tensor; everything else runs tfjs's
 * gradient functions in tfjs's order (`backpropagateGradients`, `getFilteredNodesXToY` of tfjs-core's tape.ts,
 * followed here line for line). It reads the engine's tape (tfjs-core 4.x: `startTape`, `endTape`, `scopedRun`,
 * `state.activeTape`); where those are missing it is tf.valueAndGrad.
 */
import * as tf from "@tensorflow/tfjs";
import { hasKernel, runKernel } from "./dispatch";
import { EDGE_SQUARE_GRADIENT } from "./edge-square-kernel";
import { edgeDifferencesPlan } from "./incidence-kernel";
import { withDeferral } from "./deferred-tensors";
import { engineInternals, type EngineInternals, type TapeNode } from "../tfjs/private-hooks";

let enabled = true;

/** Switch the fusion on or off (kernels/configs/autodiff-overrides's install and remove: tests compare with stock tfjs). */
export function setBackpropFusion(on: boolean): void {
  enabled = on;
}

/** tfjs-core's getFilteredNodesXToY: the tape nodes on a path from xs to y, inputs pruned to those from xs. */
function filteredNodes(tape: TapeNode[], xs: tf.Tensor[], y: tf.Tensor): TapeNode[] {
  const fromX: Record<number, boolean> = {};
  const nodesFromX: Record<number, boolean> = {};
  for (const x of xs) fromX[x.id] = true;
  for (const node of tape) {
    for (const name in node.inputs) {
      if (fromX[node.inputs[name]!.id]) {
        node.outputs.forEach((o) => (fromX[o.id] = true));
        nodesFromX[node.id] = true;
        break;
      }
    }
  }
  const leadToY: Record<number, boolean> = { [y.id]: true };
  const nodesToY: Record<number, boolean> = {};
  for (let i = tape.length - 1; i >= 0; i--) {
    const node = tape[i]!;
    if (node.outputs.some((o) => leadToY[o.id])) {
      for (const name in node.inputs) {
        leadToY[node.inputs[name]!.id] = true;
        nodesToY[node.id] = true;
      }
    }
  }
  const out: TapeNode[] = [];
  for (const node of tape) {
    if (!nodesFromX[node.id] || !nodesToY[node.id]) continue;
    const inputs: Record<string, tf.Tensor> = {};
    for (const name in node.inputs) if (fromX[node.inputs[name]!.id]) inputs[name] = node.inputs[name]!;
    out.push({ ...node, inputs });
  }
  return out;
}

/**
 * A fusable chain: its edges node (whose input receives the gradient), the nodes it replaces, the edge differences
 * d, and where the per-edge factor comes from: the Sum node's output gradient, or (`weights`) the weights w of a
 * Multiply w ⊙ r by r = that output, summed to the scalar whose gradient the chain starts from.
 */
interface Chain {
  edges: TapeNode;
  replaced: TapeNode[];
  d: tf.Tensor;
  sum: TapeNode;
  weights?: { w: tf.Tensor; total: TapeNode };
}

/**
 * The fusable chains of the filtered tape, by the id of the node where the backward pass meets them first: a Sum
 * node over the last axis of [E, C] whose input comes from a Square node of an edge-differences tensor, each
 * intermediate used once; extended to Σ(w ⊙ that sum) when the sum is used once, by a same-shape float32 Multiply
 * whose product is used once, by a Sum to a scalar.
 */
function fusableChains(tape: TapeNode[], x: tf.Tensor): Map<number, Chain> {
  const uses = new Map<number, number>();
  const producer = new Map<number, TapeNode>();
  const consumer = new Map<number, TapeNode>();
  for (const node of tape) {
    for (const name in node.inputs) {
      uses.set(node.inputs[name]!.id, (uses.get(node.inputs[name]!.id) ?? 0) + 1);
      consumer.set(node.inputs[name]!.id, node);
    }
    for (const o of node.outputs) producer.set(o.id, node);
  }
  const chains = new Map<number, Chain>();
  for (const sum of tape) {
    const s = sum.inputs.x;
    if (sum.kernelName !== "Sum" || !s || sum.outputs.length !== 1 || s.rank !== 2 || s.dtype !== "float32") continue;
    const [E, C] = s.shape as [number, number];
    const out = sum.outputs[0]!.shape;
    // Over the last axis only (with or without keepDims); [E] is ambiguous when E = C (the axis is not on the tape).
    const lastAxis = (out.length === 2 && out[0] === E && out[1] === 1 && C !== 1) || (out.length === 1 && out[0] === E && E !== C);
    const square = producer.get(s.id);
    if (!lastAxis || !square || square.kernelName !== "Square" || uses.get(s.id) !== 1 || s.id === x.id) continue;
    const d = square.inputs.x;
    const edges = d ? producer.get(d.id) : undefined;
    if (!d || !edges || uses.get(d.id) !== 1 || d.id === x.id || edgeDifferencesPlan(d) === undefined) continue;
    if (edges.outputs.length !== 1 || Object.keys(edges.inputs).length !== 1) continue;
    const chain: Chain = { edges, replaced: [square, edges], d, sum };
    chains.set(sum.id, chain);
    // Upstream: r = the sum, m = w ⊙ r (Multiply, one shape, w not a function of x: pruned), Σ m to a scalar.
    const r = sum.outputs[0]!;
    const mul = uses.get(r.id) === 1 ? consumer.get(r.id) : undefined;
    if (!mul || mul.kernelName !== "Multiply" || mul.outputs.length !== 1 || Object.keys(mul.inputs).length !== 1) continue;
    const [a, b] = (mul.saved ?? []) as [tf.Tensor?, tf.Tensor?];
    const w = mul.inputs.a === r ? b : mul.inputs.b === r ? a : undefined;
    const m = mul.outputs[0]!;
    if (!w || w.dtype !== "float32" || !tf.util.arraysEqual(w.shape, r.shape) || uses.get(m.id) !== 1 || m.id === x.id) continue;
    const total = consumer.get(m.id)!;
    if (total.kernelName !== "Sum" || total.outputs.length !== 1 || total.outputs[0]!.rank !== 0) continue;
    chains.delete(sum.id);
    chains.set(total.id, { ...chain, replaced: [mul, sum, square, edges], weights: { w, total } });
  }
  return chains;
}

/**
 * { value, grad } of a scalar function f at x, as tf.valueAndGrad(f)(x) computes them (bit for bit), with the fused
 * chains of the module comment. Throws tfjs's errors for an f without a path from x.
 */
export function valueAndGradient(f: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor): { value: tf.Scalar; grad: tf.Tensor } {
  const engine = engineInternals(tf.engine());
  const internals = typeof engine.startTape === "function" && typeof engine.scopedRun === "function" && engine.state !== undefined;
  if (!enabled || !internals || !hasKernel(EDGE_SQUARE_GRADIENT)) {
    const { value, grad } = tf.valueAndGrad(f)(x);
    return { value: value as tf.Scalar, grad };
  }
  const e = engine as EngineInternals;
  const y = e.scopedRun(
    () => e.startTape(),
    () => e.endTape(),
    // The pair chain's temporaries deferred (kernels/configs/deferred-tensors): the fused gradient below does not read them.
    () => withDeferral(() => e.tidy("forward", () => f(x))),
  );
  if (!(y instanceof tf.Tensor)) throw new Error("The result y returned by f() must be a tensor.");
  const tape = filteredNodes(e.state.activeTape!, [x], y);
  if (tape.length === 0) {
    throw new Error(
      "Cannot compute gradient of y=f(x) with respect to x. Make sure that the f you passed encloses all operations that lead from x to y.",
    );
  }
  const chains = fusableChains(tape, x);
  const grad = e.tidy("backward", () => {
    const acc: Record<number, tf.Tensor> = { [y.id]: tf.ones(y.shape) };
    const skipped = new Set<number>();
    const pending = new Map<number, tf.Tensor>(); // edges node id → its input's gradient, computed at the Sum
    for (let i = tape.length - 1; i >= 0; i--) {
      const node = tape[i]!;
      if (skipped.has(node.id)) {
        const dx = pending.get(node.id);
        if (dx) accumulate(acc, node.inputs[Object.keys(node.inputs)[0]!]!, dx);
        continue;
      }
      const chain = chains.get(node.id);
      const g = acc[node.outputs[0]!.id];
      if (chain && g && g.dtype === "float32") {
        const plan = edgeDifferencesPlan(chain.d)!;
        // With weights: the factor of edge e is c·w_e (c the scalar's gradient), as the Sum and Multiply gradients
        // give it (c broadcast, then dy·w); else the sum's own gradient g.
        const inputs: Record<string, tf.Tensor> = chain.weights ? { g: chain.weights.w, d: chain.d, scale: g } : { g, d: chain.d };
        const dx = e.tidy(() => runKernel(EDGE_SQUARE_GRADIENT, inputs, { plan }) as tf.Tensor);
        chain.replaced.forEach((n) => skipped.add(n.id));
        pending.set(chain.edges.id, dx);
        continue;
      }
      const dys = node.outputs.map((o) => acc[o.id] ?? null);
      if (!node.gradient) throw new Error(`Cannot compute gradient: gradient function not found for ${node.kernelName}.`);
      const inputGradients = node.gradient(dys);
      for (const name in node.inputs) {
        if (!(name in inputGradients)) {
          throw new Error(`Cannot backprop through input ${name}. Available gradients found: ${Object.keys(inputGradients)}.`);
        }
        const dx = e.tidy(() => inputGradients[name]!());
        if (dx.dtype !== "float32") {
          throw new Error(
            `Error in gradient for op ${node.kernelName}. The gradient of input ${name} must have 'float32' dtype, but has '${dx.dtype}'`,
          );
        }
        const input = node.inputs[name]!;
        if (!tf.util.arraysEqual(dx.shape, input.shape)) {
          throw new Error(
            `Error in gradient for op ${node.kernelName}. The gradient of input '${name}' has shape '${dx.shape}', which does not match the shape of the input '${input.shape}'`,
          );
        }
        accumulate(acc, input, dx);
      }
    }
    const gx = acc[x.id]!;
    if (e.state.gradientDepth === 0) {
      e.state.activeTape!.forEach((node) => node.saved?.forEach((t) => t.dispose()));
      e.state.activeTape = null;
    }
    return gx;
  });
  return { value: y as tf.Scalar, grad };
}

/** tfjs's accumulation: the first gradient of a tensor is kept, later ones added (in tape order, as there). */
function accumulate(acc: Record<number, tf.Tensor>, input: tf.Tensor, dx: tf.Tensor): void {
  const current = acc[input.id];
  if (current === undefined) acc[input.id] = dx;
  else {
    acc[input.id] = tf.add(current, dx);
    current.dispose();
  }
}
