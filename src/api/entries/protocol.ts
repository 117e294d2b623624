// `emtd/protocol`: the protocol (Merkle trees, transactions, the DAG, tamper enumerators, the pipeline, cooling, root
// distances) and what attacks or heals it (§4.1: faulty nodes, update rules, harmonic extension, Sybils, crash faults).
export * from "../protocol";
export * from "../adversary";
