@testable import SheafGroth16

/// Whether two proving keys are identical, point for point.
func sameKey(_ x: ProvingKey, _ y: ProvingKey) -> Bool {
    x.verifyingKey == y.verifyingKey && x.betaG1 == y.betaG1 && x.deltaG1 == y.deltaG1 && x.aQuery == y.aQuery
        && x.bG1Query == y.bG1Query && x.bG2Query == y.bG2Query && x.lQuery == y.lQuery && x.hQuery == y.hQuery
        && x.domainSize == y.domainSize && x.commitment?.layout == y.commitment?.layout
        && x.commitment?.basis == y.commitment?.basis && x.commitment?.basisSigma == y.commitment?.basisSigma
        && x.commitment?.g == y.commitment?.g && x.commitment?.gSigmaNeg == y.commitment?.gSigmaNeg
        && x.contributions == y.contributions
}

