/// The gas of settling through an outer proof, from the calibrated contract
/// costs (``ContractCalibration/Outer``) and the calls' actual bytes.
///
/// settleOuter costs the same for any bundle size (one proof, one root), so
/// the share per application falls as 1/n; each application then pays its own
/// isSettled, which grows with the tree's depth.
public enum OuterSettlementGas {
    /// The total gas of a settleOuter transaction with this calldata.
    public static func settle(calldata: [UInt8], schedule: ForkSchedule,
                              calibration: ContractCalibration = .current) throws(GasError) -> Int {
        try transaction(calldata, execution: calibration.outer.settleExecution + ContractCalibration.Outer.settlePrecompileGas)
            .gas(under: schedule).total
    }

    /// The total gas of an isSettled transaction with this calldata and a path
    /// of `levels` siblings (called from another contract, the intrinsic
    /// 21,000 and the calldata are that contract's transaction's).
    public static func isSettled(calldata: [UInt8], levels: Int, schedule: ForkSchedule,
                                 calibration: ContractCalibration = .current) throws(GasError) -> Int {
        try transaction(calldata, execution: calibration.outer.isSettledGas(levels: levels)).gas(under: schedule).total
    }

    /// The total gas of a settleAndNotify transaction (the outer notifier) with
    /// this calldata, for `statements` statements of which `receivers` have a
    /// receiver (each receiver's own work as calibrated: checking its caller
    /// and application id).
    public static func settleAndNotify(calldata: [UInt8], statements: Int, receivers: Int, schedule: ForkSchedule,
                                       calibration: ContractCalibration = .current) throws(GasError) -> Int {
        try transaction(calldata, execution: calibration.outer.notifyGas(statements: statements, receivers: receivers))
            .gas(under: schedule).total
    }

    static func transaction(_ calldata: [UInt8], execution: Int) -> Transaction {
        let zeros = calldata.filter { $0 == 0 }.count
        return Transaction(zeroBytes: zeros, nonZeroBytes: calldata.count - zeros, executionGas: execution)
    }
}

extension OuterSettlementGas {
    /// The most statements one outer proof covers (the batch circuit's bound).
    public static let maximumStatements = 64

    /// settleOuter's calldata length: selector, root, and the proof's 12 words.
    public static let settleCalldataLength = 4 + 32 + 384

    /// The itemised settleOuter transaction for a typical proof, its calldata
    /// counted as all non-zero bytes (a real proof has about two zero bytes in
    /// 420, 24 gas less).
    public static func settleReport(schedule: ForkSchedule, calibration: ContractCalibration = .current) throws(GasError) -> TransactionGas {
        try Transaction(zeroBytes: 0, nonZeroBytes: settleCalldataLength,
                        executionGas: calibration.outer.settleExecution + ContractCalibration.Outer.settlePrecompileGas)
            .gas(under: schedule)
    }

    /// settleAndNotify's calldata length for n statements: selector, the
    /// proof's 12 words, and per statement its application id, statement hash
    /// and receiver.
    public static func notifyCalldataLength(statements n: Int) -> Int { 4 + 384 + 96 * n }

    /// The itemised settleAndNotify transaction for n statements, each with a
    /// receiver: the proof, application ids and statement hashes counted as
    /// non-zero bytes, each receiver's word as 20 non-zero and 12 zero bytes.
    public static func notifyReport(statements n: Int, schedule: ForkSchedule,
                                    calibration: ContractCalibration = .current) throws(GasError) -> TransactionGas {
        try Transaction(zeroBytes: 12 * n, nonZeroBytes: notifyCalldataLength(statements: n) - 12 * n,
                        executionGas: calibration.outer.notifyGas(statements: n, receivers: n))
            .gas(under: schedule)
    }

    /// One application's isSettled: the contract's execution, the SHA-256
    /// precompile and the call's calldata (root, application id and statement
    /// hash non-zero, the index, offset and length words one non-zero byte
    /// each, the siblings non-zero), without the 21,000 of the transaction the
    /// application makes anyway.
    public static func inclusionCheckGas(levels: Int, calibration: ContractCalibration = .current) -> Int {
        let nonZero = 4 + 96 + 3 + 32 * levels, zero = 3 * 31
        return 16 * nonZero + 4 * zero + calibration.outer.isSettledGas(levels: levels)
    }

    /// The siblings on leaf `index`'s path in a tree of `count` leaves (an
    /// odd node is promoted without one).
    public static func pathLength(leaf index: Int, of count: Int) -> Int {
        var i = index, width = count, levels = 0
        while width > 1 {
            if (i ^ 1) < width { levels += 1 }
            i >>= 1
            width = (width + 1) / 2
        }
        return levels
    }
}
