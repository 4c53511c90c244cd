import Foundation

/// Locates `../shared` beside the repository (as CI places it) from this file's path.
enum SharedVectors {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared")
    static var available: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("vectors").path) }
    static let absentMessage = "../shared/vectors is absent (it sits beside the repository in CI); external vector tests need it"

    static func precompileCases(_ file: String) throws -> [(name: String, input: [UInt8], expected: [UInt8])] {
        let url = root.appendingPathComponent("vectors/ethereum-precompiles/\(file)")
        let cases = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [[String: Any]]
        return cases.map { ($0["Name"] as! String, hexBytes($0["Input"] as! String), hexBytes($0["Expected"] as! String)) }
    }
}

func hexBytes(_ s: String) -> [UInt8] {
    let digits = Array(s.hasPrefix("0x") ? s.dropFirst(2) : Substring(s))
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0..<$0 + 2]), radix: 16)! }
}
