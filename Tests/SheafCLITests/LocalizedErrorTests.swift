import Foundation
import Sheaf
import Testing

@Suite("Swift errors: localizedDescription is the message")
struct LocalizedErrorTests {
    /// One error from each module, as any `Error` (how `catch` hands it over).
    static let samples: [(any Error, String)] = [
        (FieldError.malformedNumber("12a"), FieldError.malformedNumber("12a").description),
        (CurveError.notOnCurve("A"), CurveError.notOnCurve("A").description),
        (PoseidonError.unsupportedInputCount(99), PoseidonError.unsupportedInputCount(99).description),
        (HexError(what: "manifest root", reason: "odd number of hex digits"), "invalid hex for manifest root: odd number of hex digits"),
        (Groth16Error.wrongPublicInputCount(expected: 2, got: 3), Groth16Error.wrongPublicInputCount(expected: 2, got: 3).description),
        (R1CSError.witnessConstantNotOne, R1CSError.witnessConstantNotOne.description),
        (BoundedFile.Failure.directory, "it is a directory, not a file"),
        (AggregationError.emptyBundle, "a bundle needs at least one proof"),
        (SnarkPackError.noProofs, "nothing to aggregate"),
        (GasError.invalidBundle("x"), GasError.invalidBundle("x").description),
        (SettlementPlanError.invalidProofs(applications: ["a"]), SettlementPlanError.invalidProofs(applications: ["a"]).description),
        (FinalityError.invalidPrivateKey, FinalityError.invalidPrivateKey.description),
        (CircomWitnessError.notWebAssembly(reason: "bad magic"), CircomWitnessError.notWebAssembly(reason: "bad magic").description),
        (RecursionError.wrongLimbCount(expected: 4, actual: 3), "expected 4 limbs, got 3"),
    ]

    @Test("localizedDescription and errorDescription give description, for one error of each module")
    func localizedDescriptionIsTheMessage() {
        for (error, message) in Self.samples {
            #expect(!message.isEmpty)
            #expect(error.localizedDescription == message, "\(type(of: error))")
            #expect((error as? LocalizedError)?.errorDescription == message, "\(type(of: error))")
            #expect(!error.localizedDescription.contains("error 0"))
        }
    }
}
