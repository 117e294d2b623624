/**
 * §3.3's copy-and-accept update (ops/copy-sweep `copyRuns`) as WebAssembly text, four independent runs in the four
 * i32x4 lanes of a group, each run to its own stop. Per sweep t and node i = 0 … n − 1 in order, a lane whose node
 * has neighbours and is not skipped proposes node 0's ledger (kernel 0), a drawn neighbour's (1) or one of the K (2),
 * and takes it by Metropolis on Σ_q ½(d[p, l_q] − d[c, l_q]) at its own T: taken when the cost is ≤ 0, else when
 * u < e^{−cost/T} (the factor kept per lane and whole cost below 64 for the T at hand; NaN rejects).
 *
 * The draws are Philox4x32-10 (engine/philox) under the lane's own key, computed for the four lanes at once: one block
 * per pair of nodes, at counter (from + t, ⌊i/2⌋, 0, 0), whose words 2(i mod 2) and 2(i mod 2) + 1 are node i's
 * proposal (⌊w·m/2³²⌋ of m choices) and accept (u = w·2⁻³²); a noisy node's redraw before the sweep is word 0 at
 * (from + t, i, 1, 0). So a run's numbers are a function of its key and counter alone: the same in any lane of any
 * group, on any thread, and the same as the JavaScript loop (ops/copy-sweep `copyRunsReference`, held to
 * it bit for bit by test/unit/ops/copy-sweep.test.ts).
 *
 * Why lanes: one run at a time is a chain of dependent branches and draws; four runs side by side share every load
 * of their control words, the generator and the accept test, and their gathers overlap. Labels, row offsets and skip
 * flags are laid out lane-interleaved (word 4·i + lane), so one v128 load brings node i of all four runs; a neighbour's
 * label is a gather (one scalar load per lane; WebAssembly has no gather instruction). The cost's terms are a second
 * gather from the table, except at K = 2 (every claim's case today), where a moving lane has only two: read once per
 * node, picked per neighbour by a compare ({@link costTerms}); the same numbers added in the same order.
 *
 * A group's descriptor at $g (bytes): 0 n (the most nodes of its lanes; a lane with fewer has empty rows above its
 * own n), 4 row (i32 × 4(n + 1), byte addresses of col entries), 8 col (i32: each the byte address of its neighbour's
 * label in its lane; the entry at byte address `pad` that of a label every lane may read), 12 labels
 * (i32 × 4n, in place), 16 skip (i32 × 4n: 0 follows the rule, 1 pinned, 2 noisy; 0 = none), 20 temperatures
 * (f64 × 4·limit, lane-interleaved), 24 cache (8192 bytes: {@link FACTORS}' slots), 28 any noisy (i32), 32 key0, 48 key1, 64 from,
 * 80 limit, 96 stop (−1: a quiet sweep stops), 112 consensus stop (−1: a consensus stops), 128 active (−1: a run),
 * 144 out sweeps, 160 out frozen (−1/0), 176 pad (i32), 192 nodes per lane (v128); {@link COPY_GROUP_BYTES} in all.
 */

/** The module's import of Math.exp (simd-module instantiates it with `math: { exp: Math.exp }`). */
export const COPY_IMPORTS = `(import "math" "exp" (func $exp (param f64) (result f64)))`;

/** Bytes of a lane group's descriptor. */
export const COPY_GROUP_BYTES = 208;

/** Lanes per group: i32x4. */
export const COPY_LANES = 4;

/** The odd (high) and even (low) 32-bit words of two i64x2 products, lanes 0, 1 then 2, 3. */
const HIGH_WORDS = "4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31";

/**
 * One round: the high words of both 32 × 32 → 64-bit products by extmul and a shuffle, the low words by i32x4.mul.
 * (The shuffles are the round's bottleneck: x86 runs them on one port, and each extmul unpacks both operands. Taking
 * the low words by i32x4.mul, slow as it is, leaves two shuffles fewer a round: 5.1 → 4.4 ns per uniform draw of
 * kernels/simd/philox-blocks on this machine, the same words.)
 */
