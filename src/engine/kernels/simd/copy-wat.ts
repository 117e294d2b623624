/**
 * One sweep of §3.3's copy-and-accept update (spin/update-kernels `copyAndAccept`) as WebAssembly text, in the shared
 * module of kernels/simd/simd-module. Nodes 0 … N − 1 in order, skipped where they have no neighbour or their byte at
 * $skip is set (pinned and noisy nodes; $skip = 0: none): node i proposes node 0's ledger (kernel 0), a uniformly drawn
 * neighbour's (1) or one of the K drawn uniformly (2), and takes it by the library's Metropolis rule on
 * Σ_q ½(d[p, l_q] − d[c, l_q]) at T, the factor e^{−Δ/T} kept per whole cost below 64 for the T at hand. The uniforms
 * are seedrandom's Alea (engine/random `aleaNext`), its state (s0, s1, s2, c as f64) at $state, advanced in place.
 *
 * Why WebAssembly: the sweeps run 10⁸–10⁹ node updates per claim, and V8's loop pays a bounds check per typed-array
 * access and keeps Alea's state in an object; here it is in locals. The arithmetic is the JavaScript loop's, operation
 * for operation (Alea's t | 0 is i32.trunc_f64_s: 0 ≤ t < 2091640; Math.floor is f64.floor; e^x is the imported
 * Math.exp itself), so both paths form the same labels and draws, bit for bit (test/unit/spin/update-kernels).
 * Returns the sweep's total change Σ √d[p, c] over the nodes that moved.
 */

/** The module's import of Math.exp (simd-module instantiates it with `math: { exp: Math.exp }`). */
export const COPY_IMPORTS = `(import "math" "exp" (func $exp (param f64) (result f64)))`;

/** One Alea step on the locals $s0 $s1 $s2 $c ($t scratch), its uniform into $u (seedrandom's alea.next). */
const ALEA = `(local.set $t (f64.add (f64.mul (f64.const 2091639) (local.get $s0)) (f64.mul (local.get $c) (f64.const 2.3283064365386963e-10))))
            (local.set $s0 (local.get $s1))
            (local.set $s1 (local.get $s2))
            (local.set $c (f64.convert_i32_s (i32.trunc_f64_s (local.get $t))))
            (local.set $s2 (f64.sub (local.get $t) (local.get $c)))
            (local.set $u (local.get $s2))`;

/** The address of element `index` (an i32 expression) of the array at `base`, elements of 2^shift bytes. */
const at = (base: string, index: string, shift: number) => `(i32.add (local.get ${base}) (i32.shl ${index} (i32.const ${shift})))`;

