/**
 * The §3.1 pipeline, executable: every box and arrow of the proposal's mermaid diagram, in order, as an event trace.
 *
 *   A Client Input —injects transaction→ B Node i local state (—increases local entropy→ B)
 *   B —gossip→ C Neighbour j —verify sig & Merkle→ D Compute Hamiltonian difference
 *   D —energy decreases→ E Update local tensor;  D —energy increases→ F Reject / apply Metropolis–Hastings
 *   E → G Global field update → H Network temperature < threshold?  —No→ B (j gossips on)  —Yes→ I Block finalised
 *
 * Model. Each node keeps a ledger (a set of transactions) whose canonical Merkle root (leaves = transaction bytes
 * sorted by id) is mapped by {@link rootToCoordinates} to its row ψ_i ∈ [−1,1)^d of the field Ψ. The local energy is
 * §3.3's H_i = c Σ_{j∈N(i)} ‖ψ_i − ψ_j‖² (c = ½), the global energy H = Σ_edges ‖ψ_i − ψ_j‖². Time runs in rounds;
 * the network temperature starts at T₀ = 100 and is multiplied by r = 0.95 after every round (the proposal's
 * schedule); when it falls below the threshold the block is finalised: the modal ledger and its support.
 *
 * Gossip: a node that has just adopted (or been injected with) a transaction sends every neighbour a message
 * (transaction bytes, the sender's root, the inclusion proof of the transaction under that root). Each message is
 * counted with its size; it is lost with probability `loss`, tampered in flight with probability `tamper` (one byte
 * of the transaction or of the proof flipped), and delivered after 1 + U{0..delay} rounds. Receipt: verify the
 * Ed25519 signature and the Merkle proof (box C); a failure is rejected and counted by reason. The injecting node
 * does not verify (the diagram has no check between A and B) unless `verifyAtInjection` is set.
 *
 * Randomness: one uniform source from the key (loss, tamper, delay, Metropolis), consumed in event order, so a seed
 * fixes the whole trace.
 */
import { type Key, uniformSource } from "../engine/random";
import { ArgumentError, check } from "../errors";
import { type Adjacency } from "../reference-port/smallworld";
import { buildTree, inclusionProof, rootToCoordinates, toHex, verifyInclusion, type InclusionProof } from "./merkle";
import { transactionBytes, transactionId, parseTransaction, verifyTransaction, type Transaction } from "./transaction";

/** The diagram's boxes. */
export type Box = "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "I";

export type EventKind =
  | "client-input" // A
  | "inject" // A → B
  | "local-entropy" // B → B (ΔH_i of the injection)
  | "gossip-send" // B → C
  | "gossip-lost"
  | "gossip-deliver" // C
  | "verify-ok" // C → D
  | "verify-fail" // C: rejected (signature or Merkle)
  | "duplicate" // C: already in the ledger
  | "hamiltonian-difference" // D
  | "accept-downhill" // D → E
  | "metropolis-accept" // D → F → E
  | "metropolis-reject" // D → F
  | "update-local-tensor" // E
  | "field-update" // G
  | "temperature-check" // H
  | "finalise"; // I

export interface PipelineEvent {
  seq: number;
  round: number;
  box: Box;
  kind: EventKind;
  node: number;
  peer?: number;
  /** First 8 hex characters of the transaction id. */
  tx?: string;
  deltaE?: number;
  temperature?: number;
  energy?: number;
  reason?: "signature" | "merkle";
}

export interface Injection {
  round: number;
  node: number;
  tx: Transaction;
}

export interface PipelineOptions {
  /** Coordinates per node (the Merkle block width d). Default 4. */
  dim?: number;
  /** T₀, r, threshold. Defaults 100, 0.95, 1. */
  initialTemperature?: number;
  rate?: number;
  threshold?: number;
  /** Coupling c of the local energy. Default ½ (§3.3). */
  coupling?: number;
  /** Maximum extra delivery delay in rounds (uniform 0..delay). Default 0. */
  delay?: number;
  /** Probability that a message is lost. Default 0. */
  loss?: number;
  /** Probability that a message is tampered in flight. Default 0. */
  tamper?: number;
  /** Verify the client's transaction at the injecting node. Default false (the diagram has no check there). */
  verifyAtInjection?: boolean;
  /** Safety limit on rounds. Default 10 000. */
  maxRounds?: number;
}

