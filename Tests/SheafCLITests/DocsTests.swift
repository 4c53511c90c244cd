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

    /// The CLI exits 0, 1 or 2 (parse errors included; see SheafCommand.main):
    /// no doc may promise ArgumentParser's 64. The CLI tests pin the 2.
    @Test func noDocPromisesExitStatus64() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.docs.path).sorted() where name.hasSuffix(".md") {
            let text = try String(contentsOf: Self.docs.appendingPathComponent(name), encoding: .utf8)
            for claim in ["exit with 64", "exit 64", "exits 64", "exit status 64", "exit code 64", "with code 64"] {
                #expect(!text.contains(claim), "\(name) says \"\(claim)\"; the CLI exits 2 for every user and parse error")
            }
        }
    }

    /// Docs cite only paths that exist in the repository, or say that a file
    /// lives outside it (`../shared/…`): no absolute paths of one machine.
    @Test func noDocCitesAMachinePath() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.docs.path).sorted() where name.hasSuffix(".md") {
            let text = try String(contentsOf: Self.docs.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains("/work/"), "\(name) cites a path on one machine (/work/…); refer to ../shared/… beside the repository")
        }
    }

    /// What a package user needs from the README: what to put in place of the
    /// placeholder URL, how a path dependency is named, macOS set-up, and
    /// examples that use their results (a discarded `verifies(...)` warns).
    @Test func readmeServesAPackageUser() throws {
        let readme = try String(contentsOf: Self.docs.deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        if readme.contains("<owner>") {
            #expect(readme.contains("`<owner>` is a placeholder"), "the README's placeholder URL must say what to put there")
        }
        #expect(readme.contains(".package(path:") && readme.contains("folder's name"), "a path dependency's package name is the folder's name")
        #expect(readme.contains("brew install gmp secp256k1"), "macOS set-up lines")
        let lines = readme.split(separator: "\n").map { String($0).trimmingCharacters(in: CharacterSet.whitespaces) }
        for line in lines where line.hasPrefix("receipt.verifies(") || line.hasPrefix("bundle.verify(") || line.hasPrefix("Groth16.verify(") {
            Issue.record("README discards a result (an unused-result warning): \(line)")
        }
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