const PHILOX_ROUND = `
        (local.set $p0 (i64x2.extmul_low_i32x4_u (local.get $x0) (local.get $m0)))
        (local.set $p1 (i64x2.extmul_high_i32x4_u (local.get $x0) (local.get $m0)))
        (local.set $p2 (i64x2.extmul_low_i32x4_u (local.get $x2) (local.get $m1)))
        (local.set $p3 (i64x2.extmul_high_i32x4_u (local.get $x2) (local.get $m1)))
        (local.set $x3 (v128.xor (local.get $x3) (local.get $y1)))
        (local.set $x1 (v128.xor (local.get $x1) (local.get $y0)))
        (local.set $l1 (i32x4.mul (local.get $x2) (local.get $m1)))
        (local.set $l0 (i32x4.mul (local.get $x0) (local.get $m0)))
        (local.set $x0 (v128.xor (i8x16.shuffle ${HIGH_WORDS} (local.get $p2) (local.get $p3)) (local.get $x1)))
        (local.set $x2 (v128.xor (i8x16.shuffle ${HIGH_WORDS} (local.get $p0) (local.get $p1)) (local.get $x3)))
        (local.set $x1 (local.get $l1))
        (local.set $x3 (local.get $l0))
        (local.set $y0 (i32x4.add (local.get $y0) (local.get $wa)))
        (local.set $y1 (i32x4.add (local.get $y1) (local.get $wb)))`;

/** The v128 locals that {@link philoxLanes} reads and writes, for a function that runs it to declare. */
export const PHILOX_LOCALS = `(local $m0 v128) (local $m1 v128) (local $wa v128) (local $wb v128) (local $key0 v128) (local $key1 v128)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128) (local $y0 v128) (local $y1 v128)
    (local $p0 v128) (local $p1 v128) (local $p2 v128) (local $p3 v128) (local $l0 v128) (local $l1 v128)`;

/** Philox's multipliers and Weyl increments into $m0, $m1, $wa, $wb, once per function before {@link philoxLanes}. */
export const PHILOX_CONSTANTS = `(local.set $m0 (i32x4.splat (i32.const 0xd2511f53)))
    (local.set $m1 (i32x4.splat (i32.const 0xcd9e8d57)))
    (local.set $wa (i32x4.splat (i32.const 0x9e3779b9)))
    (local.set $wb (i32x4.splat (i32.const 0xbb67ae85)))`;

/**
 * Philox4x32-10 of four lanes at counter (c0, c1, c2, c3) under key (k0, k1), each a v128 expression: the words in
 * $x0 … $x3, by the same rounds as {@link philoxLanes} (which is this under ($key0, $key1)). For the fused Langevin
 * streams (philox-stream-wat, langevin-wat); the caller declares {@link PHILOX_LOCALS} and runs
 * {@link PHILOX_CONSTANTS} first.
 */
export const philoxLanesUnder = (c: readonly [string, string, string, string], k0: string, k1: string) => `
        (local.set $x0 ${c[0]})
        (local.set $x1 ${c[1]})
        (local.set $x2 ${c[2]})
        (local.set $x3 ${c[3]})
        (local.set $y0 ${k0})
        (local.set $y1 ${k1})${PHILOX_ROUND.repeat(10)}`;

/**
 * Philox4x32-10 (engine/philox `philox4x32`) in the four i32x4 lanes: counter words the v128 expressions `c0` … `c3`
 * under the key ($key0, $key1), each lane its own; the four words of each lane's block in $x0 … $x3. The one Philox of
 * the WebAssembly modules (the copy lanes here, engine/random's uniform blocks in philox-blocks-wat.ts).
 */
export const philoxLanes = (c0: string, c1: string, c2: string, c3: string): string =>
  philoxLanesUnder([c0, c1, c2, c3], "(local.get $key0)", "(local.get $key1)");

/** Philox4x32-10 of the four lanes at counter ($pc0, c1, c2, 0) under ($key0, $key1): the four words in $x0 … $x3. */
const philox = (c1: string, c2: number) =>
  philoxLanes("(local.get $pc0)", `(i32x4.splat ${c1})`, `(v128.const i32x4 ${c2} ${c2} ${c2} ${c2})`, "(v128.const i32x4 0 0 0 0)");

