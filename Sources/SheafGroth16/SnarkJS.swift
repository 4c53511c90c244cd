import Foundation
import SheafCurve
import SheafField

/// Reading and writing snarkjs's Groth16 JSON files: `verification_key.json`,
/// `proof.json` and `public.json`.
///
/// Layout (as snarkjs writes it): numbers are decimal strings; a G1 point is
/// `[x, y, z]`, a G2 point `[[x.c0, x.c1], [y.c0, y.c1], [z.c0, z.c1]]` (real part
/// first, the opposite of the EVM byte order). snarkjs writes affine points with
/// z = 1 and the identity as G1 `["0", "1", "0"]`, G2 `[["0","0"], ["1","0"], ["0","0"]]`.
///
/// Reading follows ffjavascript's `fromObject`: z = 0 is the identity (whatever
/// x and y are, as long as they are field elements), z = 1 is affine, and any other
/// z is taken as Jacobian coordinates (x/z², y/z³), ffjavascript's internal form.
/// Every point must then be on its curve and in the order-r subgroup. Coordinates
/// must be below p and public inputs below r (never reduced), and the sizes in
/// ``Limits`` bound what a hostile file can make the parser do. Unknown extra fields
/// are ignored, as snarkjs does.
///
/// Writing reproduces snarkjs's `JSON.stringify(value, null, 1)` byte for byte
/// (one-space indentation, no trailing newline), so snarkjs reads the files and a
/// file read and written back is unchanged.
public enum SnarkJS {
    /// Bounds on untrusted documents.
    public enum Limits {
        /// Largest document accepted, in bytes (16 MiB: a key with 50,000 public
        /// inputs takes about 9 MiB).
        public static let maxDocumentBytes = 16 << 20
        /// Most public inputs a key or `public.json` may have.
        public static let maxPublicInputs = 50_000
        /// Longest decimal string accepted: 2²⁵⁶ has 78 digits.
        public static let maxDecimalDigits = 78
        /// Deepest nesting of arrays and objects (`vk_alphabeta_12` needs 5).
        public static let maxNestingDepth = 8
    }

    // MARK: Reading

    /// Decodes a snarkjs `verification_key.json`.
    ///
    /// Requires `protocol` "groth16", a BN254 `curve` (snarkjs's names "bn128",
    /// "bn254" or "altbn128", any case), `nPublic` = `IC.count − 1`, valid points,
    /// and none of α, β, γ, δ at infinity.
    /// When `vk_alphabeta_12` is present it must equal snarkjs's e(α, β) (see
    /// ``snarkjsAlphaBeta(_:_:)``; one pairing).
    ///
    /// - Throws: ``Groth16Error``: `malformedJSON`, `missingField`, `wrongShape`,
    ///   `unsupportedProtocol`, `unsupportedCurve`, `publicCountMismatch`,
    ///   `malformedNumber`, `coordinateNotInField`, `invalidPoint`,
    ///   `degenerateVerifyingKey`, `alphaBetaMismatch` or `inputTooLarge`.
    public static func decodeVerifyingKey(_ data: Data) throws(Groth16Error) -> VerifyingKey {
        try checkBounds(data)
        try checkHeader(data)
        let file: VerificationKeyJSON = try decodeJSON(data)
        return try verifyingKey(file, extraICPoints: 0) { () throws(Groth16Error) in
            throw .publicCountMismatch(nPublic: file.nPublic, icCount: file.ic.count)
        }
    }

