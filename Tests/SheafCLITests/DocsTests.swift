import Foundation
import Testing

/// Docs never drift: every block in docs/ introduced by a comment
/// `<!-- output of: sheaf ARGS -->` and followed by a fenced block must be
/// exactly what `sheaf ARGS` prints today.
@Suite("Docs quote the CLI exactly")
struct DocsTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs")

    /// (file, arguments, quoted text) for every marked block.
    static func quotedBlocks() throws -> [(String, [String], String)] {
        var out = [(String, [String], String)]()
        for name in try FileManager.default.contentsOfDirectory(atPath: docs.path).sorted() where name.hasSuffix(".md") {
            let lines = try String(contentsOf: docs.appendingPathComponent(name), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var i = 0
            while i < lines.count {
                let line = lines[i].trimmingCharacters(in: .whitespaces)
                if line.hasPrefix("<!-- output of: sheaf "), line.hasSuffix("-->") {
                    let command = line.dropFirst("<!-- output of: sheaf ".count).dropLast(3).trimmingCharacters(in: .whitespaces)
                    var j = i + 1
                    while j < lines.count && !lines[j].hasPrefix("```") { j += 1 }
                    var k = j + 1
                    while k < lines.count && !lines[k].hasPrefix("```") { k += 1 }
                    out.append((name, command.split(separator: " ").map(String.init), lines[(j + 1)..<k].joined(separator: "\n")))
                    i = k
                }
                i += 1
            }
        }
        return out
    }

    @Test func everyQuotedOutputIsCurrent() throws {
        let blocks = try Self.quotedBlocks()
        #expect(blocks.count >= 2, "docs/gas-model.md quotes `sheaf gas --contracts` and `sheaf gas --apps 64`")
        for (file, arguments, quoted) in blocks {
            let result = try CLI.run(arguments)
            #expect(result.status == 0, "\(file): sheaf \(arguments.joined(separator: " ")) failed: \(result.stderr)")
            let printed = result.stdout.trimmingCharacters(in: .newlines)
            #expect(printed == quoted, "\(file): the quoted output of `sheaf \(arguments.joined(separator: " "))` is stale; paste the current output")
        }
    }
}