export const COPY_WAT = String.raw`
  ;; $row: N + 1 i32 row starts; $col: i32 neighbours; $lab: N i32 ledgers (in place); $dist: K × K f64 squared
  ;; distances; $cache: 64 f64 temperatures, then 64 f64 factors; $state: Alea's s0, s1, s2, c (f64).
  (func (export "copySweep") (param $n i32) (param $row i32) (param $col i32) (param $lab i32) (param $dist i32)
    (param $K i32) (param $kernel i32) (param $skip i32) (param $T f64) (param $state i32) (param $cache i32) (result f64)
    (local $i i32) (local $a i32) (local $b i32) (local $q i32) (local $cur i32) (local $pro i32) (local $l i32)
    (local $to i32) (local $from i32) (local $slot i32) (local $cost f64) (local $total f64) (local $f f64)
    (local $u f64) (local $t f64) (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $c f64)
    (local.set $s0 (f64.load (local.get $state)))
    (local.set $s1 (f64.load offset=8 (local.get $state)))
    (local.set $s2 (f64.load offset=16 (local.get $state)))
    (local.set $c (f64.load offset=24 (local.get $state)))
    (block $done (loop $node
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (block $next
        (local.set $a (i32.load ${at("$row", "(local.get $i)", 2)}))
        (local.set $b (i32.load offset=4 ${at("$row", "(local.get $i)", 2)}))
        (br_if $next (i32.eq (local.get $a) (local.get $b)))
        (if (local.get $skip) (then (br_if $next (i32.load8_u (i32.add (local.get $skip) (local.get $i))))))
        (local.set $cur (i32.load ${at("$lab", "(local.get $i)", 2)}))
        (if (i32.eqz (local.get $kernel))
          (then (local.set $pro (i32.load (local.get $lab))))
          (else
            ${ALEA}
            (if (i32.eq (local.get $kernel) (i32.const 1))
              (then
                (local.set $q (i32.add (local.get $a)
                  (i32.trunc_f64_s (f64.floor (f64.mul (local.get $u) (f64.convert_i32_s (i32.sub (local.get $b) (local.get $a))))))))
                (local.set $pro (i32.load ${at("$lab", `(i32.load ${at("$col", "(local.get $q)", 2)})`, 2)})))
              (else (local.set $pro (i32.trunc_f64_s (f64.floor (f64.mul (local.get $u) (f64.convert_i32_s (local.get $K))))))))))
        ;; a proposal equal to the current ledger changes nothing and draws no more
        (br_if $next (i32.eq (local.get $pro) (local.get $cur)))
        (local.set $to (i32.mul (local.get $pro) (local.get $K)))
        (local.set $from (i32.mul (local.get $cur) (local.get $K)))
        (local.set $cost (f64.const 0))
        (local.set $q (local.get $a))
        (loop $neighbours
          (local.set $l (i32.load ${at("$lab", `(i32.load ${at("$col", "(local.get $q)", 2)})`, 2)}))
          (local.set $cost (f64.add (local.get $cost) (f64.mul (f64.const 0.5) (f64.sub
            (f64.load ${at("$dist", "(i32.add (local.get $to) (local.get $l))", 3)})
            (f64.load ${at("$dist", "(i32.add (local.get $from) (local.get $l))", 3)})))))
          (local.set $q (i32.add (local.get $q) (i32.const 1)))
          (br_if $neighbours (i32.lt_u (local.get $q) (local.get $b))))
        ;; Metropolis: downhill without a draw, uphill rejected at T = 0 without a draw, else u < e^{−Δ/T} (NaN: draws, rejects)
        (if (i32.eqz (f64.le (local.get $cost) (f64.const 0)))
          (then
            (br_if $next (f64.eq (local.get $T) (f64.const 0)))
            ${ALEA}
            (if (f64.ne (local.get $cost) (local.get $cost))
              (then (local.set $f (f64.const 0)))
              (else
                (if (i32.and (f64.lt (local.get $cost) (f64.const 64)) (f64.eq (f64.trunc (local.get $cost)) (local.get $cost)))
                  (then
                    (local.set $slot ${at("$cache", "(i32.trunc_f64_s (local.get $cost))", 3)})
                    (if (f64.eq (f64.load (local.get $slot)) (local.get $T))
                      (then (local.set $f (f64.load offset=512 (local.get $slot))))
                      (else
                        (f64.store (local.get $slot) (local.get $T))
                        (local.set $f (call $exp (f64.div (f64.neg (local.get $cost)) (local.get $T))))
                        (f64.store offset=512 (local.get $slot) (local.get $f)))))
                  (else (local.set $f (call $exp (f64.div (f64.neg (local.get $cost)) (local.get $T))))))))
            (br_if $next (i32.eqz (f64.lt (local.get $u) (local.get $f))))))
        (i32.store ${at("$lab", "(local.get $i)", 2)} (local.get $pro))
        (local.set $total (f64.add (local.get $total)
          (f64.sqrt (f64.load ${at("$dist", "(i32.add (local.get $to) (local.get $cur))", 3)})))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $node)))
    (f64.store (local.get $state) (local.get $s0))
    (f64.store offset=8 (local.get $state) (local.get $s1))
    (f64.store offset=16 (local.get $state) (local.get $s2))
    (f64.store offset=24 (local.get $state) (local.get $c))
    (local.get $total))
`;
