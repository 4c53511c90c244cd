import Foundation
import Testing
import SheafCurve
@testable import SheafEthereum
import SheafField
import SheafGroth16

@Suite("SheafEthereum: the exported Vyper verifier")
struct VyperVerifierTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The embedded template is the contracts folder's file, byte for byte (run
    /// scripts/evm/embed_verifier_template.py after editing the template).
    @Test func templateMatchesTheContractsFile() throws {
        let file = try String(contentsOf: Self.repository.appendingPathComponent("Contracts/Groth16Verifier.vy.template"), encoding: .utf8)
        #expect(VyperVerifier.template == file)
        let committed = try String(contentsOf: Self.repository.appendingPathComponent("Contracts/Groth16CommittedVerifier.vy.template"),
                                   encoding: .utf8)
        #expect(VyperVerifier.committedTemplate == committed)
        let outer = try String(contentsOf: Self.repository.appendingPathComponent("Contracts/SheafOuterSettlement.vy.template"),
                               encoding: .utf8)
        #expect(VyperVerifier.outerSettlementTemplate == outer)
        let notifier = try String(contentsOf: Self.repository.appendingPathComponent("Contracts/SheafOuterNotifier.vy.template"),
                                  encoding: .utf8)
        #expect(VyperVerifier.outerNotifierTemplate == notifier)
    }

    /// The notifier: its tree written out node by node (each node hashed from
    /// two distinct earlier ones, every node but the root used once, odd nodes carried
    /// up), the receivers' gas the calldata's, sizes outside 1…64 refused.
    @Test func outerNotifierSource() throws {
        for n in [1, 2, 3, 5, 16, 17, 64] {
            let source = try VyperVerifier.outerNotifierSource(statements: n)
            #expect(!source.contains("{{") && !source.contains("}}"))
            #expect(source.contains("N: constant(uint256) = \(n)\n"))
            #expect(source.contains("    h: bytes32[\(2 * n - 1)] = empty(bytes32[\(2 * n - 1)])\n"))
            #expect(source.contains("RECEIVER_GAS: constant(uint256) = \(OuterSettlementCalldata.notifierReceiverGas)\n"))
            let leaves = source.split(separator: "\n").filter { $0.hasPrefix("    h[") && $0.contains("b\"\\x00\"") }
            #expect(leaves.count == n)
            let (values, sections) = VyperVerifier.notifierTree(statements: n)
            let nodes = sections["NODE"]!
            #expect(nodes.count == n - 1)
            var used = [Int](repeating: 0, count: 2 * n - 1)
            for (offset, node) in nodes.enumerated() {
                let k = Int(node["K"]!)!, left = Int(node["LEFT"]!)!, right = Int(node["RIGHT"]!)!
                #expect(k == n + offset && left != right && max(left, right) < k)
                used[left] += 1; used[right] += 1
                #expect(source.contains("    h[\(k)] = sha256(concat(b\"\\x01\", h[\(left)], h[\(right)]))\n"))
            }
            let root = Int(values["ROOT"]!)!
            #expect(root == 2 * n - 2 && used[root] == 0)
            #expect(used.enumerated().allSatisfy { $0.offset == root || $0.element == 1 })
        }
        for n in [0, 65] {
            #expect(throws: VyperVerifier.OuterKeyError.unsupportedNotifierStatementCount(n)) {
                _ = try VyperVerifier.outerNotifierSource(statements: n)
            }
        }
        #expect("\(VyperVerifier.OuterKeyError.unsupportedNotifierStatementCount(65))" == "65 statements: an outer notifier takes 1 to 64")
    }

    /// The outer settlement contract: the key's points and the bundle size
    /// filled in, the root's IC point as IC1 and the challenge's as ICX; keys
    /// that are not outer keys, and sizes outside 1…256, refused by name.
    @Test func outerSettlementSource() throws {
        let trapdoor = InsecureTrapdoorKey(publicInputs: 2, seed: 6).key
        let gSigmaNeg = G2Affine.generator * -Fr(99)
        let key = CommittedVerifyingKey(base: trapdoor, g: trapdoor.gamma, gSigmaNeg: gSigmaNeg)
        let source = try VyperVerifier.outerSettlementSource(for: key, statements: 16)
        #expect(!source.contains("{{") && !source.contains("}}"))
        #expect(source.contains("N: constant(uint256) = 16\n"))
        #expect(source.contains("IC1_X: constant(uint256) = \(decimal(Array(trapdoor.ic[1].evmBytes.prefix(32))))"))
        #expect(source.contains("ICX_X: constant(uint256) = \(decimal(Array(trapdoor.ic[2].evmBytes.prefix(32))))"))
        #expect(source.contains("GSN_X1: constant(uint256) = \(decimal(Array(gSigmaNeg.evmBytes.prefix(32))))"))
        let randomBase = CommittedVerifyingKey(base: trapdoor, g: G2Affine.generator * Fr(7), gSigmaNeg: gSigmaNeg)
        #expect(throws: VyperVerifier.OuterKeyError.notAnOuterKey("its Pedersen base g is not gamma")) {
            _ = try VyperVerifier.outerSettlementSource(for: randomBase, statements: 16)
        }
        let twoInputs = InsecureTrapdoorKey(publicInputs: 3, seed: 6).key
        #expect(throws: VyperVerifier.OuterKeyError.notAnOuterKey("it takes 2 statement inputs, an outer key takes 1 (the root)")) {
            _ = try VyperVerifier.outerSettlementSource(
                for: CommittedVerifyingKey(base: twoInputs, g: twoInputs.gamma, gSigmaNeg: gSigmaNeg), statements: 16)
        }
        for n in [0, 257] {
            #expect(throws: VyperVerifier.OuterKeyError.unsupportedStatementCount(n)) {
                _ = try VyperVerifier.outerSettlementSource(for: key, statements: n)
            }
        }
    }

    /// The commit-and-prove verifier: every placeholder filled, the challenge's
    /// IC point (the key's last) declared as ICX and not as an input's, the
    /// commitment key's G2 points present, and rho hashing 384 + 32·ℓ bytes.
    @Test(arguments: [0, 1, 2, 5])
    func committedSourceIsComplete(inputs: Int) throws {
        let trapdoor = InsecureTrapdoorKey(publicInputs: inputs + 1, seed: 5).key
        let g = G2Affine.generator * Fr(7), gSigmaNeg = G2Affine.generator * -Fr(77)
        let key = CommittedVerifyingKey(base: trapdoor, g: g, gSigmaNeg: gSigmaNeg)
        let source = VyperVerifier.source(for: key)
        #expect(!source.contains("{{") && !source.contains("}}"))
        #expect(source.hasSuffix("\n"))
        let x = decimal(Array(trapdoor.ic[inputs + 1].evmBytes.prefix(32)))
        #expect(source.contains("ICX_X: constant(uint256) = \(x)"))
        #expect(!source.contains("IC\(inputs + 1)_X"))
        #expect(source.contains("G_X1: constant(uint256) = \(decimal(Array(g.evmBytes.prefix(32))))"))
        #expect(source.contains("GSN_X1: constant(uint256) = \(decimal(Array(gSigmaNeg.evmBytes.prefix(32))))"))
        if inputs == 0 {
            #expect(source.contains("def __default__()") && !source.contains("def verifyProof("))
        } else {
            #expect(source.contains("input: uint256[\(inputs)]") && !source.contains("def __default__()"))
            #expect(source.contains("slice(msg.data, 4, \(384 + 32 * inputs))"))
        }
    }

    /// Every placeholder is filled and every section marker consumed, for each ℓ
    /// including 0; each IC point appears as its constant.
    @Test(arguments: [0, 1, 2, 5, 11])
    func renderedSourceIsComplete(inputs: Int) {
        let key = InsecureTrapdoorKey(publicInputs: inputs, seed: 3).key
        let source = VyperVerifier.source(for: key)
        #expect(!source.contains("{{"))
        #expect(!source.contains("}}"))
        #expect(source.hasSuffix("\n"))
        if inputs == 0 {
            #expect(source.contains("def __default__()"))
            #expect(!source.contains("def verifyProof("))
        } else {
            #expect(source.contains("input: uint256[\(inputs)]"))
            #expect(!source.contains("def __default__()"))
        }
        for j in 1...max(inputs, 1) where j <= inputs {
            let x = key.ic[j].evmBytes.prefix(32)
            #expect(source.contains("IC\(j)_X: constant(uint256) = \(decimal(Array(x)))"))
        }
        #expect(!source.contains("IC\(inputs + 1)_X"))
    }

    @Test func decimalConversion() {
        #expect(decimal([0, 0]) == "0")
        for sample: [UInt8] in [[0], [7, 1], [UInt8](repeating: 0xab, count: 32)] { #expect(VyperVerifier.decimal(sample) == decimal(sample)) }
        #expect(decimal([1, 0]) == "256")
        #expect(decimal([UInt8](repeating: 0xff, count: 32))
                == "115792089237316195423570985008687907853269984665640564039457584007913129639935")
    }

    /// An independent decimal rendering by repeated division by ten.
    func decimal(_ bytes: [UInt8]) -> String {
        var digits = [UInt8]()
        var n = bytes
        while n.contains(where: { $0 != 0 }) {
            var remainder = 0
            for i in n.indices {
                let v = remainder * 256 + Int(n[i])
                n[i] = UInt8(v / 10); remainder = v % 10
            }
            digits.append(UInt8(remainder))
        }
        return digits.isEmpty ? "0" : String(digits.reversed().map { Character(String($0)) })
    }
}
