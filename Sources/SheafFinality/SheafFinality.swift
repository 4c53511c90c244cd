/// SheafFinality: the 2-of-3 finality rule (ZK + TEE + optimistic) with a security
/// council and TEE attestations signed with secp256k1.
public enum SheafFinalityModule {}
