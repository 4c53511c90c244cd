import Foundation
import Testing
@testable import SheafGas

@Suite("User-defined schedules (JSON)")
struct ScheduleJSONTests {
    func decode(_ text: String) throws(ScheduleError) -> ForkSchedule {
        try ForkSchedule.decode(json: Data(text.utf8), source: "test.json")
    }

    @Test("A complete schedule round-trips")
    func roundTrip() throws {
        for schedule in ForkSchedule.builtIn {
            #expect(try decode(schedule.jsonString()) == schedule)
        }
    }

    @Test("Overrides on a base fork")
    func overrides() throws {
        let custom = try decode("""
            {"base": "osaka", "name": "osaka-100M", "blockGasLimit": 100000000,
             "bn254": {"pairingPerPair": 17000}, "blobs": {"target": 20, "max": 30, "maxPerTransaction": 6}}
            """)
        #expect(custom.name == "osaka-100M")
        #expect(custom.blockGasLimit == 100_000_000)
        #expect(custom.bn254.pairingPerPair == 17_000)
        #expect(custom.bn254.pairingBase == 45_000)          // untouched
        #expect(custom.blobs.target == 20 && custom.blobs.max == 30)
        #expect(custom.maximumTransactionGas == 16_777_216)   // still capped by EIP-7825
        let uncapped = try decode(#"{"base": "fusaka", "name": "no-cap", "transaction": {"gasCap": null}}"#)
        #expect(uncapped.transaction.gasCap == nil)
        #expect(uncapped.maximumTransactionGas == 60_000_000)
        // A Cancun base can gain EIP-2537 prices by naming them all.
        let blsText = String(decoding: try JSONEncoder().encode(ForkSchedule.prague.bls12381), as: UTF8.self)
        let cancunBLS = try decode(#"{"base": "cancun", "name": "cancun-bls", "bls12381": "# + blsText + "}")
        #expect(cancunBLS.bls12381 == ForkSchedule.prague.bls12381)
    }

    @Test("Typed errors name the file and the key")
    func errors() {
        #expect(throws: ScheduleError.unknownKey(source: "test.json", path: "transaction.gasCapp")) {
            try decode(#"{"base": "osaka", "transaction": {"gasCapp": 1}}"#)
        }
        #expect(throws: ScheduleError.unknownFork(name: "london", known: ["cancun", "prague", "osaka", "bpo1", "bpo2"])) {
            try decode(#"{"base": "london"}"#)
        }
        #expect(throws: ScheduleError.invalidValue(source: "test.json", field: "blobs.target",
                                                   reason: "must not exceed blobs.max (12 > 9)")) {
            try decode(#"{"base": "prague", "blobs": {"target": 12}}"#)
        }
        #expect(throws: ScheduleError.invalidValue(source: "test.json", field: "bn254.ecMul",
                                                   reason: "must not be negative (got -1)")) {
            try decode(#"{"base": "prague", "bn254": {"ecMul": -1}}"#)
        }
        #expect(throws: ScheduleError.invalidValue(source: "test.json", field: "name", reason: "must not be empty")) {
            try decode(#"{"base": "prague", "name": ""}"#)
        }
        do {
            _ = try decode("[1, 2")
            Issue.record("malformed JSON was accepted")
        } catch {
            guard case .malformed(source: "test.json", _) = error else { Issue.record("wrong error \(error)"); return }
        }
        do {
            _ = try decode(#"{"name": "partial"}"#)
            Issue.record("an incomplete schedule without a base was accepted")
        } catch {
            guard case let .malformed(_, reason) = error, reason.contains("missing key") else {
                Issue.record("wrong error \(error)"); return
            }
        }
        do {
            _ = try decode(#"{"base": "osaka", "blockGasLimit": "lots"}"#)
            Issue.record("a string gas limit was accepted")
        } catch {
            guard case let .malformed(_, reason) = error, reason.contains("blockGasLimit") else {
                Issue.record("wrong error \(error)"); return
            }
        }
    }

    @Test("Unreadable files are reported with their path")
    func unreadable() {
        do {
            _ = try ForkSchedule.load(path: "/nonexistent/dir/schedule.json")
            Issue.record("a missing file was accepted")
        } catch {
            guard case .unreadable(path: "/nonexistent/dir/schedule.json", _) = error else {
                Issue.record("wrong error \(error)"); return
            }
            #expect(error.description.hasPrefix("cannot read schedule file /nonexistent/dir/schedule.json"))
        }
    }
}
