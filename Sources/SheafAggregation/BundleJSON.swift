import Foundation
import SheafCurve
import SheafField
import SheafHash

/// The JSON form of a bundle, for people and tools that do not read the binary
/// format. Points and aggregates are hex strings of their binary encodings,
/// public inputs decimal strings.
///
/// Decoding rebuilds the binary encoding from the JSON and runs
/// ``BundleCodec/decode(_:)`` on it, so both forms share one validation path:
/// every point, scalar, count, limit and the manifest root are checked the same
/// way. An object that names a key twice is rejected (JSON parsers disagree on
/// which value wins).
public enum BundleJSON {
    /// The JSON document of a bundle (keys sorted, so the output is deterministic).
    public static func encode(_ bundle: ProofBundle) -> Data {
        (try? JSONSerialization.data(withJSONObject: object(bundle), options: [.sortedKeys, .prettyPrinted])) ?? Data()
    }

    static func object(_ b: ProofBundle) -> [String: Any] {
        var out: [String: Any] = [
            "format": "sheaf-bundle", "version": Int(BundleCodec.version),
            "keys": b.keys.map { k -> [String: Any] in
                ["alpha": hex(k.alpha.evmBytes), "beta": hex(k.beta.evmBytes), "gamma": hex(k.gamma.evmBytes),
                 "delta": hex(k.delta.evmBytes), "ic": k.ic.map { hex($0.evmBytes) }]
            },
            "entries": b.entries.map { e -> [String: Any] in
                var entry: [String: Any] = ["application": e.applicationID, "key": e.keyIndex,
                                            "publicInputs": e.publicInputs.map(\.decimalString)]
                if let p = e.proof { entry["proof"] = hex(p.a.evmBytes + p.b.evmBytes + p.c.evmBytes) }
                return entry
            },
            "aggregates": b.aggregates.map { a -> [String: Any] in
                var bytes = [UInt8](); BundleCodec.encode(a.proof, into: &bytes)
                return ["key": a.keyIndex, "snarkPack": hex(bytes)]
            },
            "children": b.children.map(object),
            "manifestRoot": hex(b.manifestRoot),
        ]
        if let srs = b.srsHash, !b.aggregates.isEmpty { out["srsHash"] = hex(srs) }
        if !b.committedEntries.isEmpty {
            out["version"] = Int(BundleCodec.committedVersion)
            out["committedKeys"] = b.committedKeys.map { k -> [String: Any] in
                ["alpha": hex(k.base.alpha.evmBytes), "beta": hex(k.base.beta.evmBytes), "gamma": hex(k.base.gamma.evmBytes),
                 "delta": hex(k.base.delta.evmBytes), "ic": k.base.ic.map { hex($0.evmBytes) },
                 "g": hex(k.g.evmBytes), "gSigmaNeg": hex(k.gSigmaNeg.evmBytes)]
            }
            out["committedEntries"] = b.committedEntries.map { e -> [String: Any] in
                ["application": e.applicationID, "key": e.keyIndex, "publicInputs": e.publicInputs.map(\.decimalString),
                 "proof": hex(e.proof.evmBytes)]
            }
        }
        if let outer = b.outerProof {
            let k = outer.key.base
            out["version"] = Int(BundleCodec.outerVersion)
            out["outerProof"] = ["key": ["alpha": hex(k.alpha.evmBytes), "beta": hex(k.beta.evmBytes), "gamma": hex(k.gamma.evmBytes),
                                         "delta": hex(k.delta.evmBytes), "ic": k.ic.map { hex($0.evmBytes) },
                                         "gSigmaNeg": hex(outer.key.gSigmaNeg.evmBytes)] as [String: Any],
                                 "proof": hex(outer.proof.evmBytes)] as [String: Any]
        }
        return out
    }

