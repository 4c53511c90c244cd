import ArgumentParser
import Foundation
import Sheaf

/// `sheaf verify`: checks one snarkjs Groth16 proof, like `snarkjs groth16 verify`.
///
/// Exit status 0 means valid, 1 invalid (well-formed files, equation fails), 2
/// unusable input; a reason naming the file goes to standard error. Argument
/// errors (a missing option) print one line and exit 2, like every other failure.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a snarkjs Groth16 proof on BN254 (or a Sheaf commit-and-prove one).",
        discussion: "A key whose protocol is groth16-bsb22 (Sheaf's commit-and-prove JSON, docs/formats.md) takes a commit-and-prove proof. Exit status: 0 valid, 1 invalid, 2 unusable input (the reason is printed on standard error).")

    @Option(name: .long, help: "The verifying key, snarkjs's verification_key.json.")
    var vk: String

    @Option(name: .long, help: "The proof, snarkjs's proof.json.")
    var proof: String

    @Option(name: .customLong("public"), help: "The public inputs, snarkjs's public.json.")
    var publicInputs: String

    @Flag(name: .long, help: "Print one JSON object instead of a line of text.")
    var json = false

    func run() throws {
        // A commit-and-prove key (Sheaf's "groth16-bsb22" JSON) takes the
        // commit-and-prove proof and verifier; everything else is snarkjs's.
        let committed = isCommitAndProveFile(vk)
        let check: ([Fr]) throws(Groth16Error) -> Bool, keyHashBytes: [UInt8]
        if committed {
            let key = try load(vk, what: "verification key", SnarkJS.decodeCommittedVerifyingKey)
            let proofValue = try load(proof, what: "proof", SnarkJS.decodeCommittedProof)
            keyHashBytes = key.hash
            check = { inputs throws(Groth16Error) in try Groth16.verify(proof: proofValue, publicInputs: inputs, key: key) }
        } else {
            let key = try load(vk, what: "verification key", SnarkJS.decodeVerifyingKey)
            let proofValue = try load(proof, what: "proof", SnarkJS.decodeProof)
            keyHashBytes = key.hash
            check = { inputs throws(Groth16Error) in try Groth16.verify(proof: proofValue, publicInputs: inputs, key: key) }
        }
        let inputs = try load(publicInputs, what: "public inputs", SnarkJS.decodePublicInputs)

        let valid: Bool
        do throws(Groth16Error) {
            valid = try check(inputs)
        } catch {
            throw unusable(file: publicInputs, error,
                           hint: "use the public.json produced together with this proof, for this verification key")
        }
        let keyHash = Hex.encode(keyHashBytes)
        if json {
            emitJSON(["status": valid ? "valid" : "invalid", "publicInputs": inputs.count, "verifyingKeyHash": keyHash])
        } else if valid {
            let count = inputs.count == 1 ? "1 public input" : "\(inputs.count) public inputs"
            print("valid: \(proof) verifies against \(vk) (\(count))")
        } else {
            print("invalid: \(proof) does not verify against \(vk) for the inputs in \(publicInputs)")
        }
        if !valid { throw ExitCode(1) }
    }

    /// Reads and decodes one file, turning any failure into exit status 2.
    private func load<T>(_ path: String, what: String, _ decode: (Data) throws(Groth16Error) -> T) throws -> T {
        do throws(Groth16Error) {
            return try decode(SnarkJS.readFile(atPath: path))
        } catch {
            throw unusable(file: path, error, hint: Self.hint(for: error, what: what, path: path))
        }
    }

    /// Reports an unusable input on standard error (and as JSON with `--json`).
    private func unusable(file: String, _ error: Groth16Error, hint: String) -> ExitCode {
        let reason: String
        if case .unreadableFile = error { reason = "\(error)" } else { reason = "\(file): \(error)" }
        StandardError.writeLine("sheaf verify: \(reason); \(hint)")
        if json { emitJSON(["status": "error", "file": file, "error": "\(error)"]) }
        return ExitCode(2)
    }

    /// What the user can do about each kind of decoding failure.
    private static func hint(for error: Groth16Error, what: String, path: String) -> String {
        switch error {
        case .unreadableFile:
            return "check the path to the \(what) file"
        case .binarySnarkJSFile:
            return snarkJSHint(for: error, path: path)
        case .unsupportedProtocol("groth16-bsb22"):
            return "the \(what) is commit-and-prove (groth16-bsb22) but the key is plain snarkjs Groth16; give the matching commit-and-prove key"
        case .wrongProtocol:
            return "the key is commit-and-prove (groth16-bsb22); give the commit-and-prove proof made with it"
        case .unsupportedProtocol, .unsupportedCurve:
            return "sheaf verifies Groth16 proofs on BN254 (snarkjs curve bn128) only"
        case .publicCountMismatch, .committedPublicCountMismatch, .alphaBetaMismatch:
            return "the key is inconsistent; export it again with `snarkjs zkey export verificationkey`"
        case .publicInputNotInField:
            return "public inputs must be decimal numbers below the BN254 group order r"
        case .inputTooLarge:
            return "the file exceeds sheaf's size limits for a snarkjs \(what) file"
        case .coordinateNotInField, .invalidPoint:
            return "the \(what) is corrupt or not for BN254; produce it again with snarkjs"
        default:
            return "expected snarkjs's \(what) JSON; produce it again with snarkjs"
        }
    }

    private func emitJSON(_ object: [String: Any]) {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        print(String(decoding: data, as: UTF8.self))
    }
}