export interface PipelineResult {
  events: PipelineEvent[];
  /** Per node: sorted transaction ids of its ledger. */
  ledgers: string[][];
  /** Per node: hex Merkle root of its ledger. */
  roots: string[];
  finalised: { round: number; root: string; transactions: string[]; support: number; temperature: number } | null;
  messages: { sent: number; delivered: number; lost: number; inFlight: number; tampered: number; bytes: number };
  rejected: { signature: number; merkle: number; metropolis: number; injection: number };
  /** Per round (after the round): global H, temperature, fraction of nodes on the modal ledger, messages sent. */
  rounds: { round: number; energy: number; temperature: number; agreement: number; sent: number }[];
}

interface Message {
  from: number;
  to: number;
  bytes: Uint8Array;
  root: Uint8Array;
  proof: InclusionProof;
  due: number;
}

const WHERE = "emtd/protocol/pipeline";

/**
 * Run the §3.1 pipeline (module comment) on `graph` with the given client injections: the event trace (boxes A–I),
 * each node's ledger and root, the finalised block (or null), message and rejection counts, and per-round energy
 * (units of the coupling), temperature and agreement. A pure function of its arguments; no tensors.
 *
 * @example
 * ```ts
 * const graph = wattsStrogatzAdjacency(12, 4, 0.1, uniformSource(key(1)));
 * const tx = signTransaction(signerFromKey(key(2)), 0, "alice pays bob 5");
 * const r = runPipeline(graph, [{ round: 0, node: 0, tx: tx }], { threshold: 1 }, key(3));
 * [r.finalised?.support, r.finalised?.round, r.messages.sent]; // → [1, 90, 48]: all 12 nodes agree when T₀·0.95^t < 1
 * ```
 */
