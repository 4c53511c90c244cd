extension VyperVerifier {
    /// The largest bundle an outer notifier takes: its statement tree is written
    /// out node by node, and 64 statements (127 hashes) keep the contract near
    /// half of EIP-170's 24,576-byte code limit.
    public static let notifierMaximumStatements = 64

    /// The Vyper source of the notifier for a flat outer settlement contract of
    /// `statements` statements: `Contracts/SheafOuterNotifier.vy.template`
    /// (``outerNotifierTemplate``) with its tree written out.
    ///
    /// Its ABI is `settleAndNotify(uint256[2] a, uint256[2][2] b, uint256[2] c,
    /// uint256[2] commitment, uint256[2] knowledgeProof, bytes32[N]
    /// applicationIds, bytes32[N] statementHashes, address[N] receivers) ->
    /// bytes32`: it builds the statement tree from the statements, settles its
    /// root on the `SheafOuterSettlement` given to its constructor, and calls
    /// `onSettled(root, applicationId, statementHash)` on each nonzero receiver
    /// (``OuterSettlementCalldata/settleAndNotify(proof:statements:receivers:)``).
    /// The notifier holds no key: it serves any flat outer settlement contract
    /// of N statements.
    ///
    /// - Throws: ``OuterKeyError/unsupportedNotifierStatementCount(_:)`` unless
    ///   `statements` is in 1…``notifierMaximumStatements``.
    public static func outerNotifierSource(statements: Int) throws(OuterKeyError) -> String {
        guard (1...notifierMaximumStatements).contains(statements) else { throw .unsupportedNotifierStatementCount(statements) }
        let (values, sections) = notifierTree(statements: statements)
        return render(outerNotifierTemplate, values, sections)
    }

    /// The notifier template's values for N statements: node i < N is leaf i,
    /// and each level's pairs make the next nodes in order, an odd node carried
    /// up unhashed (the statement tree's rule, `OuterStatementTree`).
    static func notifierTree(statements n: Int) -> ([String: String], [String: [[String: String]]]) {
        var nodes = [[String: String]]()
        var level = Array(0..<n), next = n
        while level.count > 1 {
            var up = [Int]()
            for i in stride(from: 0, to: level.count, by: 2) {
                if i + 1 < level.count {
                    nodes.append(["K": "\(next)", "LEFT": "\(level[i])", "RIGHT": "\(level[i + 1])"])
                    up.append(next)
                    next += 1
                } else {
                    up.append(level[i])
                }
            }
            level = up
        }
        let values = ["N": "\(n)", "NODES": "\(2 * n - 1)", "ROOT": "\(level[0])"]
        return (values, ["LEAF": (0..<n).map { ["I": "\($0)"] }, "NODE": nodes])
    }
}
