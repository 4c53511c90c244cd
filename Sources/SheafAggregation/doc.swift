/// # SheafAggregation
///
/// Bundles: many Groth16 proofs from many applications and many circuits, checked
/// together.
///
/// An ``Aggregator`` collects proofs with their verifying keys and application
/// ids and seals them into a ``ProofBundle``. A bundle groups its proofs by verifying
/// key, keeps a manifest of every statement (application id, key hash, public
/// inputs) with a Keccak Merkle root for per-application inclusion proofs, and may
/// contain child bundles. ``ProofBundle/verify()`` merges the pairing equations of every
/// proof in the whole tree, weighted by Fiat–Shamir challenges from a Keccak
/// transcript over the bundle's encoding, into one multi-Miller loop and one final
/// exponentiation.
///
/// With a SnarkPack SRS, the groups the ``SnarkPackPolicy`` picks (by default
/// those of at least ``SnarkPack/autoThreshold`` proofs per key, where an
/// aggregate is both smaller and faster to verify) are replaced by a ``SnarkPackProof``: SnarkPack (Gailly, Maller, Nitulescu, ePrint
/// 2021/529), TIPP for ∏ e(Aᵢ, Bᵢ)^(rⁱ) and MIPP for ∏ Cᵢ^(rⁱ) with GIPA's
/// recursive halving and KZG openings of the final commitment keys, of size
/// O(log n) and verified with 20 pairs. Smaller groups are carried as plain
/// proofs and checked by a random linear combination (n + 3 pairs per key).
/// The SnarkPack SRS comes from two seeds (``SnarkPackSRS``, tests and demos
/// only) or from two snarkjs `.ptau` ceremonies (``PowersOfTau``).
/// `docs/aggregation.md` describes the scheme as built.
public enum SheafAggregationModule {}