export function runPipeline(graph: Adjacency, injections: readonly Injection[], options: PipelineOptions, k: Key): PipelineResult {
  const n = graph.n;
  const d = check.integer(WHERE, "dim", options.dim ?? 4, 1, 4096);
  const T0 = check.positive(WHERE, "initialTemperature", options.initialTemperature ?? 100);
  const rate = options.rate ?? 0.95;
  if (!(rate > 0 && rate < 1)) throw new ArgumentError(WHERE, "rate", "a number in (0, 1)", rate);
  const threshold = check.positive(WHERE, "threshold", options.threshold ?? 1);
  const c = check.positive(WHERE, "coupling", options.coupling ?? 0.5);
  const maxDelay = check.integer(WHERE, "delay", options.delay ?? 0, 0, 1000);
  const loss = check.probability(WHERE, "loss", options.loss ?? 0);
  const tamper = check.probability(WHERE, "tamper", options.tamper ?? 0);
  const maxRounds = check.integer(WHERE, "maxRounds", options.maxRounds ?? 10_000, 1);
  for (const inj of injections) {
    check.integer(WHERE, "injection.node", inj.node, 0, n - 1);
    check.integer(WHERE, "injection.round", inj.round, 0, maxRounds - 1);
  }
  const rand = uniformSource(k);
  const events: PipelineEvent[] = [];
  const emit = (e: Omit<PipelineEvent, "seq">) => events.push({ seq: events.length, ...e });

  // Ledgers: id → bytes, canonical order by id.
  const ledgers: Map<string, Uint8Array>[] = Array.from({ length: n }, () => new Map());
  const treeOf = (ledger: Map<string, Uint8Array>) => {
    const ids = [...ledger.keys()].sort();
    return { ids, tree: buildTree(ids.map((id) => ledger.get(id)!)) };
  };
  const emptyRoot = buildTree([]).root;
  const psi: Float64Array[] = Array.from({ length: n }, () => rootToCoordinates(emptyRoot, d));
  const neighboursOf = (i: number) => graph.col.subarray(graph.rowPtr[i]!, graph.rowPtr[i + 1]!);
  const dist2 = (a: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let x = 0; x < d; x++) s += (a[x]! - b[x]!) ** 2;
    return s;
  };
  const localEnergy = (i: number, at: Float64Array) => {
    let h = 0;
    for (const j of neighboursOf(i)) h += c * dist2(at, psi[j]!);
    return h;
  };
  const globalEnergy = () => {
    let h = 0;
    for (let i = 0; i < n; i++) for (const j of neighboursOf(i)) if (j > i) h += dist2(psi[i]!, psi[j]!);
    return h;
  };
  const short = (id: string) => id.slice(0, 8);

  const messages = { sent: 0, delivered: 0, lost: 0, inFlight: 0, tampered: 0, bytes: 0 };
  const rejected = { signature: 0, merkle: 0, metropolis: 0, injection: 0 };
  const queue: Message[] = [];
  const rounds: PipelineResult["rounds"] = [];
  let sentThisRound = 0;

  /** B → C: node i sends transaction `id` (with the proof under its current root) to every neighbour. */
  const gossip = (i: number, id: string, round: number) => {
    const { ids, tree } = treeOf(ledgers[i]!);
    const proof = inclusionProof(tree, ids.indexOf(id));
    const bytes = ledgers[i]!.get(id)!;
    for (const j of neighboursOf(i)) {
      const size = bytes.length + 32 + 32 * proof.path.length;
      messages.sent++;
      sentThisRound++;
      messages.bytes += size;
      emit({ round, box: "B", kind: "gossip-send", node: i, peer: j, tx: short(id) });
      if (rand() < loss) {
        messages.lost++;
        emit({ round, box: "B", kind: "gossip-lost", node: i, peer: j, tx: short(id) });
        continue;
      }
      let msgBytes = bytes;
      let msgProof = proof;
      if (rand() < tamper) {
        messages.tampered++;
        if (rand() < 0.5 || proof.path.length === 0) {
          msgBytes = Uint8Array.from(bytes);
          msgBytes[Math.floor(rand() * msgBytes.length)]! ^= 1 + Math.floor(rand() * 255);
        } else {
          const path = proof.path.map((p) => Uint8Array.from(p));
          const p = path[Math.floor(rand() * path.length)]!;
          p[Math.floor(rand() * 32)]! ^= 1 + Math.floor(rand() * 255);
          msgProof = { ...proof, path };
        }
      }
      const due = round + 1 + (maxDelay > 0 ? Math.floor(rand() * (maxDelay + 1)) : 0);
      queue.push({ from: i, to: j, bytes: msgBytes, root: tree.root, proof: msgProof, due });
    }
  };

  /** E → G: adopt the transaction at node j. */
  const adopt = (j: number, id: string, bytes: Uint8Array, round: number, temperature: number) => {
    ledgers[j]!.set(id, bytes);
    psi[j] = rootToCoordinates(treeOf(ledgers[j]!).tree.root, d);
    emit({ round, box: "E", kind: "update-local-tensor", node: j, tx: short(id) });
    emit({ round, box: "G", kind: "field-update", node: j, tx: short(id), energy: globalEnergy(), temperature });
  };

  let temperature = T0;
  let finalised: PipelineResult["finalised"] = null;
  let round = 0;
  for (; round < maxRounds && finalised === null; round++) {
    sentThisRound = 0;
    // A → B: client inputs due this round.
    for (const inj of injections) {
      if (inj.round !== round) continue;
      const id = transactionId(inj.tx);
      emit({ round, box: "A", kind: "client-input", node: inj.node, tx: short(id) });
      if (options.verifyAtInjection && !verifyTransaction(inj.tx)) {
        rejected.injection++;
        emit({ round, box: "C", kind: "verify-fail", node: inj.node, tx: short(id), reason: "signature" });
        continue;
      }
      const before = localEnergy(inj.node, psi[inj.node]!);
      ledgers[inj.node]!.set(id, transactionBytes(inj.tx));
      psi[inj.node] = rootToCoordinates(treeOf(ledgers[inj.node]!).tree.root, d);
      emit({ round, box: "B", kind: "inject", node: inj.node, tx: short(id) });
      emit({
        round,
        box: "B",
        kind: "local-entropy",
        node: inj.node,
        tx: short(id),
        deltaE: localEnergy(inj.node, psi[inj.node]!) - before,
        temperature,
      });
      gossip(inj.node, id, round);
    }
    // C → D → E/F → G: deliveries due this round, in send order; adopters gossip on (H —No→ B).
    const due = queue.filter((m) => m.due === round);
    for (let q = queue.length - 1; q >= 0; q--) if (queue[q]!.due === round) queue.splice(q, 1);
    for (const m of due) {
      messages.delivered++;
      const tx = parseTransaction(m.bytes);
      const id = tx ? transactionId(tx) : toHex(m.bytes.subarray(0, 4));
      emit({ round, box: "C", kind: "gossip-deliver", node: m.to, peer: m.from, tx: short(id) });
      const signatureOk = tx !== null && verifyTransaction(tx);
      const merkleOk = verifyInclusion(m.root, m.bytes, m.proof);
      if (!signatureOk || !merkleOk) {
        const reason = !signatureOk ? "signature" : "merkle";
        rejected[reason]++;
        emit({ round, box: "C", kind: "verify-fail", node: m.to, peer: m.from, tx: short(id), reason });
        continue;
      }
      emit({ round, box: "C", kind: "verify-ok", node: m.to, peer: m.from, tx: short(id) });
      const j = m.to;
      if (ledgers[j]!.has(id)) {
        emit({ round, box: "C", kind: "duplicate", node: j, peer: m.from, tx: short(id) });
        continue;
      }
      const proposedLedger = new Map(ledgers[j]!);
      proposedLedger.set(id, m.bytes);
      const proposed = rootToCoordinates(treeOf(proposedLedger).tree.root, d);
      const deltaE = localEnergy(j, proposed) - localEnergy(j, psi[j]!);
      emit({ round, box: "D", kind: "hamiltonian-difference", node: j, peer: m.from, tx: short(id), deltaE, temperature });
      if (deltaE <= 0) {
        emit({ round, box: "E", kind: "accept-downhill", node: j, tx: short(id), deltaE });
      } else if (rand() <= Math.exp(-deltaE / temperature)) {
        emit({ round, box: "F", kind: "metropolis-accept", node: j, tx: short(id), deltaE, temperature });
      } else {
        rejected.metropolis++;
        emit({ round, box: "F", kind: "metropolis-reject", node: j, tx: short(id), deltaE, temperature });
        continue;
      }
      adopt(j, id, m.bytes, round, temperature);
      gossip(j, id, round);
    }
    // H: temperature check; I: finalisation.
    const roots = Array.from({ length: n }, (_, i) => toHex(treeOf(ledgers[i]!).tree.root));
    const counts = new Map<string, number>();
    for (const r of roots) counts.set(r, (counts.get(r) ?? 0) + 1);
    let modal = roots[0]!;
    for (const [r, cnt] of counts) if (cnt > counts.get(modal)! || (cnt === counts.get(modal)! && r < modal)) modal = r;
    const agreement = counts.get(modal)! / n;
    rounds.push({ round, energy: globalEnergy(), temperature, agreement, sent: sentThisRound });
    const below = temperature < threshold;
    emit({ round, box: "H", kind: "temperature-check", node: -1, temperature, energy: globalEnergy() });
    if (below) {
      const holder = roots.indexOf(modal);
      finalised = { round, root: modal, transactions: [...ledgers[holder]!.keys()].sort(), support: agreement, temperature };
      emit({ round, box: "I", kind: "finalise", node: holder, temperature, energy: globalEnergy() });
    } else {
      temperature *= rate;
    }
  }
  messages.inFlight = queue.length;
  return {
    events,
    ledgers: ledgers.map((l) => [...l.keys()].sort()),
    roots: ledgers.map((l) => toHex(treeOf(l).tree.root)),
    finalised,
    messages,
    rejected,
    rounds,
  };
}