/**
 * The draws of node $i: its pair's block (counter (sweep, ⌊i/2⌋, 0, 0)) computed once per pair, words 0 and 1 for an
 * even node, 2 and 3 for an odd one, into $w0 (the proposal) and $w1 (the accept).
 */
const DRAWS = `
        (if (i32.ne (local.get $blk) (i32.shr_u (local.get $i) (i32.const 1)))
          (then
            ${philox("(i32.shr_u (local.get $i) (i32.const 1))", 0)}
            (local.set $blk (i32.shr_u (local.get $i) (i32.const 1)))
            (local.set $b0 (local.get $x0))
            (local.set $b1 (local.get $x1))
            (local.set $b2 (local.get $x2))
            (local.set $b3 (local.get $x3))))
        (if (i32.and (local.get $i) (i32.const 1))
          (then (local.set $w0 (local.get $b2)) (local.set $w1 (local.get $b3)))
          (else (local.set $w0 (local.get $b0)) (local.set $w1 (local.get $b1))))`;

/** ⌊a·b / 2³²⌋ per lane (unsigned): a draw of one of b choices from word a. */
const mulHi = (a: string, b: string) =>
  `(i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (i64x2.extmul_low_i32x4_u ${a} ${b}) (i64x2.extmul_high_i32x4_u ${a} ${b}))`;

const LANES = [0, 1, 2, 3];

/**
 * The labels at the col entries at byte addresses `entry(l)` of lanes l = 0 … 3, into `into`: a col entry holds the
 * byte address of its neighbour's label in its own lane (laid out so by simd-copy-lanes), so a gather is two loads.
 * Lanes 0, 1 and 2, 3 fill two vectors side by side, joined by one shuffle (a shorter chain than four replace_lanes).
 */
const gatherLabels = (into: string, entry: (l: number) => string) => {
  const pair = (l: number) => `(v128.load32_lane 1 (i32.load ${entry(l + 1)}) (v128.load32_zero (i32.load ${entry(l)})))`;
  return `(local.set ${into} (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 ${pair(0)}
          ${pair(2)}))`;
};

/** The lanes of the i32x4 `q` as col entries' addresses, for {@link gatherLabels}. */
const lanesOf = (q: string) => (l: number) => `(i32x4.extract_lane ${l} (local.get ${q}))`;

/** The f64s at the byte addresses `base` + 8·idx_l of the lanes of the i32x4 `idx`, into the f64x2 pairs `lo` (lanes 0, 1) and `hi` (2, 3). */
const gatherDistances = (lo: string, hi: string, idx: string, base: string) =>
  `(local.set $at (i32x4.add (i32x4.splat (local.get ${base})) (i32x4.shl (local.get ${idx}) (i32.const 3))))
        ` +
  LANES.map(
    (l) =>
      `(local.set ${l < 2 ? lo : hi} (f64x2.replace_lane ${l % 2} (local.get ${l < 2 ? lo : hi}) (f64.load (i32x4.extract_lane ${l} (local.get $at)))))`,
  ).join("\n        ");

/**
 * The factor cache: per lane 64 slots, slot c holding e^{−c/T} for the whole cost c at the lane's current T (NaN
 * until computed), at $cache + 1024·lane + 8·c; the lane's T of those slots at $cache + 4096 + 8·lane, the slots
 * emptied when its T changes. A hit is the number Math.exp returned for that cost and T, so the cache never changes a
 * decision; it only spares the calls. Costs that are not whole, or ≥ 64, miss and take Math.exp each time.
 */
const cacheSlot = (l: number) =>
  `(i32.add (local.get $cache) (i32.add (i32.const ${1024 * l}) (i32.shl (i32x4.extract_lane ${l} (local.get $ci)) (i32.const 3))))`;

/** Lane l's cached factor into the pair $cf01 / $cf23. */
const cached = (l: number) => {
  const pair = l < 2 ? "01" : "23";
  return `(local.set $cf${pair} (f64x2.replace_lane ${l % 2} (local.get $cf${pair}) (f64.load ${cacheSlot(l)})))`;
};

