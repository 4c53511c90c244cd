/// Blob fee arithmetic of EIP-4844 as amended by EIP-7918, and the cost of posting
/// a bundle's data in blobs.
public enum BlobPricing {
    /// EIP-4844 `fake_exponential(factor, numerator, denominator)`: the integer
    /// Taylor approximation of factor · e^(numerator/denominator), computed exactly as
    /// the EIP's loop (`accum = accum·numerator // (denominator·i)`), with 128-bit
    /// intermediates so no value the protocol can reach overflows.
    ///
    /// - Throws: ``GasError/overflow(_:)`` when the result or an intermediate would
    ///   not fit in 64 bits, and ``GasError/invalidParameter(name:reason:)`` for a
    ///   zero denominator.
    public static func fakeExponential(
        factor: UInt64, numerator: UInt64, denominator: UInt64
    ) throws(GasError) -> UInt64 {
        guard denominator > 0 else { throw .invalidParameter(name: "denominator", reason: "must be positive") }
        var i: UInt64 = 1
        var output: UInt64 = 0
        var (accumulator, overflow) = factor.multipliedReportingOverflow(by: denominator)
        if overflow { throw .overflow("fake_exponential: factor · denominator") }
        while accumulator > 0 {
            (output, overflow) = output.addingReportingOverflow(accumulator)
            if overflow { throw .overflow("fake_exponential: output") }
            let (divisor, divisorOverflow) = denominator.multipliedReportingOverflow(by: i)
            if divisorOverflow { throw .overflow("fake_exponential: denominator · i") }
            let product = accumulator.multipliedFullWidth(by: numerator)
            // The quotient fits in 64 bits exactly when the high word is below the divisor.
            guard product.high < divisor else { throw .overflow("fake_exponential: accumulator") }
            accumulator = divisor.dividingFullWidth(product).quotient
            i += 1
        }
        return output / denominator
    }

    /// The base fee per blob gas for a block with `excessBlobGas`:
    /// fake_exponential(MIN_BASE_FEE_PER_BLOB_GAS, excess, update fraction).
    ///
    /// - Throws: ``GasError`` for a negative excess or overflow.
    public static func baseFeePerBlobGas(excessBlobGas: Int, schedule: ForkSchedule) throws(GasError) -> UInt64 {
        guard excessBlobGas >= 0 else {
            throw .invalidParameter(name: "excessBlobGas", reason: "must not be negative (got \(excessBlobGas))")
        }
        return try fakeExponential(
            factor: UInt64(schedule.blobs.minimumBaseFee), numerator: UInt64(excessBlobGas),
            denominator: UInt64(schedule.blobs.updateFraction))
    }

    /// The next block's excess blob gas (EIP-4844 `calc_excess_blob_gas`, with the
    /// EIP-7918 branch where the fork has a reserve price): when the execution cost
    /// of a blob (BLOB_BASE_COST · base fee) exceeds its blob-gas cost, the excess
    /// grows by blobGasUsed·(max − target)/max instead of falling by the target, so
    /// the blob fee climbs back towards the reserve.
    ///
    /// - Throws: ``GasError`` for negative inputs or overflow.
    public static func nextExcessBlobGas(
        parentExcessBlobGas: Int, parentBlobGasUsed: Int, parentBaseFeePerGas: UInt64, schedule: ForkSchedule
    ) throws(GasError) -> Int {
        guard parentExcessBlobGas >= 0, parentBlobGasUsed >= 0 else {
            throw .invalidParameter(name: "parent blob gas", reason: "excess and used blob gas must not be negative")
        }
        let b = schedule.blobs
        let targetGas = b.target * b.gasPerBlob
        if parentExcessBlobGas + parentBlobGasUsed < targetGas { return 0 }
        if let reserve = b.reserveBaseCost {
            let blobFee = try baseFeePerBlobGas(excessBlobGas: parentExcessBlobGas, schedule: schedule)
            let (executionSide, o1) = UInt64(reserve).multipliedReportingOverflow(by: parentBaseFeePerGas)
            let (blobSide, o2) = UInt64(b.gasPerBlob).multipliedReportingOverflow(by: blobFee)
            if o1 || o2 { throw .overflow("EIP-7918 reserve comparison") }
            if executionSide > blobSide {
                return parentExcessBlobGas + parentBlobGasUsed * (b.max - b.target) / b.max
            }
        }
        return parentExcessBlobGas + parentBlobGasUsed - targetGas
    }

