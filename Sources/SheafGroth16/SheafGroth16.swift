/// SheafGroth16: R1CS and circuit builder, FFT over Fr, setup, prover, verifier,
/// batch verifier, proof re-randomisation and snarkjs JSON.
public enum SheafGroth16Module {}