/** Lane l's factor where it missed ($miss): e^{−cost/T} computed, kept in its slot when the cost is whole and below 64. */
const missed = (l: number) => {
  const pair = l < 2 ? "01" : "23";
  return `
          (if (i32x4.extract_lane ${l} (local.get $miss))
            (then
              (local.set $c (f64x2.extract_lane ${l % 2} (local.get $c${pair})))
              (local.set $f (call $exp (f64.div (f64.neg (local.get $c)) (f64x2.extract_lane ${l % 2} (local.get $T${pair})))))
              (if (f64.eq (local.get $c) (f64.convert_i32_s (i32x4.extract_lane ${l} (local.get $ci))))
                (then (f64.store ${cacheSlot(l)} (local.get $f))))
              (local.set $f${pair} (f64x2.replace_lane ${l % 2} (local.get $f${pair}) (local.get $f)))))`;
};

/** The factors e^{−cost/T} of the lanes moving uphill ($up; a NaN cost is not), 0 elsewhere, into $f01 and $f23. */
const FACTORS = `
          (local.set $ci (i32x4.min_s (i32x4.max_s (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            (i32x4.trunc_sat_f64x2_s_zero (local.get $c01)) (i32x4.trunc_sat_f64x2_s_zero (local.get $c23)))
            (v128.const i32x4 0 0 0 0)) (v128.const i32x4 63 63 63 63)))
          ${LANES.map(cached).join("\n          ")}
          ;; a hit: a whole cost below 64 (equal to its clamped slot) whose slot holds a number
          (local.set $hit (${"i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27"}
            (v128.and (f64x2.eq (local.get $c01) (f64x2.convert_low_i32x4_s (local.get $ci))) (f64x2.eq (local.get $cf01) (local.get $cf01)))
            (v128.and (f64x2.eq (local.get $c23) (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $ci) (local.get $ci))))
              (f64x2.eq (local.get $cf23) (local.get $cf23)))))
          (local.set $f01 (v128.and (local.get $cf01) (i64x2.extend_low_i32x4_s (v128.and (local.get $up) (local.get $hit)))))
          (local.set $f23 (v128.and (local.get $cf23) (i64x2.extend_high_i32x4_s (v128.and (local.get $up) (local.get $hit)))))
          (local.set $miss (v128.andnot (local.get $up) (local.get $hit)))
          (if (v128.any_true (local.get $miss)) (then ${LANES.map(missed).join("")}))`;

/** At a sweep's start: a lane whose T differs from its slots' T empties its 64 slots (NaN) and takes the new T. */
const retemper = (l: number) => {
  const pair = l < 2 ? "01" : "23";
  return `
      (local.set $tl (f64x2.extract_lane ${l % 2} (local.get $T${pair})))
      (if (f64.ne (local.get $tl) (f64.load offset=${4096 + 8 * l} (local.get $cache)))
        (then
          (f64.store offset=${4096 + 8 * l} (local.get $cache) (local.get $tl))
          (local.set $j (i32.const 0))
          (loop $empty${l}
            (v128.store offset=${1024 * l} (i32.add (local.get $cache) (local.get $j)) (v128.const f64x2 nan nan))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br_if $empty${l} (i32.lt_u (local.get $j) (i32.const 512))))))`;
};

/** The four i32 lanes of two i64x2 masks (lanes 0, 1 then 2, 3) as one i32x4 mask. */
const narrow = (lo: string, hi: string) => `(i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 ${lo} ${hi})`;

/** Lane l's col entry in the cost loop: $q_l, clamped to its row's end $e_l. */
const entry = (l: number) => `(select (local.get $q${l}) (local.get $e${l}) (i32.lt_u (local.get $q${l}) (local.get $e${l})))`;

/** At K = 2, the labels of lanes l and l + 1 as the two i64 lanes of a v128 (to compare with $p01 / $p23 as they are). */
const labelPair = (l: number) => `(v128.load32_lane 2 (i32.load ${entry(l + 1)}) (v128.load32_zero (i32.load ${entry(l)})))`;

/**
 * The cost Σ_q ½(d[p, l_q] − d[c, l_q]) of the moving lanes into $c01 / $c23, neighbour by neighbour in order, a
 * lane's j-th term added while j < its degree (masked to +0 beyond: a sum from +0 is never −0, so adding +0 leaves it
 * as it is; lanes not moving sum what they read, never used). Lane l reads its col entry at $q_l = a + 4j (a scalar:
 * no extract_lane per term), clamped to its row's end $e_l = b (a col entry or the pad entry: always a label's
 * address). In general each term is a gather from the table at $to + l. At K = 2 every label is 0 or 1 (the front end
 * checks them; draws are below K), so a moving lane's l is p or c and its term $tp or $tc, picked by l = p: the
 * table's same numbers, no gather.
 */
