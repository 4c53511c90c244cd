/// # SheafGas
///
/// What each application pays on Ethereum alone versus inside a Sheaf bundle, per
/// fork, measured from the verifier's own work.
///
/// - ``ForkSchedule``: every price as data (Cancun, Prague, Osaka, BPO1, BPO2, or a
///   user JSON file), validated with typed ``ScheduleError``s.
/// - ``GasMeter``: prices an `EVMTrace` (recorded in SheafCurve, below the
///   verifiers) step by step, and the whole as one ``Transaction`` with intrinsic
///   gas, EIP-2028 calldata and the EIP-7623 floor, into an itemised ``GasReport``.
/// - ``FieldArithmeticModel``: the op-count × opcode-cost table for arithmetic in
///   contract code (SnarkPack's G_T work).
/// - ``BlobPricing``: `fake_exponential`, EIP-7918's reserve, blob counts and fees.
/// - ``SettlementTraces`` / ``ReferenceSettlementTraces`` and ``SettlementPricer``:
///   the individual, batched, SnarkPack and outer-recursive modes.
/// - ``SavingsEstimator``: per-application savings, break-even and capacity, with
///   table, JSON and SVG renderings.
///
/// SheafGas does no cryptography: it prices steps that verifiers record.
public enum SheafGasModule {}
