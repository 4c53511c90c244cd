import Foundation
import Testing
import SheafCurve
import SheafEthereum
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
