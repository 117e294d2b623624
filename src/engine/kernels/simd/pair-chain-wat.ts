/**
 * WebAssembly text for simd-heap's module (tfjs-wasm's memory): the pair-term chain Σ_r w_r ‖x_r‖² over rows of
 * x [R, 2] (kernels/configs/deferred-tensors), each step rounded to float32 as the stock kernels round it — Square (a·a), Sum over the last
 * axis ((0 + a²) + b², sumPairs' order), Multiply (w·n), and the total in row order from +0 (tfjs-wasm's Sum to a
 * scalar: one float32 accumulator, measured equal bit for bit). `norms2`/`weighted2` write the rows (a deferred tensor
 * made real), `normsSum2`/`weightedSum2`/`squaresSum` return the total without writing them; the `…E2` forms take the
 * rows as the edge differences of a field x [N, 2] through the (src, dst) pairs, formed as diff2 forms them and never
 * stored, and `edgeSquareE2`/`edgeScaledSquareE2`/`edgeConstSquareE2` are edgeSquare2/edgeScaledSquare2 from the field
 * (kernels/configs/edge-square-kernel, when the differences were deferred; the last for unit weights); their `…NormsSumE2`/`…WeightedSumE2`
 * forms also return normsSumE2's or weightedSumE2's total, formed in the same loop.
 */