    /// The key a parsed file holds, whose IC list has nPublic + 1 +
    /// `extraICPoints` points (`countMismatch` throws when it does not).
    static func verifyingKey(_ file: VerificationKeyJSON, extraICPoints: Int,
                             countMismatch: () throws(Groth16Error) -> Never) throws(Groth16Error) -> VerifyingKey {
        guard file.nPublic >= 0, file.nPublic <= Limits.maxPublicInputs else {
            if file.nPublic < 0 { try countMismatch() }
            throw .inputTooLarge(what: "nPublic", limit: Limits.maxPublicInputs)
        }
        guard file.ic.count <= Limits.maxPublicInputs + 1 + extraICPoints else {
            throw .inputTooLarge(what: "IC points", limit: Limits.maxPublicInputs + 1 + extraICPoints)
        }
        guard file.ic.count == file.nPublic + 1 + extraICPoints else { try countMismatch() }
        let alpha = try g1(file.alpha, field: "vk_alpha_1")
        let beta = try g2(file.beta, field: "vk_beta_2")
        let key = VerifyingKey(
            alpha: alpha, beta: beta,
            gamma: try g2(file.gamma, field: "vk_gamma_2"),
            delta: try g2(file.delta, field: "vk_delta_2"),
            ic: try file.ic.enumerated().map { (i, point) throws(Groth16Error) in try g1(point, field: "IC[\(i)]") })
        if let degenerate = key.pointAtInfinity { throw .degenerateVerifyingKey(field: degenerate.snarkjsName) }
        if let claimed = file.alphaBeta {
            guard try fp12(claimed, field: "vk_alphabeta_12") == snarkjsAlphaBeta(alpha, beta) else {
                throw .alphaBetaMismatch
            }
        }
        return key
    }

    /// `vk_alphabeta_12` as snarkjs computes it: e(α, β)^m with m = 2x(6x² + 3x + 1)
    /// for the BN parameter x.
    ///
    /// ffjavascript's final exponentiation evaluates the hard part with the
    /// Fuentes-Castañeda–Knapp–Rodríguez-Henríquez addition chain, which yields a
    /// fixed power m of the reduced pairing that Sheaf's ``Pairing`` computes (m is
    /// coprime to r, so it is still a non-degenerate bilinear pairing). Verification
    /// never depends on the convention; only this field of the file does, so Sheaf
    /// writes and checks it in snarkjs's form. The power is taken with three
    /// cyclotomic exponentiations by x: m = 12x³ + 6x² + 2x.
    public static func snarkjsAlphaBeta(_ alpha: G1Affine, _ beta: G2Affine) -> Fp12 {
        let e = Pairing.pairing(alpha, beta)
        let ex = e.cyclotomicPower(BN254.x)
        let ex2 = ex.cyclotomicPower(BN254.x)
        let ex3 = ex2.cyclotomicPower(BN254.x)
        let ex3Cubed = ex3.cyclotomicSquared() * ex3
        let ex2Cubed = ex2.cyclotomicSquared() * ex2
        // (ex3³)⁴ · (ex2³)² · ex² = e^(12x³ + 6x² + 2x)
        return ex3Cubed.cyclotomicSquared().cyclotomicSquared() * ex2Cubed.cyclotomicSquared() * ex.cyclotomicSquared()
    }

    /// Decodes a snarkjs `proof.json` (`pi_a`, `pi_b`, `pi_c`, `protocol`, `curve`).
    ///
    /// - Throws: ``Groth16Error`` as for ``decodeVerifyingKey(_:)``, except the key's
    ///   count and pairing checks.
    public static func decodeProof(_ data: Data) throws(Groth16Error) -> Groth16Proof {
        try checkBounds(data)
        try checkHeader(data)
        let file: ProofJSON = try decodeJSON(data)
        return Groth16Proof(
            a: try g1(file.a, field: "pi_a"),
            b: try g2(file.b, field: "pi_b"),
            c: try g1(file.c, field: "pi_c"))
    }

    /// Decodes a snarkjs `public.json`: an array of decimal strings, each below r.
    ///
    /// - Throws: ``Groth16Error/publicInputNotInField(index:)``,
    ///   ``Groth16Error/malformedNumber(field:)``, `wrongShape`, `malformedJSON` or
    ///   `inputTooLarge`.
    public static func decodePublicInputs(_ data: Data) throws(Groth16Error) -> [Fr] {
        try checkBounds(data)
        let strings: [String] = try decodeJSON(data)
        guard strings.count <= Limits.maxPublicInputs else {
            throw .inputTooLarge(what: "public inputs", limit: Limits.maxPublicInputs)
        }
        return try strings.enumerated().map { (i, text) throws(Groth16Error) in
            let field = "public[\(i)]"
            try checkDigits(text, field: field)
            do {
                return try Fr(decimal: text)
            } catch FieldError.notCanonical {
                throw .publicInputNotInField(index: i)
            } catch {
                throw .malformedNumber(field: field)
            }
        }
    }

