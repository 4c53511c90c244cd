// SheafRecursion: the foundation of proving, inside a BN254 Groth16 circuit, that
// other BN254 Groth16 proofs verify (issue 14). Verification happens in BN254's
// base field Fp, but the circuit's native field is the scalar field Fr, so Fp is
// emulated: an element is four 64-bit limbs, each a native variable, and every
// operation is checked over the integers with range-checked limbs and carries.
//
// Notation in this module: p is the emulated modulus (BN254 Fp), q the native one
// (BN254 Fr, `r` elsewhere in Sheaf; renamed here because r is the remainder of
// a·b = r + k·p). See docs/recursion.md for the design, the soundness argument and
// the constraint costs.