const costTerms = (k2: boolean) => `(local.set $j (i32.const 0))
              (local.set $jv (v128.const i32x4 0 0 0 0))
              ${LANES.map((l) => `(local.set $q${l} (i32x4.extract_lane ${l} (local.get $a))) (local.set $e${l} (i32x4.extract_lane ${l} (local.get $b)))`).join("\n              ")}
              (loop $terms${k2 ? "2" : ""}
                (local.set $valid (i32x4.gt_s (local.get $deg) (local.get $jv)))
                ${
                  k2
                    ? `(local.set $d01 (v128.bitselect (local.get $tp01) (local.get $tc01) (i64x2.eq ${labelPair(0)} (local.get $p01))))
                (local.set $d23 (v128.bitselect (local.get $tp23) (local.get $tc23) (i64x2.eq ${labelPair(2)} (local.get $p23))))`
                    : `${gatherLabels("$lv", entry)}
                (local.set $lv (i32x4.add (local.get $to) (local.get $lv)))
                ${gatherDistances("$d01", "$d23", "$lv", "$delta")}`
                }
                (local.set $c01 (f64x2.add (local.get $c01) (v128.and (local.get $d01) (i64x2.extend_low_i32x4_s (local.get $valid)))))
                (local.set $c23 (f64x2.add (local.get $c23) (v128.and (local.get $d23) (i64x2.extend_high_i32x4_s (local.get $valid)))))
                (local.set $jv (i32x4.add (local.get $jv) (v128.const i32x4 1 1 1 1)))
                ${LANES.map((l) => `(local.set $q${l} (i32.add (local.get $q${l}) (i32.const 4)))`).join(" ")}
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br_if $terms${k2 ? "2" : ""} (i32.lt_u (local.get $j) (local.get $jmax))))`;

/** Node i's lane-interleaved word address in the array at `base`. */
const node = (base: string) => `(i32.add (local.get ${base}) (i32.shl (local.get $i) (i32.const 4)))`;