    /// The EIP-7918 reserve blob base fee for an execution base fee:
    /// BLOB_BASE_COST · baseFee / GAS_PER_BLOB (baseFee/16 on mainnet), or `nil`
    /// before Osaka.
    public static func reserveBlobBaseFee(baseFeePerGas: UInt64, schedule: ForkSchedule) -> UInt64? {
        guard let reserve = schedule.blobs.reserveBaseCost else { return nil }
        let (product, overflow) = UInt64(reserve).multipliedReportingOverflow(by: baseFeePerGas)
        if overflow { return UInt64.max / UInt64(schedule.blobs.gasPerBlob) }
        return product / UInt64(schedule.blobs.gasPerBlob)
    }

    /// What posting `bytes` bytes of data in blobs costs at the given fees.
    ///
    /// - Parameters:
    ///   - blobBaseFee: the base fee per blob gas in wei.
    ///   - baseFeePerGas: the execution base fee in wei, for the EIP-7918 reserve and
    ///     the execution-gas equivalent.
    /// - Throws: ``GasError`` for negative sizes or overflow.
    public static func cost(
        bytes: Int, blobBaseFee: UInt64, baseFeePerGas: UInt64, schedule: ForkSchedule
    ) throws(GasError) -> BlobCost {
        guard bytes >= 0 else { throw .invalidParameter(name: "bytes", reason: "must not be negative (got \(bytes))") }
        let b = schedule.blobs
        let blobs = (bytes + b.usableBytesPerBlob - 1) / b.usableBytesPerBlob
        let blobGas = blobs * b.gasPerBlob
        let reserve = reserveBlobBaseFee(baseFeePerGas: baseFeePerGas, schedule: schedule)
        let effective = max(blobBaseFee, reserve ?? 0, UInt64(b.minimumBaseFee))
        let (fee, overflow) = UInt64(blobGas).multipliedReportingOverflow(by: effective)
        if overflow { throw .overflow("blob fee (blob gas × blob base fee)") }
        let equivalent: Int? = baseFeePerGas > 0 ? Int(fee / baseFeePerGas) : nil
        return BlobCost(
            bytes: bytes, blobs: blobs, blobGas: blobGas, blobBaseFee: blobBaseFee, reserveBlobBaseFee: reserve,
            effectiveBlobBaseFee: effective, feeWei: fee, executionGasEquivalent: equivalent,
            transactions: (blobs + b.maxPerTransaction - 1) / b.maxPerTransaction)
    }
}

/// The cost of posting data in blobs.
public struct BlobCost: Equatable, Sendable, Codable {
    /// Payload bytes.
    public var bytes: Int
    /// Blobs needed (31 usable bytes per 32-byte field element).
    public var blobs: Int
    /// Blob gas: blobs × 131,072.
    public var blobGas: Int
    /// The blob base fee asked about (wei per blob gas).
    public var blobBaseFee: UInt64
    /// The EIP-7918 reserve at the given execution base fee, if the fork has one.
    public var reserveBlobBaseFee: UInt64?
    /// The fee used: the asked fee, raised to the reserve (towards which EIP-7918
    /// drives the market fee) and to the protocol minimum.
    public var effectiveBlobBaseFee: UInt64
    /// Blob gas × effective fee, in wei.
    public var feeWei: UInt64
    /// The fee expressed in execution gas at the given base fee (absent at base fee 0).
    public var executionGasEquivalent: Int?
    /// Blob transactions needed (at most 6 blobs each from Osaka, EIP-7594).
    public var transactions: Int

    /// Whether the reserve price, not the asked fee, set the cost.
    public var reserveApplies: Bool { (reserveBlobBaseFee ?? 0) > blobBaseFee }
}
