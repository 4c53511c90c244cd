import Testing
import SheafAggregation

@Suite("Asynchronous insecure SRS: progress and cancellation")
struct AsyncSRSTests {
    @Test("The async SRS equals the synchronous one, with progress 0…4 of 4")
    func progressAndEquality() async throws {
        var reports = [Int]()
        let srs = try await SnarkPackSRS.insecure(maxProofs: 8, seedA: 3, seedB: 4) { done, total in
            #expect(total == 4)
            reports.append(done)
        }
        #expect(reports == [0, 1, 2, 3, 4])
        #expect(srs == SnarkPackSRS.insecure(maxProofs: 8, seedA: 3, seedB: 4))
    }

    @Test("Cancelling between multiplications throws CancellationError")
    func cancellation() async throws {
        let task = Task { () async throws -> SnarkPackSRS in
            try await SnarkPackSRS.insecure(maxProofs: 8, seedA: 3, seedB: 4) { done, _ in
                if done == 2 { withUnsafeCurrentTask { $0?.cancel() } }
            }
        }
        await #expect(throws: CancellationError.self) { _ = try await task.value }
    }
}