export const COPY_LANES_WAT = String.raw`
  ;; Every lane group in [g0, g1) of the descriptors at $desc (COPY_GROUP_BYTES apart), each run to its stop.
  ;; $dist: the K × K squared distances; $delta: ½(d[p, l] − d[c, l]) at ((p·K + c)·K + l), the cost's terms.
  (func (export "copyLaneGroups") (param $desc i32) (param $g0 i32) (param $g1 i32) (param $dist i32) (param $delta i32) (param $K i32)
        (param $kernel i32)
    (block $done (loop $groups
      (br_if $done (i32.ge_u (local.get $g0) (local.get $g1)))
      (call $copyLanes (i32.add (local.get $desc) (i32.mul (local.get $g0) (i32.const ${COPY_GROUP_BYTES})))
        (local.get $dist) (local.get $delta) (local.get $K) (local.get $kernel))
      (local.set $g0 (i32.add (local.get $g0) (i32.const 1)))
      (br $groups))))

  (func $copyLanes (param $g i32) (param $dist i32) (param $delta i32) (param $K i32) (param $kernel i32)
    (local $n i32) (local $row i32) (local $col i32) (local $lab i32) (local $skip i32) (local $temps i32) (local $cache i32)
    (local $noisy i32) (local $pad i32) (local $t i32) (local $i i32) (local $j i32) (local $jmax i32) (local $drawn i32) (local $blk i32)
    (local $slot i32) (local $q0 i32) (local $q1 i32) (local $q2 i32) (local $q3 i32) (local $e0 i32) (local $e1 i32) (local $e2 i32) (local $e3 i32) (local $c f64) (local $tl f64) (local $f f64)
    (local $key0 v128) (local $key1 v128) (local $from v128) (local $limit v128) (local $stop v128) (local $cons v128)
    (local $run v128) (local $sweeps v128) (local $frozen v128) (local $nodes v128) (local $Kv v128) (local $padv v128)
    (local $m0 v128) (local $m1 v128) (local $wa v128) (local $wb v128)
    (local $pc0 v128) (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128) (local $y0 v128) (local $y1 v128)
    (local $p0 v128) (local $p1 v128) (local $p2 v128) (local $p3 v128) (local $l0 v128) (local $l1 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128) (local $w0 v128) (local $w1 v128)
    (local $a v128) (local $b v128) (local $jv v128) (local $deg v128) (local $act v128) (local $cur v128) (local $pro v128) (local $move v128) (local $take v128) (local $up v128) (local $hit v128) (local $miss v128) (local $ci v128)
    (local $cf01 v128) (local $cf23 v128)
    (local $q v128) (local $at v128) (local $lv v128) (local $to v128) (local $valid v128) (local $mask v128) (local $dm v128)
    (local $T01 v128) (local $T23 v128) (local $c01 v128) (local $c23 v128) (local $f01 v128) (local $f23 v128)
    (local $d01 v128) (local $d23 v128) (local $tot01 v128) (local $tot23 v128)
    (local $k2p0 v128) (local $k2p1 v128) (local $k2c0 v128) (local $k2c1 v128) (local $tp01 v128) (local $tp23 v128) (local $tc01 v128) (local $tc23 v128) (local $p01 v128) (local $p23 v128)
    (local.set $n (i32.load (local.get $g)))
    (local.set $row (i32.load offset=4 (local.get $g)))
    (local.set $col (i32.load offset=8 (local.get $g)))
    (local.set $lab (i32.load offset=12 (local.get $g)))
    (local.set $skip (i32.load offset=16 (local.get $g)))
    (local.set $temps (i32.load offset=20 (local.get $g)))
    (local.set $cache (i32.load offset=24 (local.get $g)))
    (local.set $noisy (i32.load offset=28 (local.get $g)))
    (local.set $key0 (v128.load offset=32 (local.get $g)))
    (local.set $key1 (v128.load offset=48 (local.get $g)))
    (local.set $from (v128.load offset=64 (local.get $g)))
    (local.set $limit (v128.load offset=80 (local.get $g)))
    (local.set $stop (v128.load offset=96 (local.get $g)))
    (local.set $cons (v128.load offset=112 (local.get $g)))
    (local.set $pad (i32.load offset=176 (local.get $g)))
    (local.set $nodes (v128.load offset=192 (local.get $g)))
    (local.set $padv (i32x4.splat (local.get $pad)))
    (local.set $Kv (i32x4.splat (local.get $K)))
    ;; K = 2: the table's four terms a move can take, (p, c) = (0, 1) at 2 + l, (1, 0) at 4 + l; l = p or c
    (if (i32.eq (local.get $K) (i32.const 2))
      (then
        (local.set $k2p0 (f64x2.splat (f64.load offset=16 (local.get $delta))))
        (local.set $k2c0 (f64x2.splat (f64.load offset=24 (local.get $delta))))
        (local.set $k2c1 (f64x2.splat (f64.load offset=32 (local.get $delta))))
        (local.set $k2p1 (f64x2.splat (f64.load offset=40 (local.get $delta))))))
    ${PHILOX_CONSTANTS}
    ;; a lane runs while it is a run, not frozen and below its limit
    (local.set $run (v128.and (v128.load offset=128 (local.get $g)) (i32x4.gt_s (local.get $limit) (v128.const i32x4 0 0 0 0))))
    (block $end (loop $sweep
      (br_if $end (i32.eqz (v128.any_true (local.get $run))))
      (local.set $pc0 (i32x4.add (local.get $from) (i32x4.splat (local.get $t))))
      (local.set $T01 (v128.load (i32.add (local.get $temps) (i32.shl (local.get $t) (i32.const 5)))))
      (local.set $T23 (v128.load offset=16 (i32.add (local.get $temps) (i32.shl (local.get $t) (i32.const 5)))))
      ;; noisy nodes redraw their ledger (word 2) before the sweep, and never follow the rule
      (if (local.get $noisy)
        (then
          (local.set $i (i32.const 0))
          (block $redrawn (loop $redraw
            (br_if $redrawn (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $mask (v128.and (local.get $run) (i32x4.eq (v128.load ${node("$skip")}) (v128.const i32x4 2 2 2 2))))
            (if (v128.any_true (local.get $mask))
              (then
                ${philox("(local.get $i)", 1)}
                (v128.store ${node("$lab")} (v128.bitselect ${mulHi("(local.get $x0)", "(local.get $Kv)")} (v128.load ${node("$lab")}) (local.get $mask)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $redraw)))))
      (local.set $tot01 (v128.const f64x2 0 0))
      (local.set $tot23 (v128.const f64x2 0 0))
      (local.set $blk (i32.const -1))
      ${LANES.map(retemper).join("")}
      (local.set $i (i32.const 0))
      (block $swept (loop $node
        (br_if $swept (i32.ge_u (local.get $i) (local.get $n)))
        (block $next
          (local.set $a (v128.load ${node("$row")}))
          (local.set $b (v128.load offset=16 ${node("$row")}))
          (local.set $deg (i32x4.shr_u (i32x4.sub (local.get $b) (local.get $a)) (i32.const 2)))
          (local.set $act (v128.andnot (local.get $run) (i32x4.eq (local.get $deg) (v128.const i32x4 0 0 0 0))))
          (if (local.get $skip)
            (then (local.set $act (v128.and (local.get $act) (i32x4.eq (v128.load ${node("$skip")}) (v128.const i32x4 0 0 0 0))))))
          (br_if $next (i32.eqz (v128.any_true (local.get $act))))
          (local.set $cur (v128.load ${node("$lab")}))
          (local.set $drawn (i32.const 0))
          (if (i32.eqz (local.get $kernel))
            (then (local.set $pro (v128.load (local.get $lab))))
            (else
              ${DRAWS}
              (local.set $drawn (i32.const 1))
              (if (i32.eq (local.get $kernel) (i32.const 1))
                (then
                  (local.set $q (v128.bitselect (i32x4.add (local.get $a) (i32x4.shl ${mulHi("(local.get $w0)", "(local.get $deg)")} (i32.const 2)))
                    (local.get $padv) (local.get $act)))
                  ${gatherLabels("$pro", lanesOf("$q"))})
                (else (local.set $pro ${mulHi("(local.get $w0)", "(local.get $Kv)")})))))
          ;; a proposal equal to the current ledger changes nothing
          (local.set $move (v128.andnot (local.get $act) (i32x4.eq (local.get $pro) (local.get $cur))))
          (br_if $next (i32.eqz (v128.any_true (local.get $move))))
          ;; the cost over each moving lane's neighbours in order, as many terms as its degree
          (local.set $dm (v128.and (local.get $deg) (local.get $move)))
          (local.set $dm (i32x4.max_u (local.get $dm) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $dm) (local.get $dm))))
          (local.set $dm (i32x4.max_u (local.get $dm) (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $dm) (local.get $dm))))
          (local.set $jmax (i32x4.extract_lane 0 (local.get $dm)))
          (local.set $c01 (v128.const f64x2 0 0))
          (local.set $c23 (v128.const f64x2 0 0))
          (if (i32.eq (local.get $K) (i32.const 2))
            (then
              ;; K = 2: a moving lane's two terms, l = p and l = c, picked from the table's by p
              (local.set $mask (i32x4.eq (local.get $pro) (v128.const i32x4 0 0 0 0)))
              (local.set $tp01 (v128.bitselect (local.get $k2p0) (local.get $k2p1) (i64x2.extend_low_i32x4_s (local.get $mask))))
              (local.set $tp23 (v128.bitselect (local.get $k2p0) (local.get $k2p1) (i64x2.extend_high_i32x4_s (local.get $mask))))
              (local.set $tc01 (v128.bitselect (local.get $k2c0) (local.get $k2c1) (i64x2.extend_low_i32x4_s (local.get $mask))))
              (local.set $tc23 (v128.bitselect (local.get $k2c0) (local.get $k2c1) (i64x2.extend_high_i32x4_s (local.get $mask))))
              (local.set $p01 (i64x2.extend_low_i32x4_u (local.get $pro)))
              (local.set $p23 (i64x2.extend_high_i32x4_u (local.get $pro)))
              ${costTerms(true)})
            (else
              ;; the cost's terms ½(d[p, l] − d[c, l]) from the table, row (p·K + c)·K
              (local.set $to (i32x4.mul (i32x4.add (i32x4.mul (local.get $pro) (local.get $Kv)) (local.get $cur)) (local.get $Kv)))
              ${costTerms(false)}))
          ;; Metropolis, the four lanes at once: taken when the cost is ≤ 0 or u < e^{−cost/T}
          (if (i32.eqz (local.get $drawn)) (then ${DRAWS}))
          (local.set $f01 (v128.const f64x2 0 0))
          (local.set $f23 (v128.const f64x2 0 0))
          (local.set $up (v128.and (local.get $move) ${narrow(
            "(f64x2.gt (local.get $c01) (v128.const f64x2 0 0))",
            "(f64x2.gt (local.get $c23) (v128.const f64x2 0 0))",
          )}))
          (if (v128.any_true (local.get $up)) (then ${FACTORS}))
          (local.set $take (v128.and (local.get $move) ${narrow(
            `(v128.or (f64x2.le (local.get $c01) (v128.const f64x2 0 0))
              (f64x2.lt (f64x2.mul (f64x2.convert_low_i32x4_u (local.get $w1)) (v128.const f64x2 2.3283064365386963e-10 2.3283064365386963e-10)) (local.get $f01)))`,
            `(v128.or (f64x2.le (local.get $c23) (v128.const f64x2 0 0))
              (f64x2.lt (f64x2.mul (f64x2.convert_low_i32x4_u (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $w1) (local.get $w1)))
                (v128.const f64x2 2.3283064365386963e-10 2.3283064365386963e-10)) (local.get $f23)))`,
          )}))
          (br_if $next (i32.eqz (v128.any_true (local.get $take))))
          (v128.store ${node("$lab")} (v128.bitselect (local.get $pro) (local.get $cur) (local.get $take)))
          (local.set $x3 (i32x4.add (i32x4.mul (local.get $pro) (local.get $Kv)) (local.get $cur)))
          ${gatherDistances("$d01", "$d23", "$x3", "$dist")}
          (local.set $tot01 (v128.bitselect (f64x2.add (local.get $tot01) (f64x2.sqrt (local.get $d01))) (local.get $tot01)
            (i64x2.extend_low_i32x4_s (local.get $take))))
          (local.set $tot23 (v128.bitselect (f64x2.add (local.get $tot23) (f64x2.sqrt (local.get $d23))) (local.get $tot23)
            (i64x2.extend_high_i32x4_s (local.get $take)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $node)))
      ;; the sweep is counted; a quiet one stops a stopping run, a consensus one a run that stops there
      (local.set $sweeps (i32x4.sub (local.get $sweeps) (local.get $run)))
      (local.set $mask (v128.and (v128.and (local.get $run) (local.get $stop)) ${narrow(
        "(f64x2.lt (local.get $tot01) (v128.const f64x2 1e-4 1e-4))",
        "(f64x2.lt (local.get $tot23) (v128.const f64x2 1e-4 1e-4))",
      )}))
      (local.set $valid (v128.andnot (v128.and (local.get $run) (local.get $cons)) (local.get $mask)))
      (if (v128.any_true (local.get $valid))
        (then
          (local.set $a (v128.load (local.get $lab)))
          (local.set $i (i32.const 1))
          (block $checked (loop $check
            (br_if $checked (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $valid (v128.and (local.get $valid) (v128.or (i32x4.eq (v128.load ${node("$lab")}) (local.get $a))
              (i32x4.le_s (local.get $nodes) (i32x4.splat (local.get $i))))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $check)))
          (local.set $mask (v128.or (local.get $mask) (local.get $valid)))))
      (local.set $frozen (v128.or (local.get $frozen) (local.get $mask)))
      (local.set $run (v128.and (v128.andnot (local.get $run) (local.get $mask)) (i32x4.lt_s (local.get $sweeps) (local.get $limit))))
      (local.set $t (i32.add (local.get $t) (i32.const 1)))
      (br $sweep)))
    (v128.store offset=144 (local.get $g) (local.get $sweeps))
    (v128.store offset=160 (local.get $g) (local.get $frozen)))
`;
