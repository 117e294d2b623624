// The package: its version, recorded in every result.
export { VERSION } from "../package";
