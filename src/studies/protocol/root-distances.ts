/**
 * Do Merkle-root coordinates carry a distance between ledgers? The experiment of §2.1 ("data as mass") in one
 * place, used by the claim, its figure and notebook 05: draw base ledgers from a pool of signed transactions, change
 * one transaction or all of them, and measure the Euclidean distance between the coordinates
 * ({@link rootToCoordinates}) of the base ledger and the changed one. The reference is two independent uniform
 * points of [−1, 1)^d, whose squared distance has mean 2d/3 and variance 28d/45 exactly (each coordinate difference
 * has the triangular law on [−2, 2]: E w² = 2/3, E w⁴ = 16/15).
 */
import { fold, type Key, uniformSource } from "../../engine/random";
import { ArgumentError, check } from "../../errors";
import { buildTree, rootToCoordinates } from "../../protocol/merkle";
import { type Signer, signerFromKey, signTransaction, transactionBytes } from "../../protocol/transaction";

export interface TransactionPool {
  /** The signers (six), each derived from the pool's key. */
  signers: Signer[];
  /** Canonical bytes of the signed transactions: signer i mod 6, nonce ⌊i/6⌋, payload `pay …`. */
  transactions: Uint8Array[];
}

/**
 * `count` Ed25519-signed transactions (node:crypto) from six signers derived from `key`: transaction i is signed by
 * signer i mod 6 with nonce ⌊i/6⌋, so no two are equal.
 *
 * @example
 * ```ts
 * const { signers, transactions } = transactionPool(12, key(50));
 * [signers.length, transactions.length, new Set(transactions.map(toHex)).size]; // → [6, 12, 12]
 * ```
 */
export function transactionPool(count: number, key: Key): TransactionPool {
  check.integer("emtd/protocol/transactionPool", "count", count, 1);
  const signers = Array.from({ length: 6 }, (_, i) => signerFromKey(fold(key, i)));
  const transactions = Array.from({ length: count }, (_, i) =>
    transactionBytes(signTransaction(signers[i % 6]!, Math.floor(i / 6), `pay ${(i * 7919) % 1000}`)),
  );
  return { signers, transactions };
}

export interface RootDistanceOptions {
  /** Base ledgers drawn (one distance of each kind per base ledger). */
  pairs: number;
  /** Transactions per ledger; the pool needs at least twice as many plus one. Default 32. */
  ledgerSize?: number;
  /** Coordinates per root, d. Default 8. */
  dimension?: number;
}

export interface RootDistances {
  /** ‖χ(base) − χ(base with one transaction replaced by one not in it)‖, one per pair. */
  oneChanged: number[];
  /** ‖χ(base) − χ(a ledger sharing no transaction with it)‖. */
  allChanged: number[];
  /** ‖χ(base) − χ(a copy of base)‖: 0 unless the map is not deterministic. */
  unchanged: number[];
  /** ‖u − v‖ for independent uniform u, v ∈ [−1, 1)^d (the reference). */
  uniform: number[];
  dimension: number;
  ledgerSize: number;
  /** The exact mean squared distance of the reference, 2d/3. */
  exactMeanSquare: number;
}

/**
 * The root-distance experiment of the module comment: `pairs` base ledgers of `ledgerSize` distinct transactions
 * from `pool`, each compared with a one-transaction change, an all-transaction change and an identical copy; plus
 * `pairs` distances between independent uniform points (drawn from a separate stream of `key`, so the ledger
 * samples do not depend on it).
 *
 * @example
 * ```ts
 * const pool = transactionPool(40, key(50)).transactions;
 * const r = rootDistances(pool, { pairs: 5, ledgerSize: 8, dimension: 4 }, key(60));
 * r.unchanged; // → [0, 0, 0, 0, 0] (equal ledgers, equal coordinates)
 * r.oneChanged.every((d) => d > 0); // → true (one transaction moves the point as far as any)
 * r.exactMeanSquare; // → 2.6666666666666665
 * ```
 */
export function rootDistances(pool: readonly Uint8Array[], options: RootDistanceOptions, key: Key): RootDistances {
  const where = "emtd/protocol/rootDistances";
  const { pairs } = options;
  const ledgerSize = options.ledgerSize ?? 32;
  const dimension = options.dimension ?? 8;
  check.integer(where, "pairs", pairs, 1);
  check.integer(where, "ledgerSize", ledgerSize, 1);
  check.integer(where, "dimension", dimension, 1);
  if (pool.length < 2 * ledgerSize + 1) {
    throw new ArgumentError(where, "pool", `at least 2·ledgerSize + 1 = ${2 * ledgerSize + 1} transactions`, pool.length);
  }
  const rng = uniformSource(fold(key, 0));
  const reference = uniformSource(fold(key, 1));
  const coords = (txs: Uint8Array[]) => rootToCoordinates(buildTree(txs).root, dimension);
  // Distinct pool indices, none in `exclude`.
  const pick = (n: number, exclude: ReadonlySet<number>): number[] => {
    const out: number[] = [];
    while (out.length < n) {
      const i = Math.floor(rng() * pool.length);
      if (!exclude.has(i) && !out.includes(i)) out.push(i);
    }
    return out;
  };
  const point = () => Array.from({ length: dimension }, () => 2 * reference() - 1);
  const result: RootDistances = {
    oneChanged: [],
    allChanged: [],
    unchanged: [],
    uniform: [],
    dimension,
    ledgerSize,
    exactMeanSquare: (2 * dimension) / 3,
  };
  for (let m = 0; m < pairs; m++) {
    const baseIdx = pick(ledgerSize, new Set());
    const taken = new Set(baseIdx);
    const base = baseIdx.map((i) => pool[i]!);
    const one = base.slice();
    one[Math.floor(rng() * ledgerSize)] = pool[pick(1, taken)[0]!]!;
    const all = pick(ledgerSize, taken).map((i) => pool[i]!);
    const cb = coords(base);
    result.oneChanged.push(distance(cb, coords(one)));
    result.allChanged.push(distance(cb, coords(all)));
    result.unchanged.push(distance(cb, coords(base.slice())));
    result.uniform.push(distance(point(), point()));
  }
  return result;
}

/** Euclidean distance of two points of equal length. */
function distance(u: ArrayLike<number>, v: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < u.length; k++) s += (u[k]! - v[k]!) ** 2;
  return Math.sqrt(s);
}
