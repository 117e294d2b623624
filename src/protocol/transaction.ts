/**
 * Signed transactions (§3.1 "Client Input → Injects Transaction"): Ed25519 signatures from node:crypto over a
 * canonical encoding. Keys can be derived from a library {@link Key}, so a seeded run signs reproducibly (Ed25519
 * signatures are deterministic, RFC 8032).
 *
 * Encoding (signed bytes): "emtd/tx/v1" ‖ public key (32) ‖ nonce (uint64 BE) ‖ payload length (uint32 BE) ‖ payload
 * (UTF-8). The transaction's bytes, used as its Merkle leaf, are the signed bytes followed by the 64-byte signature.
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { type Key, uniformSource } from "../engine/random";
import { ArgumentError, check } from "../errors";
import { fromHex, sha256, toHex } from "./merkle";

export interface Signer {
  readonly privateKey: KeyObject;
  /** Raw 32-byte Ed25519 public key, hex. */
  readonly publicKey: string;
}

export interface Transaction {
  /** Sender's raw Ed25519 public key, hex (64 characters). */
  readonly from: string;
  readonly nonce: number;
  readonly payload: string;
  /** Ed25519 signature over {@link signedBytes}, hex (128 characters). */
  readonly signature: string;
}

// DER prefixes of PKCS#8 (private) and SPKI (public) Ed25519 keys, RFC 8410; the 32 raw bytes follow.
const PKCS8_PREFIX = fromHex("302e020100300506032b657004220420");
const SPKI_PREFIX = fromHex("302a300506032b6570032100");
const DOMAIN = new TextEncoder().encode("emtd/tx/v1");

/**
 * An Ed25519 signer (RFC 8032) from a 32-byte seed: the private key object and the raw public key in hex.
 *
 * @example
 * ```ts
 * signerFromSeed(new Uint8Array(32)).publicKey; // → '3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29'
 * ```
 */
export function signerFromSeed(seed: Uint8Array): Signer {
  if (seed.length !== 32) throw new ArgumentError("emtd/protocol/signer", "seed", "32 bytes", seed.length);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
  const spki = createPublicKey(privateKey).export({ format: "der", type: "spki" });
  return { privateKey, publicKey: toHex(new Uint8Array(spki.subarray(SPKI_PREFIX.length))) };
}

/**
 * An Ed25519 signer whose 32-byte seed is drawn from the random key `k`: the same key gives the same signer.
 *
 * @example
 * ```ts
 * signerFromKey(key(1)).publicKey === signerFromKey(key(1)).publicKey; // → true
 * ```
 */
export function signerFromKey(k: Key): Signer {
  const u = uniformSource(k);
  return signerFromSeed(Uint8Array.from({ length: 32 }, () => Math.floor(u() * 256)));
}

/**
 * The canonical bytes a transaction's signature covers: "emtd/tx/v1" ‖ public key (32) ‖ nonce (uint64 BE) ‖ payload
 * length (uint32 BE) ‖ payload (UTF-8).
 *
 * @example
 * ```ts
 * signedBytes({ from: signerFromKey(key(1)).publicKey, nonce: 0, payload: "hi" }).length; // → 56 (10 + 32 + 8 + 4 + 2)
 * ```
 */
export function signedBytes(tx: Pick<Transaction, "from" | "nonce" | "payload">): Uint8Array {
  const from = fromHex(tx.from);
  const payload = new TextEncoder().encode(tx.payload);
  const out = new Uint8Array(DOMAIN.length + from.length + 8 + 4 + payload.length);
  const view = new DataView(out.buffer);
  let at = 0;
  out.set(DOMAIN, at);
  at += DOMAIN.length;
  out.set(from, at);
  at += from.length;
  view.setBigUint64(at, BigInt(tx.nonce), false);
  at += 8;
  view.setUint32(at, payload.length, false);
  at += 4;
  out.set(payload, at);
  return out;
}

