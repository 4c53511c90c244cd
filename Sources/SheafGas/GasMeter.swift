import SheafCurve

/// Prices an ``EVMTrace`` under a ``ForkSchedule``: each recorded step gets the
/// gas an on-chain verifier doing that step pays, and the whole trace is priced as
/// one transaction (intrinsic gas, calldata with the EIP-7623 floor, execution).
///
/// The meter holds no state between calls; memory expansion is tracked within
/// one trace, as the EVM does within one call.
public struct GasMeter: Sendable {
    /// The prices in force.
    public let schedule: ForkSchedule
    /// The model for arithmetic done in contract code.
    public let arithmetic: FieldArithmeticModel

    /// A meter for `schedule`.
    public init(schedule: ForkSchedule) {
        self.schedule = schedule
        self.arithmetic = FieldArithmeticModel(schedule: schedule)
    }

    /// The execution gas of one step, given the memory high-water mark so far
    /// (in words), which a `.memory` step moves.
    ///
    /// Calldata has no execution cost; ``price(_:)`` charges it per transaction.
    ///
    /// - Throws: ``GasError/invalidStep(label:field:value:)`` or
    ///   ``GasError/precompileUnavailable(precompile:fork:)``.
    public func executionGas(
        of step: EVMStep, label: String, memoryWords: inout Int
    ) throws(GasError) -> Int {
        func nonNegative(_ value: Int, _ field: String) throws(GasError) {
            if value < 0 { throw .invalidStep(label: label, field: field, value: value) }
        }
        func atLeastOne(_ value: Int, _ field: String) throws(GasError) {
            if value < 1 { throw .invalidStep(label: label, field: field, value: value) }
        }
        func bls() throws(GasError) -> BLS12381Costs {
            guard let costs = schedule.bls12381 else {
                throw .precompileUnavailable(precompile: "BLS12-381 (EIP-2537)", fork: schedule.name)
            }
            return costs
        }
        let e = schedule.execution
        switch step {
        case .ecAdd: return schedule.bn254.ecAdd
        case .ecMul: return schedule.bn254.ecMul
        case let .ecPairing(pairs):
            try nonNegative(pairs, "pairs")
            return schedule.bn254.pairingBase + pairs * schedule.bn254.pairingPerPair
        case .ecRecover: return schedule.otherPrecompiles.ecRecover
        case let .modExp(base, exponent, modulus, bits):
            try nonNegative(base, "baseBytes"); try nonNegative(exponent, "exponentBytes")
            try nonNegative(modulus, "modulusBytes"); try nonNegative(bits, "exponentHeadBits")
            if bits > 8 * min(exponent, 32) {
                throw .invalidStep(label: label, field: "exponentHeadBits", value: bits)
            }
            return schedule.modExp.gas(baseBytes: base, exponentBytes: exponent, modulusBytes: modulus, exponentHeadBits: bits)
        case .pointEvaluation: return schedule.otherPrecompiles.pointEvaluation
        case .p256Verify:
            guard let gas = schedule.otherPrecompiles.p256Verify else {
                throw .precompileUnavailable(precompile: "P256VERIFY (EIP-7951)", fork: schedule.name)
            }
            return gas
        case .blsG1Add: return try bls().g1Add
        case .blsG2Add: return try bls().g2Add
        case let .blsG1MSM(pairs):
            // EIP-2537: an empty MSM input is an error, not a free call.
            try atLeastOne(pairs, "pairs")
            return try bls().g1MSM(pairs: pairs)
        case let .blsG2MSM(pairs):
            try atLeastOne(pairs, "pairs")
            return try bls().g2MSM(pairs: pairs)
        case let .blsPairing(pairs):
            try atLeastOne(pairs, "pairs")
            let costs = try bls()
            return costs.pairingBase + pairs * costs.pairingPerPair
        case .blsMapFpToG1: return try bls().mapFpToG1
        case .blsMapFp2ToG2: return try bls().mapFp2ToG2
        case let .keccak256(bytes):
            try nonNegative(bytes, "bytes")
            return e.keccakBase + e.keccakPerWord * Self.words(bytes)
        case let .calldata(zero, nonZero):
            try nonNegative(zero, "zeroBytes"); try nonNegative(nonZero, "nonZeroBytes")
            return 0
        case let .copy(bytes):
            try nonNegative(bytes, "bytes")
            return e.copyBase + e.copyPerWord * Self.words(bytes)
        case let .externalCodeCopy(bytes, cold):
            // EIP-2929: the account-access charge replaces the old base cost; the
            // copy pays G_copy per word.
            try nonNegative(bytes, "bytes")
            return (cold ? e.coldAccountAccess : e.warmAccess) + e.copyPerWord * Self.words(bytes)
        case let .sstore(kind, cold):
            let surcharge = cold ? e.coldSload : 0
            switch kind {
            case .set: return e.sstoreSet + surcharge
            case .reset: return e.sstoreReset + surcharge
            case .dirty: return e.warmAccess + surcharge
            }
        case let .sload(cold): return cold ? e.coldSload : e.warmAccess
        case let .log(topics, bytes):
            if topics < 0 || topics > 4 { throw .invalidStep(label: label, field: "topics", value: topics) }
            try nonNegative(bytes, "dataBytes")
            return e.logBase + topics * e.logPerTopic + bytes * e.logPerByte
        case let .memory(words):
            try nonNegative(words, "words")
            guard words > memoryWords else { return 0 }
            let cost = e.memoryCost(words: words) - e.memoryCost(words: memoryWords)
            memoryWords = words
            return cost
        case let .staticCall(cold): return cold ? e.coldAccountAccess : e.warmAccess
        case let .fieldArithmetic(op, count):
            try nonNegative(count, "count")
            return arithmetic.gas(of: op, count: count)
        case let .execution(_, gas):
            try nonNegative(gas, "gas")
            return gas
        }
    }