    /// Reads a file of at most ``Limits/maxDocumentBytes`` bytes, without reading
    /// more than one byte past the limit (safe on huge files and devices).
    ///
    /// - Throws: ``Groth16Error/unreadableFile(path:reason:)`` or
    ///   ``Groth16Error/inputTooLarge(what:limit:)``.
    public static func readFile(atPath path: String) throws(Groth16Error) -> Data {
        do {
            // Any readable path, as before (a JSON document may come from a pipe);
            // the bound still applies.
            return Data(try BoundedFile.read(atPath: path, limit: Limits.maxDocumentBytes, regularFileOnly: false))
        } catch {
            if case .tooLarge = error { throw .inputTooLarge(what: "\(path) (bytes)", limit: Limits.maxDocumentBytes) }
            throw .unreadableFile(path: path, reason: error.reason)
        }
    }

    // MARK: Writing

    /// Encodes a key as snarkjs's `verification_key.json`. With `includeAlphaBeta`
    /// (snarkjs's default) it computes and writes `vk_alphabeta_12` in snarkjs's
    /// convention (``snarkjsAlphaBeta(_:_:)``).
    public static func encodeVerifyingKey(_ key: VerifyingKey, includeAlphaBeta: Bool = true) -> Data {
        JSONValue.object(verifyingKeyFields(key, includeAlphaBeta: includeAlphaBeta)).rendered()
    }

    /// The fields of `verification_key.json`, in snarkjs's order: protocol,
    /// curve, nPublic first (the commit-and-prove encoder replaces those).
    static func verifyingKeyFields(_ key: VerifyingKey, includeAlphaBeta: Bool) -> [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = [
            ("protocol", .string("groth16")),
            ("curve", .string("bn128")),
            ("nPublic", .integer(key.publicInputCount)),
            ("vk_alpha_1", g1JSON(key.alpha)),
            ("vk_beta_2", g2JSON(key.beta)),
            ("vk_gamma_2", g2JSON(key.gamma)),
            ("vk_delta_2", g2JSON(key.delta)),
        ]
        if includeAlphaBeta {
            let e = snarkjsAlphaBeta(key.alpha, key.beta)
            let fp6: (Fp6) -> JSONValue = { .array([fp2JSON($0.c0), fp2JSON($0.c1), fp2JSON($0.c2)]) }
            fields.append(("vk_alphabeta_12", .array([fp6(e.c0), fp6(e.c1)])))
        }
        fields.append(("IC", .array(key.ic.map(g1JSON))))
        return fields
    }

    /// Encodes a proof as snarkjs's `proof.json`.
    public static func encodeProof(_ proof: Groth16Proof) -> Data {
        JSONValue.object([
            ("pi_a", g1JSON(proof.a)),
            ("pi_b", g2JSON(proof.b)),
            ("pi_c", g1JSON(proof.c)),
            ("protocol", .string("groth16")),
            ("curve", .string("bn128")),
        ]).rendered()
    }

    /// Encodes public inputs as snarkjs's `public.json`.
    public static func encodePublicInputs(_ inputs: [Fr]) -> Data {
        JSONValue.array(inputs.map { .string($0.decimalString) }).rendered()
    }
}

// MARK: - Decoding internals

