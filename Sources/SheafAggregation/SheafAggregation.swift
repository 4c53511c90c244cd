/// SheafAggregation: SnarkPack (TIPP/MIPP with GIPA) aggregate proofs and bundles.
public enum SheafAggregationModule {}
