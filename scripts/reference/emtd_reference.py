#!/usr/bin/python3
"""The proposal's §3.3 reference implementation, run over many seeds (the statistical oracle for the TS port).

Everything between the two "BEGIN/END §3.3" markers is the proposal's code as printed in
paper/emtd-proposal.md §3.3 (transcribed unchanged, only its "--- Execution ---" block is moved into `main`).
It is the subject of study: do not fix it here.

Seeding: the proposal's code calls `nx.watts_strogatz_graph(...)` without a seed, which draws from Python's global
`random` module, and `np.random.rand()`, which draws from NumPy's global generator. For run seed s we call
`random.seed(s)` and `np.random.seed(s)` before building the ledger, so every run is reproducible.

Usage (Debian's Python, with python3-numpy and python3-networkx):
    /usr/bin/python3 scripts/reference/emtd_reference.py --nodes 50 --signal 3.14159 --decay 0.95 --runs 1000 --seed 0
prints one JSON object {"runs": [{"seed", "steps", "agreement", "final_state", "rewired", "degree0",
"injection_accepted"}...],
"seconds", "versions"}. `--demo` runs the proposal's own execution block once (unseeded) and prints its line.
"""
import argparse
import json
import random
import sys
import time

# ---------------------------------------------------------------- BEGIN §3.3 (verbatim from the proposal)
import numpy as np
import hashlib
import networkx as nx
from typing import List, Tuple

class TensorNode:
    """
    Represents a node in the EMTD manifold.
    State is a complex tensor: Real part = Data Hash, Imaginary part = Reputation.
    """
    def __init__(self, node_id: int):
        self.id = node_id
        # State vector: [Merkle_Root_Scalar, Reputation_Phase]
        self.state = np.array([0.0, 1.0]) 
        self.temperature = 100.0 # Initial high volatility

    def compute_local_hamiltonian(self, neighbors: List['TensorNode']) -> float:
        """
        Calculates H = Sum(Interaction Energy)
        Energy increases with state disagreement.
        """
        H = 0.0
        for neighbor in neighbors:
            # Euclid distance between tensor states
            diff = np.linalg.norm(self.state - neighbor.state)
            H += 0.5 * (diff ** 2)
        return H

    def update_state(self, proposed_data: float, neighbors: List['TensorNode']):
        """
        Executes Metropolis-Hastings step to decide state transition.
        """
        current_energy = self.compute_local_hamiltonian(neighbors)
        
        # Proposed new state
        original_state = self.state.copy()
        self.state[0] = proposed_data # Update Merkle component
        
        new_energy = self.compute_local_hamiltonian(neighbors)
        
        delta_E = new_energy - current_energy
        
        # Boltzmann Probability
        if delta_E > 0:
            prob = np.exp(-delta_E / self.temperature)
            if np.random.rand() > prob:
                self.state = original_state # Reject
                return False
        
        return True # Accept

class EntropicLedger:
    def __init__(self, num_nodes: int):
        self.graph = nx.watts_strogatz_graph(num_nodes, k=4, p=0.1)
        self.nodes = [TensorNode(i) for i in range(num_nodes)]
        
    def run_epoch(self, input_signal: float, decay_rate: float = 0.95):
        """
        Simulates the cooling process (Simulated Annealing).
        """
        # Inject signal into a seed node (e.g., node 0)
        self.nodes[0].update_state(input_signal, self._get_neighbors(0))
        
        # Diffuse
        converged = False
        steps = 0
        while not converged and steps < 1000:
            total_energy_change = 0
            for node in self.nodes:
                neighbors = self._get_neighbors(node.id)
                # Propagate the signal
                # In real impl, this would be gossip protocol
                prev_state = node.state.copy()
                node.update_state(self.nodes[0].state[0], neighbors)
                total_energy_change += np.linalg.norm(node.state - prev_state)
                
                # Cool down
                node.temperature *= decay_rate
            
            if total_energy_change < 1e-4:
                converged = True
            steps += 1
            
        return steps, self.nodes[0].state

    def _get_neighbors(self, node_id):
        neighbor_indices = list(self.graph.neighbors(node_id))
        return [self.nodes[i] for i in neighbor_indices]
# ---------------------------------------------------------------- END §3.3


def rewired_edges(graph, n, k=4):
    """Edges of the Watts–Strogatz graph that are not edges of the ring lattice (a check of the generator)."""
    lattice = {frozenset((i, (i + j) % n)) for i in range(n) for j in range(1, k // 2 + 1)}
    return sum(1 for u, v in graph.edges() if frozenset((u, v)) not in lattice)


def one_run(seed, nodes, signal, decay):
    random.seed(seed)
    np.random.seed(seed)
    ledger = EntropicLedger(num_nodes=nodes)
    steps, final_state = ledger.run_epoch(input_signal=signal, decay_rate=decay)
    agreeing = sum(1 for node in ledger.nodes if node.state[0] == signal)
    return {
        "seed": seed,
        "steps": steps,
        "agreement": agreeing / nodes,
        "final_state": [float(final_state[0]), float(final_state[1])],
        "rewired": rewired_edges(ledger.graph, nodes),
        "degree0": ledger.graph.degree(0),
        "injection_accepted": bool(ledger.nodes[0].state[0] == signal),
    }


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=50)
    parser.add_argument("--signal", type=float, default=3.14159)
    parser.add_argument("--decay", type=float, default=0.95)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--demo", action="store_true", help="run the proposal's execution block once, unseeded")
    args = parser.parse_args(argv)
    if args.demo:
        # --- Execution --- (the proposal's own block)
        ledger = EntropicLedger(num_nodes=50)
        steps, final_state = ledger.run_epoch(input_signal=3.14159)
        print(f"System crystallized in {steps} steps. Final State Tensor: {final_state}")
        return
    start = time.perf_counter()
    runs = [one_run(args.seed + r, args.nodes, args.signal, args.decay) for r in range(args.runs)]
    seconds = time.perf_counter() - start
    json.dump({
        "nodes": args.nodes, "signal": args.signal, "decay": args.decay, "seed": args.seed,
        "runs": runs, "seconds": seconds,
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "networkx": nx.__version__},
    }, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