extension SnarkJS {
    /// The document size and nesting depth, checked on the raw bytes before any
    /// parser runs, so hostile nesting cannot exhaust the parser's stack.
    static func checkBounds(_ data: Data) throws(Groth16Error) {
        // snarkjs's binary files start with a 4-byte magic; say which one it is
        // rather than letting the JSON checks report noise about its bytes.
        if data.count >= 4, let magic = String(bytes: data.prefix(4), encoding: .ascii),
           ["zkey", "ptau", "wtns", "r1cs"].contains(magic) {
            throw .binarySnarkJSFile(format: magic)
        }
        guard data.count <= Limits.maxDocumentBytes else {
            throw .inputTooLarge(what: "document size in bytes", limit: Limits.maxDocumentBytes)
        }
        var depth = 0
        var inString = false
        var escaped = false
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                guard depth <= Limits.maxNestingDepth else {
                    throw .inputTooLarge(what: "JSON nesting depth", limit: Limits.maxNestingDepth)
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
    }

    /// `protocol` and `curve`, checked before the rest so that, say, a PLONK key is
    /// reported as the wrong protocol rather than as missing Groth16 fields.
    static func checkHeader(_ data: Data, protocol expected: String = "groth16") throws(Groth16Error) {
        let header: HeaderJSON = try decodeJSON(data)
        guard header.protocolName == expected else {
            if expected != "groth16" {
                throw .wrongProtocol(found: Groth16Error.quoted(header.protocolName), expected: expected)
            }
            throw .unsupportedProtocol(Groth16Error.quoted(header.protocolName))
        }
        guard ["bn128", "bn254", "altbn128"].contains(header.curve.lowercased()) else {
            throw .unsupportedCurve(Groth16Error.quoted(header.curve))
        }
    }

    static func decodeJSON<T: Decodable>(_ data: Data) throws(Groth16Error) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw translate(error)
        } catch {
            throw .malformedJSON(String(describing: error))
        }
    }

    static func translate(_ error: DecodingError) -> Groth16Error {
        switch error {
        case let .keyNotFound(key, context):
            return .missingField(path(context.codingPath + [key]))
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            return .wrongShape(field: path(context.codingPath), expected: jsonTypeName(type))
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty {
                return .malformedJSON(Groth16Error.quoted(context.debugDescription))
            }
            return .wrongShape(field: path(context.codingPath), expected: "a valid value")
        @unknown default:
            return .malformedJSON(String(describing: error))
        }
    }

    /// A coding path as a JSON path: `pi_b[1][0]`.
    static func path(_ keys: [any CodingKey]) -> String {
        var out = ""
        for key in keys {
            if let index = key.intValue { out += "[\(index)]" } else { out += out.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return out.isEmpty ? "(document)" : out
    }

    static func jsonTypeName(_ type: Any.Type) -> String {
        if type == String.self { return "a string" }
        if type == Int.self { return "an integer" }
        if type is [Any].Type || String(describing: type).hasPrefix("Array") { return "an array" }
        if String(describing: type).hasPrefix("Dictionary") { return "an object" }
        return "a value of type \(type)"
    }

    static func checkDigits(_ text: String, field: String) throws(Groth16Error) {
        guard text.utf8.count <= Limits.maxDecimalDigits else {
            throw .inputTooLarge(what: "\(field) (decimal digits)", limit: Limits.maxDecimalDigits)
        }
    }

    static func fp(_ text: String, field: String) throws(Groth16Error) -> Fp {
        try checkDigits(text, field: field)
        do {
            return try Fp(decimal: text)
        } catch FieldError.notCanonical {
            throw .coordinateNotInField(field: field)
        } catch {
            throw .malformedNumber(field: field)
        }
    }

    static func fp2(_ pair: [String], field: String) throws(Groth16Error) -> Fp2 {
        guard pair.count == 2 else { throw .wrongShape(field: field, expected: "[c0, c1]: 2 decimal strings") }
        return Fp2(try fp(pair[0], field: "\(field)[0]"), try fp(pair[1], field: "\(field)[1]"))
    }

    static func g1(_ coordinates: [String], field: String) throws(Groth16Error) -> G1Affine {
        guard coordinates.count == 3 else { throw .wrongShape(field: field, expected: "[x, y, z]: 3 decimal strings") }
        let x = try fp(coordinates[0], field: "\(field)[0]")
        let y = try fp(coordinates[1], field: "\(field)[1]")
        let z = try fp(coordinates[2], field: "\(field)[2]")
        return try point(x: x, y: y, z: z, field: field)
    }

    static func g2(_ coordinates: [[String]], field: String) throws(Groth16Error) -> G2Affine {
        guard coordinates.count == 3 else {
            throw .wrongShape(field: field, expected: "[[x.c0, x.c1], [y.c0, y.c1], [z.c0, z.c1]]")
        }
        let x = try fp2(coordinates[0], field: "\(field)[0]")
        let y = try fp2(coordinates[1], field: "\(field)[1]")
        let z = try fp2(coordinates[2], field: "\(field)[2]")
        return try point(x: x, y: y, z: z, field: field)
    }

    /// The affine point of ffjavascript's object form (see the type's notes), validated.
    static func point<C: CurveParameters>(
        x: C.Field, y: C.Field, z: C.Field, field: String
    ) throws(Groth16Error) -> AffinePoint<C> {
        guard let zInverse = z.inverse() else { return .infinity }
        let zInverse2 = zInverse.squared()
        do {
            return try AffinePoint<C>(validatingX: x * zInverse2, y: y * zInverse2 * zInverse)
        } catch let error as CurveError {
            throw .invalidPoint(field: field, reason: error)
        } catch {
            preconditionFailure("AffinePoint(validatingX:y:) throws only CurveError: \(error)")
        }
    }

    static func fp12(_ value: [[[String]]], field: String) throws(Groth16Error) -> Fp12 {
        let shape = "[[3 × [c0, c1]], [3 × [c0, c1]]]"
        guard value.count == 2, value.allSatisfy({ $0.count == 3 }) else {
            throw .wrongShape(field: field, expected: shape)
        }
        var halves = [Fp6]()
        for (h, half) in value.enumerated() {
            let c = try half.enumerated().map { (i, pair) throws(Groth16Error) in try fp2(pair, field: "\(field)[\(h)][\(i)]") }
            halves.append(Fp6(c[0], c[1], c[2]))
        }
        return Fp12(halves[0], halves[1])
    }
}

/// The fields every snarkjs Groth16 file carries.
struct HeaderJSON: Decodable {
    let protocolName: String
    let curve: String
    enum CodingKeys: String, CodingKey {
        case protocolName = "protocol"
        case curve
    }
}

/// `verification_key.json` as parsed JSON, before any number is interpreted.
struct VerificationKeyJSON: Decodable {
    let nPublic: Int
    let alpha: [String]
    let beta: [[String]]
    let gamma: [[String]]
    let delta: [[String]]
    let alphaBeta: [[[String]]]?
    let ic: [[String]]
    enum CodingKeys: String, CodingKey {
        case nPublic
        case alpha = "vk_alpha_1", beta = "vk_beta_2", gamma = "vk_gamma_2", delta = "vk_delta_2"
        case alphaBeta = "vk_alphabeta_12"
        case ic = "IC"
    }
}

/// `proof.json` as parsed JSON.
struct ProofJSON: Decodable {
    let a: [String]
    let b: [[String]]
    let c: [String]
    enum CodingKeys: String, CodingKey {
        case a = "pi_a", b = "pi_b", c = "pi_c"
    }
}

// MARK: - Encoding internals

extension SnarkJS {
    static func fp2JSON(_ e: Fp2) -> JSONValue { .array([.string(e.c0.decimalString), .string(e.c1.decimalString)]) }

    static func g1JSON(_ p: G1Affine) -> JSONValue {
        if p.isInfinity { return .array([.string("0"), .string("1"), .string("0")]) }
        return .array([.string(p.x.decimalString), .string(p.y.decimalString), .string("1")])
    }

    static func g2JSON(_ p: G2Affine) -> JSONValue {
        if p.isInfinity { return .array([fp2JSON(.zero), fp2JSON(.one), fp2JSON(.zero)]) }
        return .array([fp2JSON(p.x), fp2JSON(p.y), fp2JSON(.one)])
    }
}

/// The JSON subset snarkjs files use, with object keys kept in order, rendered like
/// JavaScript's `JSON.stringify(value, null, 1)`.
enum JSONValue {
    case string(String)
    case integer(Int)
    case array([JSONValue])
    case object([(String, JSONValue)])

    func rendered() -> Data {
        var out = ""
        render(into: &out, indent: 0)
        return Data(out.utf8)
    }

    private func render(into out: inout String, indent: Int) {
        switch self {
        case let .string(s): JSONValue.quote(s, into: &out)
        case let .integer(n): out += String(n)
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 1)
                item.render(into: &out, indent: indent + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case let .object(fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (key, value)) in fields.enumerated() {
                out += String(repeating: " ", count: indent + 1)
                JSONValue.quote(key, into: &out)
                out += ": "
                value.render(into: &out, indent: indent + 1)
                out += i + 1 < fields.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    private static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