    /// Prices `trace` as the whole of one transaction: an intrinsic line, one line
    /// per step (calldata at EIP-2028 rates), and, when the EIP-7623 floor binds, a
    /// line with the floor's top-up. The report's total is the sum of its lines.
    ///
    /// - Throws: ``GasError`` for an invalid step or a precompile the fork lacks.
    public func price(_ trace: EVMTrace) throws(GasError) -> GasReport {
        var lines: [GasReport.Line] = []
        lines.reserveCapacity(trace.count + 2)
        var memoryWords = 0
        var zero = 0, nonZero = 0, execution = 0
        for entry in trace.steps {
            let gas = try executionGas(of: entry.step, label: entry.label, memoryWords: &memoryWords)
            if case let .calldata(z, n) = entry.step {
                zero += z; nonZero += n
                let t = schedule.transaction
                lines.append(.init(label: entry.label, detail: entry.step.summary,
                                   gas: z * t.zeroByteGas + n * t.nonZeroByteGas, kind: .calldata))
            } else {
                execution += gas
                lines.append(.init(label: entry.label, detail: entry.step.summary, gas: gas, kind: .execution))
            }
        }
        let tx = try Transaction(zeroBytes: zero, nonZeroBytes: nonZero, executionGas: execution).gas(under: schedule)
        lines.insert(.init(label: "transaction intrinsic gas", detail: "G_transaction",
                           gas: tx.intrinsic, kind: .intrinsic), at: 0)
        if tx.floorApplies {
            lines.append(.init(
                label: "EIP-7623 calldata floor top-up",
                detail: "10·\(tx.calldataTokens) tokens exceed calldata + execution", gas: tx.floorTopUp, kind: .floor))
        }
        return GasReport(schedule: schedule.name, lines: lines, transaction: tx,
                         transactionGasLimit: schedule.maximumTransactionGas, modelled: false)
    }

    static func words(_ bytes: Int) -> Int { (bytes + 31) / 32 }
}

/// The itemised price of one transaction (or of a modelled settlement).
public struct GasReport: Equatable, Sendable, Codable {
    /// What a line is charged for.
    public enum Kind: String, Equatable, Sendable, Codable {
        /// Intrinsic transaction gas.
        case intrinsic
        /// Calldata at EIP-2028 rates.
        case calldata
        /// Execution: precompiles, hashing, storage, logs, memory, arithmetic.
        case execution
        /// The EIP-7623 floor's top-up.
        case floor
        /// A published constant of a system that is modelled, not executed.
        case modelled
    }

    /// One priced step.
    public struct Line: Equatable, Sendable, Codable {
        /// Why the verifier took the step.
        public var label: String
        /// What the step is, with its sizes.
        public var detail: String
        /// Its gas.
        public var gas: Int
        /// What kind of charge it is.
        public var kind: Kind

        /// A line of a report.
        public init(label: String, detail: String, gas: Int, kind: Kind) {
            self.label = label; self.detail = detail; self.gas = gas; self.kind = kind
        }
    }

    /// One group of identical lines (same label, detail and gas) with its multiplicity.
    public struct GroupedLine: Equatable, Sendable, Codable {
        /// How many identical lines were merged.
        public var count: Int
        /// The line's label.
        public var label: String
        /// The line's detail.
        public var detail: String
        /// Gas of one line.
        public var gasEach: Int
        /// Gas of all of them.
        public var gas: Int
        /// What kind of charge it is.
        public var kind: Kind
    }

    /// The schedule the report was priced under.
    public var schedule: String
    /// The lines, intrinsic first.
    public var lines: [Line]
    /// The transaction-level breakdown; absent for modelled settlements, whose
    /// published constants already include their transactions.
    public var transaction: TransactionGas?
    /// The most gas one transaction may use under the schedule.
    public var transactionGasLimit: Int
    /// Whether the figure is a model of another system rather than a priced trace.
    public var modelled: Bool

    /// The total: the sum of the lines.
    public var total: Int { lines.reduce(0) { $0 + $1.gas } }

    /// Whether one transaction can carry it (EIP-7825 cap and block gas limit).
    public var fitsInOneTransaction: Bool { total <= transactionGasLimit }

    /// Gas of the lines of one kind.
    public func gas(of kind: Kind) -> Int { lines.filter { $0.kind == kind }.reduce(0) { $0 + $1.gas } }

    /// The lines with identical label, detail and gas merged, in order of first
    /// appearance: readable itemisation of a bundle with hundreds of steps.
    public var grouped: [GroupedLine] {
        var order: [String] = []
        var groups: [String: GroupedLine] = [:]
        for line in lines {
            let key = [line.label, line.detail, line.kind.rawValue, String(line.gas)].joined(separator: "\u{1F}")
            if var group = groups[key] {
                group.count += 1
                group.gas += line.gas
                groups[key] = group
            } else {
                order.append(key)
                groups[key] = GroupedLine(count: 1, label: line.label, detail: line.detail,
                                          gasEach: line.gas, gas: line.gas, kind: line.kind)
            }
        }
        return order.compactMap { groups[$0] }
    }
}