export const PAIR_CHAIN_WAT = (() => {
  // A row's two values into $a, $b: from the rows of x [R, 2] ("rows"), or the edge's difference x_src − x_dst of
  // the field x [N, 2] through the (src, dst) pairs ("edges", diff2's float32 subtraction), never stored.
  const load = {
    rows: "(local.set $a (f32.load (local.get $x))) (local.set $b (f32.load offset=4 (local.get $x)))",
    edges: String.raw`(local.set $ps (i32.add (local.get $x) (i32.shl (i32.load (local.get $pairs)) (i32.const 3))))
      (local.set $pt (i32.add (local.get $x) (i32.shl (i32.load offset=4 (local.get $pairs)) (i32.const 3))))
      (local.set $a (f32.sub (f32.load (local.get $ps)) (f32.load (local.get $pt))))
      (local.set $b (f32.sub (f32.load offset=4 (local.get $ps)) (f32.load offset=4 (local.get $pt))))`,
  };
  const norm = "(f32.add (f32.add (f32.const 0) (f32.mul (local.get $a) (local.get $a))) (f32.mul (local.get $b) (local.get $b)))";
  const weighted = `(f32.mul (f32.load (local.get $w)) ${norm})`;
  const locals = "(local $r i32) (local $a f32) (local $b f32) (local $s f32) (local $ps i32) (local $pt i32)";
  type Source = keyof typeof load;
  const fn = (source: Source, name: string, weights: boolean, out: boolean, body: string) => {
    const params = [
      "(param $R i32)",
      source === "edges" ? "(param $pairs i32)" : "",
      "(param $x i32)",
      weights ? "(param $w i32)" : "",
      out ? "(param $out i32)" : "",
    ].join(" ");
    const advance = [
      source === "edges"
        ? "(local.set $pairs (i32.add (local.get $pairs) (i32.const 8)))"
        : "(local.set $x (i32.add (local.get $x) (i32.const 8)))",
      weights ? "(local.set $w (i32.add (local.get $w) (i32.const 4)))" : "",
      out ? "(local.set $out (i32.add (local.get $out) (i32.const 4)))" : "",
    ].join(" ");
    return String.raw`
  (func (export "${name}${source === "edges" ? "E2" : "2"}") ${params} ${out ? "" : "(result f32)"} ${locals}
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $r) (local.get $R)))
      ${load[source]}
      ${body}
      ${advance}
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows)))
    ${out ? "" : "(local.get $s)"})`;
  };
  const chain = (source: Source) =>
    [
      fn(source, "norms", false, true, `(f32.store (local.get $out) ${norm})`),
      fn(source, "weighted", true, true, `(f32.store (local.get $out) ${weighted})`),
      fn(source, "normsSum", false, false, `(local.set $s (f32.add (local.get $s) ${norm}))`),
      fn(source, "weightedSum", true, false, `(local.set $s (f32.add (local.get $s) ${weighted}))`),
    ].join("");
  // The backward pass from the field (kernels/configs/edge-square-kernel with deferred differences): edgeSquare2 and edgeScaledSquare2
  // with each edge's difference formed from x as diff2 forms it.
  const difference = String.raw`(f32x4.sub
          (v128.load64_zero (i32.add (local.get $x) (i32.shl (i32.load (local.get $pairs)) (i32.const 3))))
          (v128.load64_zero (i32.add (local.get $x) (i32.shl (i32.load offset=4 (local.get $pairs)) (i32.const 3)))))`;
  // The factor of edge e: g[e] (edgeSquareE2), c·w[e] (edgeScaledSquareE2), or c alone for unit weights, where
  // c·1 = c exactly (edgeConstSquareE2).
  const factors = {
    g: { params: "(param $w i32)", value: "(v128.load32_splat (local.get $w))" },
    scaled: {
      params: "(param $c f32) (param $w i32)",
      value: "(f32x4.mul (f32x4.splat (local.get $c)) (v128.load32_splat (local.get $w)))",
    },
    constant: { params: "(param $c f32)", value: "(f32x4.splat (local.get $c))" },
  };
  // With a total, the pass also returns the chain's total over the same edges (normsSumE2's or weightedSumE2's sum,
  // the float32 operations in their order): two dependent chains, the scatter's and the sum's, that overlap in one
  // loop (the forward's Sum and the backward of a user's pair term).
  // ‖d‖² from $q = d ⊙ d (lane products are f32.mul's), summed as `norm` sums.
  const laneNorm = "(f32.add (f32.add (f32.const 0) (f32x4.extract_lane 0 (local.get $q))) (f32x4.extract_lane 1 (local.get $q)))";
  const square = "(local.set $q (f32x4.mul (local.get $v) (local.get $v)))";
  const totals = {
    none: { params: "", locals: "", result: "", step: "", advance: "", value: "" },
    norms: {
      params: "",
      locals: "(local $q v128) (local $s f32)",
      result: "(result f32)",
      step: `${square} (local.set $s (f32.add (local.get $s) ${laneNorm}))`,
      advance: "",
      value: "(local.get $s)",
    },
    weighted: {
      params: "(param $tw i32)",
      locals: "(local $q v128) (local $s f32)",
      result: "(result f32)",
      step: `${square} (local.set $s (f32.add (local.get $s) (f32.mul (f32.load (local.get $tw)) ${laneNorm})))`,
      advance: "(local.set $tw (i32.add (local.get $tw) (i32.const 4)))",
      value: "(local.get $s)",
    },
  };
  const names = {
    factor: { g: "edgeSquare", scaled: "edgeScaledSquare", constant: "edgeConstSquare" },
    total: { none: "", norms: "NormsSum", weighted: "WeightedSum" },
  };
  const gradient = (factor: keyof typeof factors, total: keyof typeof totals) => {
    const t = totals[total];
    const name = `${names.factor[factor]}${names.total[total]}E2`;
    return String.raw`
  (func (export "${name}") (param $E i32) (param $pairs i32) ${factors[factor].params} ${t.params} (param $x i32) (param $z i32) ${t.result}
    (local $end i32) (local $v v128) (local $a i32) ${t.locals}
    (local.set $end (i32.add (local.get $pairs) (i32.shl (local.get $E) (i32.const 3))))
    (block $done (loop $edges
      (br_if $done (i32.ge_u (local.get $pairs) (local.get $end)))
      (local.set $v ${difference})
      ${t.step}
      (local.set $v (f32x4.mul ${factors[factor].value} (f32x4.add (local.get $v) (local.get $v))))
      (local.set $a (i32.add (local.get $z) (i32.shl (i32.load (local.get $pairs)) (i32.const 3))))
      (v128.store64_lane 0 (local.get $a) (f32x4.add (v128.load64_zero (local.get $a)) (local.get $v)))
      (local.set $a (i32.add (local.get $z) (i32.shl (i32.load offset=4 (local.get $pairs)) (i32.const 3))))
      (v128.store64_lane 0 (local.get $a) (f32x4.sub (v128.load64_zero (local.get $a)) (local.get $v)))
      (local.set $pairs (i32.add (local.get $pairs) (i32.const 8)))
      ${factor === "constant" ? "" : "(local.set $w (i32.add (local.get $w) (i32.const 4)))"}
      ${t.advance}
      (br $edges)))
    ${t.value}
  )`;
  };
  const allOnes = String.raw`
  ;; 1 when all n floats at $w are 1.0 (bit for bit), else 0.
  (func (export "allOnes") (param $n i32) (param $w i32) (result i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $n) (i32.const 2))))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
      (if (i32.ne (i32.load (local.get $w)) (i32.const 0x3f800000)) (then (return (i32.const 0))))
      (local.set $w (i32.add (local.get $w) (i32.const 4)))
      (br $each)))
    (i32.const 1))`;
  const squares = String.raw`
  (func (export "squaresSum") (param $n i32) (param $x i32) (result f32) (local $r i32) (local $a f32) (local $s f32)
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $r) (local.get $n)))
      (local.set $a (f32.load (local.get $x)))
      (local.set $s (f32.add (local.get $s) (f32.mul (local.get $a) (local.get $a))))
      (local.set $x (i32.add (local.get $x) (i32.const 4)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $each)))
    (local.get $s))`;
  // Σ of the squared differences in element order (channel 0, then 1, edge by edge).
  const squaresE = fn(
    "edges",
    "squaresSum",
    false,
    false,
    String.raw`(local.set $s (f32.add (f32.add (local.get $s) (f32.mul (local.get $a) (local.get $a)))
        (f32.mul (local.get $b) (local.get $b))))`,
  );
  return (
    chain("rows") +
    chain("edges") +
    squares +
    squaresE +
    (Object.keys(factors) as Array<keyof typeof factors>)
      .flatMap((factor) => (Object.keys(totals) as Array<keyof typeof totals>).map((total) => gradient(factor, total)))
      .join("") +
    allOnes
  );
})();