    /// Decodes and validates a JSON bundle.
    public static func decode(_ data: Data) throws(AggregationError) -> ProofBundle {
        guard data.count <= 64 << 20 else { throw AggregationError.limitExceeded(what: "JSON bundle size", limit: 64 << 20) }
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw AggregationError.invalidEncoding("not JSON: \(error.localizedDescription)")
        }
        try rejectDuplicateKeys([UInt8](data))
        return try BundleCodec.decode(binary(root, depth: 1))
    }

    /// Throws when any object in the (already parsed, so well-formed) document
    /// names a key twice. `JSONSerialization` silently keeps one of the values, so
    /// without this check two documents that differ in what they say could decode
    /// to the same bundle, and a reader could not tell which value counted.
    static func rejectDuplicateKeys(_ bytes: [UInt8]) throws(AggregationError) {
        // One frame per open container: its keys so far (nil for an array) and
        // whether the next string is a key.
        var frames: [(keys: Set<String>?, expectingKey: Bool)] = []
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "{"): frames.append((keys: [], expectingKey: true))
            case UInt8(ascii: "["): frames.append((keys: nil, expectingKey: false))
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = frames.popLast()
            case UInt8(ascii: ","): if frames.last?.keys != nil { frames[frames.count - 1].expectingKey = true }
            case UInt8(ascii: "\""):
                var end = i + 1, escaped = false
                while end < bytes.count, escaped || bytes[end] != UInt8(ascii: "\"") {
                    escaped = !escaped && bytes[end] == UInt8(ascii: "\\")
                    end += 1
                }
                if let top = frames.last, let keys = top.keys, top.expectingKey {
                    let raw = Array(bytes[i...min(end, bytes.count - 1)])
                    // Escapes (\u0061 for "a") must compare equal to their plain form.
                    let key = raw.contains(UInt8(ascii: "\\"))
                        ? (try? JSONSerialization.jsonObject(with: Data(raw), options: .fragmentsAllowed)) as? String ?? ""
                        : String(decoding: raw.dropFirst().dropLast(), as: UTF8.self)
                    guard !keys.contains(key) else {
                        throw AggregationError.invalidEncoding("duplicate key \"\(key.prefix(40))\" in a JSON object")
                    }
                    frames[frames.count - 1].keys!.insert(key)
                    frames[frames.count - 1].expectingKey = false
                }
                i = end
            default: break
            }
            i += 1
        }
    }

    static func binary(_ value: Any, depth: Int) throws(AggregationError) -> [UInt8] {
        guard depth <= BundleCodec.Limits.maxDepth else {
            throw AggregationError.limitExceeded(what: "bundle nesting depth", limit: BundleCodec.Limits.maxDepth)
        }
        guard let o = value as? [String: Any], o["format"] as? String == "sheaf-bundle" else {
            throw AggregationError.invalidEncoding("expected an object with \"format\": \"sheaf-bundle\"")
        }
        guard let version = o["version"] as? Int,
              [BundleCodec.version, BundleCodec.committedVersion, BundleCodec.outerVersion].map(Int.init).contains(version) else {
            throw AggregationError.unsupportedVersion(UInt16(truncatingIfNeeded: (o["version"] as? Int) ?? 0))
        }
        let keys = try array(o, "keys"), entries = try array(o, "entries")
        let aggregates = try array(o, "aggregates"), children = try array(o, "children")
        var out = BundleCodec.magic
        BundleCodec.put16(&out, UInt16(version))
        BundleCodec.put32(&out, keys.count)
        // Each field is checked for its exact length here, so that a mistake is
        // reported where it is rather than as a shifted binary field later.
        var inputCounts = [Int]()
        for (i, k) in keys.enumerated() {
            guard let k = k as? [String: Any], let ic = k["ic"] as? [Any], !ic.isEmpty else {
                throw AggregationError.invalidEncoding("keys[\(i)] needs alpha, beta, gamma, delta and a non-empty ic")
            }
            BundleCodec.put32(&out, ic.count - 1)
            inputCounts.append(ic.count - 1)
            for (field, size) in [("alpha", 64), ("beta", 128), ("gamma", 128), ("delta", 128)] {
                out += try bytes(k[field], "keys[\(i)].\(field)", length: size)
            }
            for (j, p) in ic.enumerated() { out += try bytes(p, "keys[\(i)].ic[\(j)]", length: 64) }
        }
        BundleCodec.put32(&out, entries.count)
        for (i, e) in entries.enumerated() {
            let e = try statementBinary(e, "entries[\(i)]", inputCounts: inputCounts, into: &out)
            if let proof = e["proof"] {
                out.append(1); out += try bytes(proof, "entries[\(i)].proof", length: 256)
            } else {
                out.append(0)
            }
        }
        BundleCodec.put32(&out, aggregates.count)
        for (i, a) in aggregates.enumerated() {
            guard let a = a as? [String: Any], let key = a["key"] as? Int else {
                throw AggregationError.invalidEncoding("aggregates[\(i)] needs key and snarkPack")
            }
            guard key >= 0, key < inputCounts.count else { throw AggregationError.keyIndexOutOfRange(key) }
            BundleCodec.put32(&out, key)
            out += try bytes(a["snarkPack"], "aggregates[\(i)].snarkPack")
        }
        if !aggregates.isEmpty { out += try bytes(o["srsHash"], "srsHash", length: 32) }
        if version == Int(BundleCodec.committedVersion) { out += try committedBinary(o) }
        if version == Int(BundleCodec.outerVersion) { out += try outerBinary(o) }
        BundleCodec.put32(&out, children.count)
        for child in children {
            let bytes = try binary(child, depth: depth + 1)
            BundleCodec.put32(&out, bytes.count)
            out += bytes
        }
        out += try bytes(o["manifestRoot"], "manifestRoot", length: 32)
        return out
    }

    /// The version-3 section: the carried outer proof's key (three IC points, g
    /// = γ not repeated) and proof.
    static func outerBinary(_ o: [String: Any]) throws(AggregationError) -> [UInt8] {
        guard let outer = o["outerProof"] as? [String: Any], let k = outer["key"] as? [String: Any],
              let ic = k["ic"] as? [Any], ic.count == 3 else {
            throw AggregationError.invalidEncoding("a version-3 bundle needs outerProof with a key (alpha, beta, gamma, delta, ic of 3 points, gSigmaNeg) and a proof")
        }
        var out = [UInt8]()
        for (field, size) in [("alpha", 64), ("beta", 128), ("gamma", 128), ("delta", 128)] {
            out += try bytes(k[field], "outerProof.key.\(field)", length: size)
        }
        for (j, p) in ic.enumerated() { out += try bytes(p, "outerProof.key.ic[\(j)]", length: 64) }
        out += try bytes(k["gSigmaNeg"], "outerProof.key.gSigmaNeg", length: 128)
        out += try bytes(outer["proof"], "outerProof.proof", length: 384)
        return out
    }

    /// The version-2 section: commit-and-prove keys and entries, checked field
    /// by field as the plain ones are.
    static func committedBinary(_ o: [String: Any]) throws(AggregationError) -> [UInt8] {
        let keys = try array(o, "committedKeys"), entries = try array(o, "committedEntries")
        var out = [UInt8]()
        BundleCodec.put32(&out, keys.count)
        var inputCounts = [Int]()
        for (i, k) in keys.enumerated() {
            guard let k = k as? [String: Any], let ic = k["ic"] as? [Any], ic.count >= 2 else {
                throw AggregationError.invalidEncoding("committedKeys[\(i)] needs alpha, beta, gamma, delta, g, gSigmaNeg and an ic of at least 2 points")
            }
            BundleCodec.put32(&out, ic.count - 2)
            inputCounts.append(ic.count - 2)
            for (field, size) in [("alpha", 64), ("beta", 128), ("gamma", 128), ("delta", 128)] {
                out += try bytes(k[field], "committedKeys[\(i)].\(field)", length: size)
            }
            for (j, p) in ic.enumerated() { out += try bytes(p, "committedKeys[\(i)].ic[\(j)]", length: 64) }
            out += try bytes(k["g"], "committedKeys[\(i)].g", length: 128)
            out += try bytes(k["gSigmaNeg"], "committedKeys[\(i)].gSigmaNeg", length: 128)
        }
        BundleCodec.put32(&out, entries.count)
        for (i, e) in entries.enumerated() {
            let e = try statementBinary(e, "committedEntries[\(i)]", inputCounts: inputCounts, into: &out)
            out += try bytes(e["proof"], "committedEntries[\(i)].proof", length: 384)
        }
        return out
    }

    /// An entry's id, key index and public inputs in binary (`what` names it in
    /// errors; `inputCounts` are its key list's input counts); the entry
    /// object, for the caller's proof field.
    static func statementBinary(_ value: Any, _ what: String, inputCounts: [Int],
                                into out: inout [UInt8]) throws(AggregationError) -> [String: Any] {
        guard let e = value as? [String: Any], let app = e["application"] as? String, let key = e["key"] as? Int,
              let inputs = e["publicInputs"] as? [Any] else {
            throw AggregationError.invalidEncoding("\(what) needs application, key and publicInputs")
        }
        guard key >= 0, key < inputCounts.count else { throw AggregationError.keyIndexOutOfRange(key) }
        guard inputs.count == inputCounts[key] else {
            throw AggregationError.wrongPublicInputCount(application: app, expected: inputCounts[key], got: inputs.count)
        }
        let id = Array(app.utf8)
        guard id.count <= 255 else { throw AggregationError.invalidApplicationID(app) }
        out.append(UInt8(id.count)); out += id
        BundleCodec.put32(&out, key)
        for (j, x) in inputs.enumerated() {
            guard let text = x as? String, let value = try? Fr(decimal: text) else {
                throw AggregationError.invalidScalar("\(what).publicInputs[\(j)]")
            }
            out += value.bigEndianBytes
        }
        return e
    }

    static func array(_ o: [String: Any], _ field: String) throws(AggregationError) -> [Any] {
        guard let a = o[field] as? [Any] else { throw AggregationError.invalidEncoding("\"\(field)\" must be an array") }
        return a
    }

    /// The bytes of a hex field of exactly `length` bytes.
    static func bytes(_ value: Any?, _ what: String, length: Int) throws(AggregationError) -> [UInt8] {
        let out = try bytes(value, what)
        guard out.count == length else {
            throw AggregationError.invalidEncoding("\(what) is \(out.count) bytes; expected \(length)")
        }
        return out
    }

    static func bytes(_ value: Any?, _ what: String) throws(AggregationError) -> [UInt8] {
        guard var text = value as? String else { throw AggregationError.invalidEncoding("\(what) must be a hex string") }
        if text.hasPrefix("0x") { text.removeFirst(2) }
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0, digits.count <= 32 << 20 else { throw AggregationError.invalidEncoding("\(what) is not hex") }
        var out = [UInt8]()
        out.reserveCapacity(digits.count / 2)
        func nibble(_ c: UInt8) -> UInt8? {
            switch c { case 48...57: return c - 48; case 97...102: return c - 87; case 65...70: return c - 55; default: return nil }
        }
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let hi = nibble(digits[i]), let lo = nibble(digits[i + 1]) else { throw AggregationError.invalidEncoding("\(what) is not hex") }
            out.append(hi << 4 | lo)
        }
        return out
    }

    static func hex(_ bytes: [UInt8]) -> String { Hex.encode(bytes) }
}
