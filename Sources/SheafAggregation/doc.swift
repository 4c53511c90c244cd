/// # SheafAggregation
///
/// Bundles: many Groth16 proofs from many applications and many circuits, checked
/// together.
///
/// An ``Aggregator`` collects proofs with their verifying keys and application
/// ids and seals them into a ``Bundle``. A bundle groups its proofs by verifying
/// key, keeps a manifest of every statement (application id, key hash, public
/// inputs) with a Keccak Merkle root for per-application inclusion proofs, and may
/// contain child bundles. ``Bundle/verify()`` merges the pairing equations of every
/// proof in the whole tree, weighted by Fiat–Shamir challenges from a Keccak
/// transcript over the bundle's encoding, into one multi-Miller loop and one final
/// exponentiation.
///
/// What is not built yet: SnarkPack's logarithmic-size aggregate proof (TIPP/MIPP
/// with GIPA and KZG openings). A bundle today carries every proof and verifies
/// them with a random linear combination (n + 4 Miller loops per verifying key),
/// the scheme SnarkPack uses for small groups.
public enum SheafAggregationModule {}