/**
 * Sign (from, nonce, payload) with Ed25519 over {@link signedBytes}; deterministic (RFC 8032). Nonce: an integer ≥ 0.
 *
 * @example
 * ```ts
 * const tx = signTransaction(signerFromKey(key(1)), 0, "pay 5");
 * [tx.signature.length, verifyTransaction(tx)]; // → [128, true]
 * ```
 */
export function signTransaction(signer: Signer, nonce: number, payload: string): Transaction {
  check.integer("emtd/protocol/transaction", "nonce", nonce, 0);
  const unsigned = { from: signer.publicKey, nonce, payload };
  const signature = toHex(new Uint8Array(sign(null, signedBytes(unsigned), signer.privateKey)));
  return { ...unsigned, signature };
}

/** Parsed public keys by their hex: a run checks many signatures of few senders, and parsing was a quarter of it. */
const publicKeys = new Map<string, KeyObject>();
/** Senders kept parsed at most; past it the map starts again (a KeyObject is a few hundred bytes). */
const PUBLIC_KEYS_KEPT = 4096;

/** The KeyObject of a raw 32-byte Ed25519 public key in hex, parsed once (throws where node:crypto refuses it). */
function publicKeyOf(hex: string): KeyObject {
  let parsed = publicKeys.get(hex);
  if (parsed === undefined) {
    parsed = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, fromHex(hex)]), format: "der", type: "spki" });
    if (publicKeys.size >= PUBLIC_KEYS_KEPT) publicKeys.clear();
    publicKeys.set(hex, parsed);
  }
  return parsed;
}

/**
 * True iff the signature is a valid Ed25519 signature of the canonical bytes by `from`. Never throws.
 * @example
 * ```ts
 * const tx = signTransaction(signerFromKey(key(1)), 0, "pay 5");
 * verifyTransaction({ ...tx, payload: "pay 500" }); // → false
 * ```
 */
export function verifyTransaction(tx: Transaction): boolean {
  try {
    if (!/^[0-9a-f]{64}$/.test(tx.from) || !/^[0-9a-f]{128}$/.test(tx.signature)) return false;
    return verify(null, signedBytes(tx), publicKeyOf(tx.from), fromHex(tx.signature));
  } catch {
    return false;
  }
}

/**
 * The transaction's bytes, signed bytes ‖ 64-byte signature: its Merkle leaf data.
 *
 * @example
 * ```ts
 * transactionBytes(signTransaction(signerFromKey(key(1)), 0, "hi")).length; // → 120
 * ```
 */
export function transactionBytes(tx: Transaction): Uint8Array {
  const body = signedBytes(tx);
  const sig = fromHex(tx.signature);
  const out = new Uint8Array(body.length + sig.length);
  out.set(body);
  out.set(sig, body.length);
  return out;
}

/**
 * The inverse of {@link transactionBytes} (null when malformed).
 * @example
 * ```ts
 * const tx = signTransaction(signerFromKey(key(1)), 7, "hi");
 * parseTransaction(transactionBytes(tx))!.nonce; // → 7
 * ```
 */
export function parseTransaction(bytes: Uint8Array): Transaction | null {
  if (bytes.length < DOMAIN.length + 32 + 12 + 64) return null;
  for (let i = 0; i < DOMAIN.length; i++) if (bytes[i] !== DOMAIN[i]) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  let at = DOMAIN.length;
  const from = toHex(bytes.subarray(at, at + 32));
  at += 32;
  const nonce = Number(view.getBigUint64(at, false));
  at += 8;
  const length = view.getUint32(at, false);
  at += 4;
  if (at + length + 64 !== bytes.length) return null;
  const payload = new TextDecoder().decode(bytes.subarray(at, at + length));
  const signature = toHex(bytes.subarray(at + length));
  return { from, nonce, payload, signature };
}

/**
 * Transaction id: hex SHA-256 of its bytes.
 * @example
 * ```ts
 * transactionId(signTransaction(signerFromKey(key(1)), 0, "hi")).length; // → 64
 * ```
 */
export function transactionId(tx: Transaction): string {
  return toHex(sha256(transactionBytes(tx)));
}
