/// SheafGas: Ethereum fork schedules, precompile, calldata and blob pricing, the
/// `GasMeter` and the savings estimator.
public enum SheafGasModule {}
