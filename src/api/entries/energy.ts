// `emtd/energy`: energy landscapes and energy accounting: metastable traps and re-heating (§4.2), joules and
// Landauer's bound (§4.3), Hopfield networks (§4.4).
export * from "../traps-energy-hopfield";
