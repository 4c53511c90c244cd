// PROVISIONAL: overwritten by scripts/evm/calibrate.py
extension ContractCalibration {
    public static let current = ContractCalibration(
        source: "uncalibrated", maximumClaims: 512,
        settle: .init(ecMulPerClaim: 2, ecMulPerKey: 2, ecMulPerKeyInput: 1, ecAddPerClaim: 1, ecAddPerKey: 0, ecAddPerKeyInput: 1,
                      base: 0, perClaim: 0, perKey: 0, perClaimInput: 0, perKeyInput: 0, memoryBase: 0),
        register: .init(ecAddBase: 1, ecAddPerInput: 1, pairingPairs: 3, base: 0, perInput: 0, perByte: 0),
        verifier: .init(base: 0, perInput: 0))
}
