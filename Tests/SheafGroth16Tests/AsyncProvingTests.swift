import Foundation
import Testing
import SheafField
import SheafGroth16

@Suite("Asynchronous proving: progress and cancellation")
struct AsyncProvingTests {
    static func instance() throws -> (ConstraintSystem, [Fr], ProvingKey) {
        let system = try SnarkJS.decodeConstraintSystem(SnarkJSZkeyTests.r1csBytes())
        let witness = try SnarkJS.decodeWitness(SnarkJSZkeyTests.witnessBytes())
        return (system, witness, try Groth16.insecureSetup(constraintSystem: system, seed: 5))
    }

    @Test("Progress runs through every step in order, and the proof is the synchronous prover's")
    func progressAndEquality() async throws {
        let (system, witness, key) = try Self.instance()
        var reports = [ProvingProgress]()
        var rng = SeededGenerator(seed: 15)
        let proof = try await Groth16.prove(key: key, constraintSystem: system, witness: witness, using: &rng) { reports.append($0) }
        #expect(reports.map(\.step) == ["start", "quotient", "A", "B in G1", "B in G2", "L", "H"])
        #expect(reports.map(\.completed) == Array(0...6))
        #expect(reports.allSatisfy { $0.total == 6 })
        var same = SeededGenerator(seed: 15)
        #expect(proof == (try Groth16.prove(key: key, constraintSystem: system, witness: witness, using: &same)))
        #expect(try Groth16.verify(proof: proof, publicInputs: [witness[1]], key: key.verifyingKey))
    }

    @Test("Cancelling the task stops the prover between steps with CancellationError")
    func cancellation() async throws {
        let (system, witness, key) = try Self.instance()
        let task = Task { () async throws -> [String] in
            var seen = [String]()
            _ = try await Groth16.prove(key: key, constraintSystem: system, witness: witness) { report in
                seen.append(report.step)
                if report.step == "B in G1" { withUnsafeCurrentTask { $0?.cancel() } }
            }
            return seen
        }
        do {
            _ = try await task.value
            Issue.record("a cancelled proof was finished")
        } catch {
            #expect(error is CancellationError)
        }
        // Cancelled before it starts: nothing is reported.
        let early = Task { () async throws -> Int in
            withUnsafeCurrentTask { $0?.cancel() }
            var count = 0
            _ = try await Groth16.prove(key: key, constraintSystem: system, witness: witness) { _ in count += 1 }
            return count
        }
        await #expect(throws: CancellationError.self) { _ = try await early.value }
    }
}
