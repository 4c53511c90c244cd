import SheafField

extension SnarkJS {
    /// Decodes a circom `.r1cs` constraint system (container version 1).
    ///
    /// Layout: section 1, the header: n8 = 32, the prime r, nWires, nPubOut,
    /// nPubIn, nPrvIn (u32 each), nLabels (u64), mConstraints (u32); section 2,
    /// the constraints: for each, the linear combinations A, B and C, each a term
    /// count (u32) then that many (wire u32, coefficient 32 bytes little-endian in
    /// plain form); section 3, a label id per wire (not needed here). Wire 0 is
    /// the constant one, then come the public outputs and the public inputs (the
    /// ℓ = nPubOut + nPubIn public inputs of ``ConstraintSystem``, in
    /// `public.json` order), then the private signals. Custom-gate sections
    /// (PLONK only) are rejected.
    ///
    /// - Throws: ``SnarkJSFileError``: container errors, a prime other than BN254's
    ///   r, counts that do not add up, a wire ≥ nWires or a coefficient ≥ r
    ///   (naming the constraint), or bytes left over in the constraint section.
    public static func decodeConstraintSystem(_ bytes: [UInt8]) throws(SnarkJSFileError) -> ConstraintSystem {
        let file = try SnarkJSBinaryFile(bytes: bytes, magic: "r1cs", versions: 1...1)
        for gateSection in [4, 5] where file.sections[gateSection] != nil {
            throw .invalidHeader("the .r1cs uses custom gates (section \(gateSection)), which only PLONK supports")
        }
        var header = try file.section(1, "r1cs header")
        try header.expectSize(4 + 32 + 16 + 8 + 4)
        try header.expectPrime(Fr.modulus, name: "scalar field")
        let wires = try header.u32("nWires"), outputs = try header.u32("nPubOut")
        let inputs = try header.u32("nPubIn"), privateInputs = try header.u32("nPrvIn")
        _ = try header.u64("nLabels")
        let constraintCount = try header.u32("mConstraints")
        let publicCount = outputs + inputs
        guard wires >= 1 + publicCount + privateInputs else {
            throw .invalidHeader("nWires (\(wires)) is less than 1 + nPubOut + nPubIn + nPrvIn (\(1 + publicCount + privateInputs))")
        }

        var section = try file.section(2, "r1cs constraints")
        // Each constraint takes at least 12 bytes (three empty combinations).
        guard constraintCount <= section.remaining / 12 else {
            throw .wrongSectionSize("r1cs constraints", expected: constraintCount * 12, actual: section.remaining)
        }
        func combination(_ row: Int, _ name: String) throws(SnarkJSFileError) -> LinearCombination {
            let count = try section.u32("constraint \(row) \(name) term count")
            guard count <= section.remaining / 36 else { throw .truncated("r1cs constraints: constraint \(row) \(name) (\(count) terms)") }
            var terms = [LinearCombination.Term]()
            terms.reserveCapacity(count)
            for _ in 0..<count {
                let wire = try section.u32("constraint \(row) \(name) wire")
                guard wire < wires else {
                    throw .invalidHeader("constraint \(row) \(name) uses wire \(wire), but nWires is \(wires)")
                }
                terms.append(LinearCombination.Term(variable: wire, coefficient: try section.canonicalFr("constraint \(row) \(name) coefficient")))
            }
            return LinearCombination(terms: terms)
        }
        var constraints = [Constraint]()
        constraints.reserveCapacity(constraintCount)
        for row in 0..<constraintCount {
            let a = try combination(row, "A"), b = try combination(row, "B"), c = try combination(row, "C")
            constraints.append(Constraint(a: a, b: b, c: c, label: "r1cs constraint \(row)"))
        }
        guard section.remaining == 0 else { throw .trailingBytes(what: "r1cs constraints", count: section.remaining) }
        do {
            return try ConstraintSystem(publicInputCount: publicCount, privateVariableCount: wires - 1 - publicCount,
                                        constraints: constraints)
        } catch {
            throw .invalidHeader("\(error)")
        }
    }

    /// Reads a `.r1cs` file.
    ///
    /// - Throws: ``SnarkJSFileError/unreadableFile(path:reason:)`` or any error of
    ///   ``decodeConstraintSystem(_:)``.
    public static func readConstraintSystem(atPath path: String) throws(SnarkJSFileError) -> ConstraintSystem {
        try decodeConstraintSystem(SnarkJSBinaryFile.read(atPath: path))
    }
}

extension SnarkJSProvingKey {
    /// Whether `system` is the circuit this key was made for: the same numbers of
    /// variables and public inputs, and the same A and B matrices (the
    /// constraints, then snarkjs's public-input rows A[m + i][i] = 1). The zkey
    /// does not store C, so C is not compared.
    public func matches(_ system: ConstraintSystem) -> Bool {
        guard system.variableCount == variableCount, system.publicInputCount == publicInputCount else { return false }
        return Set(coefficients) == Set(Self.coefficients(of: system))
    }

    /// The A and B entries a snarkjs setup derives from `system`.
    static func coefficients(of system: ConstraintSystem) -> [Coefficient] {
        var entries = [Coefficient]()
        for (row, constraint) in system.constraints.enumerated() {
            for term in constraint.a.terms {
                entries.append(Coefficient(matrix: .a, constraint: row, signal: term.variable, value: term.coefficient))
            }
            for term in constraint.b.terms {
                entries.append(Coefficient(matrix: .b, constraint: row, signal: term.variable, value: term.coefficient))
            }
        }
        for i in 0...system.publicInputCount {
            entries.append(Coefficient(matrix: .a, constraint: system.constraintCount + i, signal: i, value: .one))
        }
        return entries
    }
}
