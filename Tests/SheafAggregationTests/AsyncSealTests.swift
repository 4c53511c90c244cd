import Testing
@testable import SheafAggregation
import SheafCurve
import SheafField
import SheafGroth16

@Suite("Aggregator.seal with progress and cancellation")
struct AsyncSealTests {
    /// Three keys with four proofs each: three SnarkPack aggregates at threshold 4.
    static func aggregator() throws -> Aggregator {
        var rng = SeededGenerator(seed: 61)
        var aggregator = Aggregator()
        for k in 0..<3 {
            let key = InsecureTrapdoorKey(publicInputs: 1, seed: 62 + UInt64(k))
            for i in 0..<4 {
                let x = [Fr.random(using: &rng)]
                try aggregator.add(proof: key.prove(x, using: &rng), publicInputs: x, key: key.key, applicationID: "k\(k)-\(i)")
            }
        }
        return aggregator
    }

    static let srs = SnarkPackSRS.insecure(maxProofs: 4, seedA: 65, seedB: 66)

    @Test("Progress after each aggregate; the bundle is the synchronous one")
    func progressIsReported() async throws {
        let aggregator = try Self.aggregator()
        var reports: [SealProgress] = []
        let bundle = try await aggregator.seal(snarkPack: Self.srs, policy: .threshold(4)) { reports.append($0) }
        #expect(reports.map(\.aggregated) == [0, 1, 2, 3])
        #expect(reports.allSatisfy { $0.total == 3 })
        #expect(reports.last?.fractionCompleted == 1)
        #expect(bundle == (try aggregator.seal(snarkPack: Self.srs, policy: .threshold(4))))
        #expect(try bundle.verify(srs: Self.srs.verifierKey))
    }

    @Test("The synchronous seal reports the same progress (the CLI's progress bar uses it)")
    func synchronousProgress() throws {
        let aggregator = try Self.aggregator()
        var reports: [SealProgress] = []
        let bundle = try aggregator.seal(snarkPack: Self.srs, policy: .threshold(4), progress: { reports.append($0) })
        #expect(reports.map(\.aggregated) == [0, 1, 2, 3])
        #expect(bundle == (try aggregator.seal(snarkPack: Self.srs, policy: .threshold(4))))
        var none: [SealProgress] = []
        _ = try aggregator.seal(snarkPack: Self.srs, policy: .off, progress: { none.append($0) })
        #expect(none.allSatisfy { $0.total == 0 && $0.aggregated == 0 }, "no group packed: nothing to count")
    }

    @Test("Cancelling the task stops sealing between aggregates with CancellationError")
    func cancellationStopsSealing() async throws {
        let aggregator = try Self.aggregator()
        let task = Task { () -> (Result<ProofBundle, any Error>, [Int]) in
            var seen: [Int] = []
            do {
                let bundle = try await aggregator.seal(snarkPack: Self.srs, policy: .threshold(4)) { report in
                    seen.append(report.aggregated)
                    // Cancel the sealing task itself once the first aggregate is made.
                    if report.aggregated == 1 { withUnsafeCurrentTask { $0?.cancel() } }
                }
                return (.success(bundle), seen)
            } catch {
                return (.failure(error), seen)
            }
        }
        let (result, seen) = await task.value
        #expect(seen == [0, 1], "no aggregate is made after the cancellation")
        guard case let .failure(error) = result else {
            Issue.record("a cancelled seal returned a bundle")
            return
        }
        #expect(error is CancellationError)

        // A task cancelled before it starts makes no aggregate at all.
        let early = Task { () -> Int in
            var calls = 0
            withUnsafeCurrentTask { $0?.cancel() }
            _ = try? await aggregator.seal(snarkPack: Self.srs, policy: .threshold(4)) { _ in calls += 1 }
            return calls
        }
        #expect(await early.value == 0)
    }
}
