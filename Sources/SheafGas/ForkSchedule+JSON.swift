import Foundation

// User-defined schedules. A file is either a complete schedule (every key of
// `sheaf gas --print-schedule`) or a set of overrides on a built-in fork:
//
//     { "base": "osaka", "name": "osaka-100M", "blockGasLimit": 100000000,
//       "transaction": { "gasCap": null } }
//
// Overrides merge key by key into the base (objects recursively, `null` removes an
// optional entry); a key the schedule does not have is an error rather than being
// ignored, because a misspelt override would otherwise silently price with the
// base value.

extension ForkSchedule {
    /// Reads and validates a schedule file.
    ///
    /// - Throws: ``ScheduleError`` naming the file and what is wrong.
    public static func load(path: String) throws(ScheduleError) -> ForkSchedule {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            var reason = (error as NSError).localizedDescription
            while reason.hasSuffix(".") { reason.removeLast() }
            throw .unreadable(path: path, reason: reason)
        }
        return try decode(json: data, source: path)
    }

    /// Decodes and validates a schedule from JSON; `source` names the input in
    /// error messages.
    ///
    /// - Throws: ``ScheduleError``.
    public static func decode(json data: Data, source: String) throws(ScheduleError) -> ForkSchedule {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw .malformed(source: source, reason: "not JSON (\((error as NSError).localizedDescription))")
        }
        guard var user = object as? [String: Any] else {
            throw .malformed(source: source, reason: "the top level must be a JSON object")
        }
        var merged: [String: Any]
        if let baseValue = user.removeValue(forKey: "base") {
            guard let baseName = baseValue as? String else {
                throw .malformed(source: source, reason: "\"base\" must be a fork name such as \"osaka\"")
            }
            guard let base = named(baseName) else {
                throw .unknownFork(name: baseName, known: builtIn.map(\.name))
            }
            merged = jsonDictionary(of: base)
        } else {
            merged = [:]
        }
        try checkKeys(user, against: jsonDictionary(of: keyTemplate), path: "", source: source)
        merge(user, into: &merged)

        let schedule: ForkSchedule
        do {
            let mergedData = try JSONSerialization.data(withJSONObject: merged, options: [])
            schedule = try JSONDecoder().decode(ForkSchedule.self, from: mergedData)
        } catch let error as DecodingError {
            throw .malformed(source: source, reason: describe(error))
        } catch {
            throw .malformed(source: source, reason: (error as NSError).localizedDescription)
        }
        try schedule.validate(source: source)
        return schedule
    }

    /// The schedule as pretty-printed JSON with sorted keys: the template users edit.
    public func jsonString() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // Encoding plain structs of Ints, Strings and arrays cannot fail.
        guard let data = try? encoder.encode(self), let text = String(data: data, encoding: .utf8) else {
            preconditionFailure("a ForkSchedule always encodes to JSON")
        }
        return text
    }

    /// Checks every value for consistency.
    ///
    /// - Throws: ``ScheduleError/invalidValue(source:field:reason:)`` for the first
    ///   value out of range.
    public func validate(source: String = "schedule") throws(ScheduleError) {
        func require(_ ok: Bool, _ field: String, _ reason: String) throws(ScheduleError) {
            if !ok { throw .invalidValue(source: source, field: field, reason: reason) }
        }
        func nonNegative(_ value: Int, _ field: String) throws(ScheduleError) {
            try require(value >= 0, field, "must not be negative (got \(value))")
        }
        func positive(_ value: Int, _ field: String) throws(ScheduleError) {
            try require(value > 0, field, "must be positive (got \(value))")
        }
        try require(!name.isEmpty, "name", "must not be empty")
        let t = transaction
        try nonNegative(t.intrinsicGas, "transaction.intrinsicGas")
        try nonNegative(t.contractCreationGas, "transaction.contractCreationGas")
        try nonNegative(t.zeroByteGas, "transaction.zeroByteGas")
        try nonNegative(t.nonZeroByteGas, "transaction.nonZeroByteGas")
        try nonNegative(t.accessListAddressGas, "transaction.accessListAddressGas")
        try nonNegative(t.accessListStorageKeyGas, "transaction.accessListStorageKeyGas")
        if let floor = t.calldataFloor {
            try nonNegative(floor.standardTokenCost, "transaction.calldataFloor.standardTokenCost")
            try nonNegative(floor.floorPerToken, "transaction.calldataFloor.floorPerToken")
            try positive(floor.tokensPerNonZeroByte, "transaction.calldataFloor.tokensPerNonZeroByte")
            // EIP-7623 defines the standard calldata charge as STANDARD_TOKEN_COST·tokens,
            // which must agree with the per-byte prices the rest of the model uses.
            try require(floor.standardTokenCost == t.zeroByteGas, "transaction.calldataFloor.standardTokenCost",
                        "must equal transaction.zeroByteGas (a zero byte is one token)")
            try require(floor.standardTokenCost * floor.tokensPerNonZeroByte == t.nonZeroByteGas,
                        "transaction.calldataFloor.tokensPerNonZeroByte",
                        "times standardTokenCost must equal transaction.nonZeroByteGas")
        }
        if let cap = t.gasCap {
            try require(cap >= t.intrinsicGas, "transaction.gasCap", "must be at least the intrinsic gas (got \(cap))")
        }
        try require(blockGasLimit >= t.intrinsicGas, "blockGasLimit",
                    "must be at least the intrinsic gas (got \(blockGasLimit))")
        try nonNegative(bn254.ecAdd, "bn254.ecAdd")
        try nonNegative(bn254.ecMul, "bn254.ecMul")
        try nonNegative(bn254.pairingBase, "bn254.pairingBase")
        try nonNegative(bn254.pairingPerPair, "bn254.pairingPerPair")
        if let bls = bls12381 {
            for (value, field) in [
                (bls.g1Add, "g1Add"), (bls.g2Add, "g2Add"), (bls.g1Mul, "g1Mul"), (bls.g2Mul, "g2Mul"),
                (bls.pairingBase, "pairingBase"), (bls.pairingPerPair, "pairingPerPair"),
                (bls.mapFpToG1, "mapFpToG1"), (bls.mapFp2ToG2, "mapFp2ToG2"),
            ] {
                try nonNegative(value, "bls12381.\(field)")
            }
            try positive(bls.msmMultiplier, "bls12381.msmMultiplier")
            for (table, field) in [(bls.g1Discounts, "g1Discounts"), (bls.g2Discounts, "g2Discounts")] {
                try require(!table.isEmpty, "bls12381.\(field)", "must list at least the discount for k = 1")
                if let bad = table.firstIndex(where: { $0 < 0 }) {
                    throw .invalidValue(source: source, field: "bls12381.\(field)[\(bad)]",
                                        reason: "must not be negative (got \(table[bad]))")
                }
            }
        }
        try nonNegative(otherPrecompiles.ecRecover, "otherPrecompiles.ecRecover")
        try nonNegative(otherPrecompiles.pointEvaluation, "otherPrecompiles.pointEvaluation")
        if let p256 = otherPrecompiles.p256Verify { try nonNegative(p256, "otherPrecompiles.p256Verify") }
        try nonNegative(modExp.minimumGas, "modExp.minimumGas")
        try positive(modExp.divisor, "modExp.divisor")
        try nonNegative(modExp.longExponentByteMultiplier, "modExp.longExponentByteMultiplier")
        let e = execution
        for (value, field) in [
            (e.sstoreSet, "sstoreSet"), (e.sstoreReset, "sstoreReset"), (e.coldSload, "coldSload"),
            (e.warmAccess, "warmAccess"), (e.coldAccountAccess, "coldAccountAccess"), (e.logBase, "logBase"),
            (e.logPerTopic, "logPerTopic"), (e.logPerByte, "logPerByte"), (e.keccakBase, "keccakBase"),
            (e.keccakPerWord, "keccakPerWord"), (e.copyBase, "copyBase"), (e.copyPerWord, "copyPerWord"),
            (e.memoryPerWord, "memoryPerWord"), (e.mulmod, "mulmod"), (e.addmod, "addmod"), (e.veryLow, "veryLow"),
        ] {
            try nonNegative(value, "execution.\(field)")
        }
        try positive(e.memoryQuadraticDivisor, "execution.memoryQuadraticDivisor")
        let b = blobs
        try positive(b.gasPerBlob, "blobs.gasPerBlob")
        try nonNegative(b.target, "blobs.target")
        try positive(b.max, "blobs.max")
        try require(b.target <= b.max, "blobs.target", "must not exceed blobs.max (\(b.target) > \(b.max))")
        try positive(b.updateFraction, "blobs.updateFraction")
        try positive(b.minimumBaseFee, "blobs.minimumBaseFee")
        try positive(b.maxPerTransaction, "blobs.maxPerTransaction")
        try require(b.maxPerTransaction <= b.max, "blobs.maxPerTransaction",
                    "must not exceed blobs.max (\(b.maxPerTransaction) > \(b.max))")
        if let reserve = b.reserveBaseCost { try nonNegative(reserve, "blobs.reserveBaseCost") }
        try positive(b.fieldElementsPerBlob, "blobs.fieldElementsPerBlob")
        try require(b.usableBytesPerFieldElement >= 1 && b.usableBytesPerFieldElement <= 32,
                    "blobs.usableBytesPerFieldElement", "must be between 1 and 32 (got \(b.usableBytesPerFieldElement))")
    }

    /// A schedule with every optional part present, so its JSON lists every key a
    /// file may use.
    private static var keyTemplate: ForkSchedule { osaka }

    private static func jsonDictionary(of schedule: ForkSchedule) -> [String: Any] {
        guard let data = try? JSONEncoder().encode(schedule),
              let object = try? JSONSerialization.jsonObject(with: data, options: []),
              let dictionary = object as? [String: Any] else {
            preconditionFailure("a ForkSchedule always encodes to a JSON object")
        }
        return dictionary
    }

    private static func checkKeys(
        _ user: [String: Any], against template: [String: Any], path: String, source: String
    ) throws(ScheduleError) {
        for (key, value) in user {
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            guard let templateValue = template[key] else {
                throw .unknownKey(source: source, path: keyPath)
            }
            if let nested = value as? [String: Any], let nestedTemplate = templateValue as? [String: Any] {
                try checkKeys(nested, against: nestedTemplate, path: keyPath, source: source)
            }
        }
    }

    private static func merge(_ user: [String: Any], into base: inout [String: Any]) {
        for (key, value) in user {
            if value is NSNull {
                base.removeValue(forKey: key)
            } else if let nested = value as? [String: Any], var existing = base[key] as? [String: Any] {
                merge(nested, into: &existing)
                base[key] = existing
            } else {
                base[key] = value
            }
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "top level" : keys.joined(separator: ".")
        }
        switch error {
        case let .keyNotFound(key, context):
            let parent = path(context)
            let location = parent == "top level" ? key.stringValue : "\(parent).\(key.stringValue)"
            return "missing key \"\(location)\" (give a complete schedule or start from \"base\": \"osaka\")"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
