import Foundation
import Testing
import SheafAggregation
import SheafCurve
import SheafEthereum
import SheafField
import SheafGroth16
import SheafHash

/// Claims of `count` applications under `keys` trapdoor keys with `inputs` inputs each.
func sampleClaims(count: Int, keys: Int, inputs: Int, seed: UInt64 = 7) -> [SettlementClaim] {
    var rng = SeededGenerator(seed: seed)
    let trapdoors = (0..<keys).map { InsecureTrapdoorKey(publicInputs: inputs, seed: seed &+ UInt64($0)) }
    return (0..<count).map { i in
        let t = trapdoors[i % keys]
        let x = (0..<inputs).map { _ in Fr.random(using: &rng) }
        return SettlementClaim(applicationID: "app-\(i)", key: t.key, publicInputs: x, proof: t.prove(x, using: &rng))
    }
}

@Suite("SheafEthereum: ABI encoding of the settlement calls")
struct SettlementCalldataTests {
    @Test func selectorsAreKeccakOfTheSignature() {
        // The ERC-20 transfer selector, a value every Ethereum tool knows.
        #expect(ABIWord.selector("transfer(address,uint256)") == [0xa9, 0x05, 0x9c, 0xbb])
        #expect(ABIWord.selector(SettlementCalldata.settleSignature)
                == Array(Keccak256.hash(Array("settle(bytes32[],(bytes32,uint256,uint256[8])[],uint256[])".utf8)).prefix(4)))
    }

    /// settleAndNotify: the selector of its N-sized signature, the proof's 12
    /// words, then the N application ids, N statement hashes and N receiver
    /// words (the zero address for none), all static.
    @Test func settleAndNotifyLaysOutTheStatements() {
        let t = InsecureTrapdoorKey(publicInputs: 1, seed: 4)
        var rng = SeededGenerator(seed: 5)
        let proof = Groth16CommittedProof(proof: t.prove([Fr(9)], using: &rng),
                                          commitment: G1Affine.generator * Fr(3), knowledgeProof: G1Affine.generator * Fr(5))
        let statements = (0..<3).map { i in (applicationId: [UInt8](repeating: UInt8(i + 1), count: 32),
                                             statementHash: [UInt8](repeating: UInt8(i + 0x41), count: 32)) }
        let receiver = [UInt8](repeating: 0xa1, count: 20)
        let call = OuterSettlementCalldata.settleAndNotify(proof: proof, statements: statements, receivers: [receiver, nil, receiver])
        #expect(OuterSettlementCalldata.settleAndNotifySignature(statements: 3)
                == "settleAndNotify(uint256[2],uint256[2][2],uint256[2],uint256[2],uint256[2],bytes32[3],bytes32[3],address[3])")
        #expect(call.count == 4 + 384 + 96 * 3)
        #expect(Array(call[0..<4]) == ABIWord.selector(OuterSettlementCalldata.settleAndNotifySignature(statements: 3)))
        #expect(Array(call[4..<388]) == proof.evmBytes)
        #expect(Array(call[388..<484]) == statements.flatMap(\.applicationId))
        #expect(Array(call[484..<580]) == statements.flatMap(\.statementHash))
        let zero12 = [UInt8](repeating: 0, count: 12)
        #expect(Array(call[580..<676]) == zero12 + receiver + zero12 + [UInt8](repeating: 0, count: 20) + zero12 + receiver)
    }

    @Test func wordsAndPadding() {
        #expect(ABIWord.word(0) == [UInt8](repeating: 0, count: 32))
        #expect(ABIWord.word(0x0102) == [UInt8](repeating: 0, count: 30) + [1, 2])
        #expect(ABIWord.padded([1, 2, 3]).count == 32)
        #expect(ABIWord.padded([UInt8](repeating: 9, count: 32)).count == 32)
        #expect(ABIWord.bytes([]) == ABIWord.word(0))
    }

    @Test func registerKeyCarriesTheCanonicalBytes() {
        let key = InsecureTrapdoorKey(publicInputs: 3, seed: 1).key
        let call = SettlementCalldata.registerKey(key)
        #expect(Array(call.prefix(4)) == ABIWord.selector("registerKey(bytes)"))
        #expect(Array(call[4..<36]) == ABIWord.word(32))
        #expect(Array(call[36..<68]) == ABIWord.word(key.canonicalBytes.count))
        #expect(Array(call[68..<(68 + key.canonicalBytes.count)]) == key.canonicalBytes)
        #expect((call.count - 4) % 32 == 0)
    }

    /// Decodes the settle call by hand, following the ABI's offsets, and checks
    /// every field against the claims.
    @Test(arguments: [(1, 1, 0), (5, 3, 1), (8, 8, 5)])
    func settleLayoutDecodesBack(count: Int, keys: Int, inputs: Int) {
        let claims = sampleClaims(count: count, keys: keys, inputs: inputs)
        let call = SettlementCalldata.settle(claims)
        let body = Array(call.dropFirst(4))
        func word(_ at: Int) -> Int { Int(body[at + 24..<at + 32].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }) }
        let keysAt = word(0), claimsAt = word(32), inputsAt = word(64)
        #expect(word(keysAt) == keys)
        let hashes = (0..<keys).map { Array(body[keysAt + 32 + 32 * $0..<keysAt + 64 + 32 * $0]) }
        #expect(hashes == SettlementCalldata.distinctKeys(claims).map(\.hash))
        #expect(word(claimsAt) == count)
        for (i, claim) in claims.enumerated() {
            let at = claimsAt + 32 + 320 * i
            #expect(Array(body[at..<at + 32]) == claim.applicationIDHash)
            #expect(hashes[word(at + 32)] == claim.key.hash)
            #expect(Array(body[at + 64..<at + 320]) == claim.proof.evmBytes)
        }
        #expect(word(inputsAt) == count * inputs)
        #expect(body.count == inputsAt + 32 + 32 * count * inputs)
        #expect(Array(body[(inputsAt + 32)...]) == claims.flatMap { $0.publicInputs.flatMap(\.bigEndianBytes) })
    }

    /// The root the contract records for a bundle's claims is the bundle's own
    /// manifest root: leaves are the same two words on both sides.
    @Test func claimsHashToTheBundlesManifestRoot() throws {
        let claims = sampleClaims(count: 7, keys: 3, inputs: 2)
        var aggregator = Aggregator()
        for c in claims { try aggregator.add(proof: c.proof, publicInputs: c.publicInputs, key: c.key, applicationID: c.applicationID) }
        let bundle = try aggregator.seal()
        #expect(try bundle.verify())
        let byID = Dictionary(uniqueKeysWithValues: claims.map { ($0.applicationID, $0) })
        let ordered = bundle.manifest.map { byID[$0.applicationID]! }
        #expect(SettlementCalldata.manifestRoot(ordered) == bundle.manifestRoot)
        for (statement, claim) in zip(bundle.manifest, ordered) {
            #expect(statement.leafBytes == claim.leafBytes)
            #expect(statement.statementHash == Keccak256.hash(claim.key.hash + claim.publicInputs.flatMap(\.bigEndianBytes)))
        }
    }

    @Test func isSettledListsOnlyRealSiblings() {
        // Five leaves: leaf 4 is promoted twice, so its path has one real sibling.
        let tree = KeccakMerkleTree(leaves: (0..<5).map { [UInt8($0)] })
        let path = tree.proof(forLeaf: 4)
        #expect(path.siblings.compactMap { $0 }.count == 1)
        let call = SettlementCalldata.isSettled(root: tree.root, applicationIDHash: [UInt8](repeating: 1, count: 32),
                                                statementHash: [UInt8](repeating: 2, count: 32), path: path)
        #expect(call.count == 4 + 5 * 32 + 32 + 32)
        #expect(Array(call[4..<36]) == tree.root)
        #expect(Array(call[(4 + 96)..<(4 + 128)]) == ABIWord.word(4))
        #expect(Array(call[(4 + 128)..<(4 + 160)]) == ABIWord.word(160))
        #expect(Array(call.suffix(32)) == path.siblings.compactMap { $0 }[0])
    }
}
