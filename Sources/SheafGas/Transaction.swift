/// What a transaction pays for, before prices: its calldata bytes and the
/// execution gas its call consumes.
///
/// ``gas(under:)`` applies the fork's rules: intrinsic gas, EIP-2028 calldata
/// pricing, the EIP-7623 floor where the fork has it, and access lists.
public struct Transaction: Equatable, Sendable, Codable {
    /// Zero bytes of calldata.
    public var zeroBytes: Int
    /// Nonzero bytes of calldata.
    public var nonZeroBytes: Int
    /// Gas consumed by execution (everything that is not intrinsic or calldata).
    public var executionGas: Int
    /// Whether the transaction creates a contract (53,000 instead of 21,000).
    public var createsContract: Bool
    /// EIP-2930 access-list addresses.
    public var accessListAddresses: Int
    /// EIP-2930 access-list storage keys.
    public var accessListStorageKeys: Int

    /// A transaction; every count must be non-negative.
    public init(
        zeroBytes: Int, nonZeroBytes: Int, executionGas: Int, createsContract: Bool = false,
        accessListAddresses: Int = 0, accessListStorageKeys: Int = 0
    ) {
        self.zeroBytes = zeroBytes; self.nonZeroBytes = nonZeroBytes; self.executionGas = executionGas
        self.createsContract = createsContract
        self.accessListAddresses = accessListAddresses; self.accessListStorageKeys = accessListStorageKeys
    }

    /// The gas the transaction uses under `schedule`, itemised.
    ///
    /// - Throws: ``GasError/invalidStep(label:field:value:)`` for a negative count.
    public func gas(under schedule: ForkSchedule) throws(GasError) -> TransactionGas {
        for (value, field) in [
            (zeroBytes, "zeroBytes"), (nonZeroBytes, "nonZeroBytes"), (executionGas, "executionGas"),
            (accessListAddresses, "accessListAddresses"), (accessListStorageKeys, "accessListStorageKeys"),
        ] where value < 0 {
            throw .invalidStep(label: "transaction", field: field, value: value)
        }
        let t = schedule.transaction
        let intrinsic = (createsContract ? t.contractCreationGas : t.intrinsicGas)
            + accessListAddresses * t.accessListAddressGas + accessListStorageKeys * t.accessListStorageKeyGas
        let calldata = zeroBytes * t.zeroByteGas + nonZeroBytes * t.nonZeroByteGas
        var tokens = 0
        var floorGas: Int?
        var topUp = 0
        if let floor = t.calldataFloor {
            tokens = zeroBytes + floor.tokensPerNonZeroByte * nonZeroBytes
            // EIP-7623: gasUsed = 21000 + max(STANDARD_TOKEN_COST·tokens + execution,
            // TOTAL_COST_FLOOR_PER_TOKEN·tokens). Validation keeps the standard term
            // equal to the EIP-2028 calldata cost (4·tokens = 4·zero + 16·nonzero),
            // so the floor only ever adds `topUp` on top of calldata + execution.
            let floorTotal = floor.floorPerToken * tokens
            floorGas = floorTotal
            topUp = max(0, floorTotal - (calldata + executionGas))
        }
        return TransactionGas(
            intrinsic: intrinsic, calldata: calldata, execution: executionGas,
            calldataTokens: tokens, floor: floorGas, floorTopUp: topUp)
    }
}

/// A transaction's gas, split into the parts the protocol charges.
public struct TransactionGas: Equatable, Sendable, Codable {
    /// Intrinsic gas (21,000, or 53,000 for a creation, plus access lists).
    public var intrinsic: Int
    /// Calldata gas at EIP-2028 rates (16 per nonzero byte, 4 per zero byte).
    public var calldata: Int
    /// Execution gas.
    public var execution: Int
    /// EIP-7623 calldata tokens (zero + 4·nonzero); 0 where the fork has no floor.
    public var calldataTokens: Int
    /// The EIP-7623 floor (10·tokens), absent before Prague.
    public var floor: Int?
    /// What the floor adds beyond calldata + execution: positive only when
    /// execution gas is below 6·tokens.
    public var floorTopUp: Int

    /// Total gas used: intrinsic + max(calldata + execution, floor).
    public var total: Int { intrinsic + calldata + execution + floorTopUp }

    /// Whether the EIP-7623 floor sets the price.
    public var floorApplies: Bool { floorTopUp > 0 }
}
