#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// `URL` overloads beside the journal's `String` paths. A URL that is not a `file:`
// URL is refused with `JournalError.io`.

/// The path of a `file:` URL, or a `JournalError.io` naming `operation`.
func journalPath(_ url: URL, operation: String) throws(JournalError) -> String {
    guard url.isFileURL else {
        throw .io(operation: operation, path: url.absoluteString, errno: 0, message: "not a file URL")
    }
    return url.path
}

extension FinalityJournal {
    /// ``read(path:key:)`` for a `file:` URL.
    public static func read(url: URL, key: JournalKey? = nil) throws -> Contents {
        try read(path: try journalPath(url, operation: "read"), key: key)
    }

    /// ``replay(path:zkVerifier:key:)`` for a `file:` URL.
    public static func replay(url: URL, zkVerifier: any ZKProofVerifier,
                              key: JournalKey? = nil) throws -> (machine: FinalityMachine, contents: Contents) {
        try replay(path: try journalPath(url, operation: "read"), zkVerifier: zkVerifier, key: key)
    }
}

extension FinalityJournalWriter {
    /// ``create(path:config:key:)`` for a `file:` URL.
    public static func create(url: URL, config: FinalityConfig, key: JournalKey? = nil) throws -> FinalityJournalWriter {
        try create(path: try journalPath(url, operation: "create"), config: config, key: key)
    }

    /// ``open(path:key:)`` for a `file:` URL.
    public static func open(url: URL, key: JournalKey? = nil) throws -> (writer: FinalityJournalWriter, contents: FinalityJournal.Contents) {
        try open(path: try journalPath(url, operation: "open"), key: key)
    }
}
