// BN254 arithmetic benchmarks: the rows of ../shared/docs/ANCHORS.md.
import Benchmark
import SheafCurve
import SheafField

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal],
        timeUnits: .nanoseconds,
        maxDuration: .seconds(3),
        maxIterations: 1_000_000)
    var rng = SeededGenerator(seed: 2026)

    let a = Fp.random(using: &rng), b = Fp.random(using: &rng)
    Benchmark("Fp multiplication", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var x = a
        for _ in benchmark.scaledIterations { x = x * b }
        blackHole(x)
    }
    Benchmark("Fp squaring", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var x = a
        for _ in benchmark.scaledIterations { x = x.squared() }
        blackHole(x)
    }
    Benchmark("Fp addition", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var x = a
        for _ in benchmark.scaledIterations { x = x + b }
        blackHole(x)
    }
    Benchmark("Fp inversion") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(a.inverse()) }
    }
    let a2 = Fp2.random(using: &rng), b2 = Fp2.random(using: &rng)
    Benchmark("Fp2 multiplication", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var x = a2
        for _ in benchmark.scaledIterations { x = x * b2 }
        blackHole(x)
    }
    let a12 = Fp12.random(using: &rng), b12 = Fp12.random(using: &rng)
    Benchmark("Fp2 squaring", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var x = a2
        for _ in benchmark.scaledIterations { x = x.squared() }
        blackHole(x)
    }
    Benchmark("Fp12 multiplication") { benchmark in
        var x = a12
        for _ in benchmark.scaledIterations { x = x * b12 }
        blackHole(x)
    }

    let k = Fr.random(using: &rng)
    let p = G1Jacobian.generator * Fr.random(using: &rng)
    let q = G2Jacobian.generator * Fr.random(using: &rng)
    Benchmark("G1 scalar multiplication") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(p.multiplied(by: k)) }
    }
    Benchmark("G2 scalar multiplication") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(q.multiplied(by: k)) }
    }

    let pa = p.affine, qa = q.affine
    Benchmark("G2 subgroup check (endomorphism test)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(qa.isInSubgroup) }
    }
    Benchmark("G2 subgroup check ([r]Q, reference)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(qa.isAnnihilatedByGroupOrder) }
    }
    let prepared = G2Prepared(qa)
    Benchmark("Miller loop") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Pairing.millerLoop([(pa, G2Prepared(qa))])) }
    }
    Benchmark("Miller loop, prepared G2") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Pairing.millerLoop([(pa, prepared)])) }
    }
    let f = Pairing.millerLoop([(pa, prepared)])
    Benchmark("Final exponentiation") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Pairing.finalExponentiation(f)) }
    }
    Benchmark("Pairing") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Pairing.pairing(pa, qa)) }
    }
    let seven = (0..<7).map { _ in (pa, G2Prepared(qa)) }
    Benchmark("7 Miller loops together, prepared") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Pairing.millerLoop(seven)) }
    }
    let gt = Pairing.pairing(pa, qa)
    let exponent = Limbs.array(k.canonicalLimbs)
    Benchmark("G_T exponentiation (generic square-and-multiply)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(gt.power(exponent)) }
    }

    let msmSize = 1 << 16
    let msmPoints = JacobianPoint.batchAffine((0..<msmSize).map { i in
        i == 0 ? G1Jacobian.generator : G1Jacobian.generator * Fr(UInt64(i) &* 0x9E37_79B9 | 1) })
    let msmScalars = (0..<msmSize).map { _ in Fr.random(using: &rng) }
    Benchmark("G1 MSM 2^16, both cores",
              configuration: .init(metrics: [.wallClock, .cpuTotal], timeUnits: .milliseconds, maxDuration: .seconds(10), maxIterations: 10)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(MultiScalarMultiplication.compute(points: msmPoints, scalars: msmScalars))
        }
    }

    // The prover's sizes: 2^20 points (a 16-bit window, as for millions of
    // variables), with the buckets affine (the default) and Jacobian (the
    // reference), in G1 and in G2 (the B query).
    let largeSize = 1 << 20
    let largeScalars = (0..<largeSize).map { _ in Fr.random(using: &rng) }
    let largePoints = (0..<largeSize).map { msmPoints[$0 % msmSize] }
    let g2Base = JacobianPoint.batchAffine((0..<1024).map { _ in G2Jacobian.generator * Fr.random(using: &rng) })
    let g2Points = (0..<(largeSize / 4)).map { g2Base[$0 % g2Base.count] }
    let large = Benchmark.Configuration(metrics: [.wallClock, .cpuTotal], timeUnits: .milliseconds, maxDuration: .seconds(30), maxIterations: 5)
    // The seeded setup's products: one generator times millions of scalars,
    // through a shared table of 4-bit windows (the old choice) or of the width
    // chosen for a setup (16 bits), each product summed in Jacobian
    // coordinates and normalized at the end (the reference) or all summed
    // together in affine batches (the setup's path); the table's build is
    // timed on its own.
    let fixedScalars = Array(largeScalars.prefix(1 << 18)), fixedG2Scalars = Array(largeScalars.prefix(1 << 16))
    for bits in [4, FixedBase.windowBits(forCount: 1 << 24)] {
        let g1Table = FixedBaseTable(G1Jacobian.generator, windowBits: bits)
        let g2Table = FixedBaseTable(G2Jacobian.generator, windowBits: bits)
        Benchmark("Fixed-base G1, 2^18 scalars, both cores, \(bits)-bit windows, affine batches", configuration: large) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(FixedBase.multiplyAffine(g1Table, fixedScalars)) }
        }
        Benchmark("Fixed-base G1, 2^18 scalars, both cores, \(bits)-bit windows, Jacobian", configuration: large) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(G1Jacobian.batchAffine(FixedBase.multiply(g1Table, fixedScalars))) }
        }
        Benchmark("Fixed-base G2, 2^16 scalars, both cores, \(bits)-bit windows, affine batches", configuration: large) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(FixedBase.multiplyAffine(g2Table, fixedG2Scalars)) }
        }
        Benchmark("Fixed-base G2, 2^16 scalars, both cores, \(bits)-bit windows, Jacobian", configuration: large) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(G2Jacobian.batchAffine(FixedBase.multiply(g2Table, fixedG2Scalars))) }
        }
        Benchmark("Fixed-base table build, G1 and G2, \(bits)-bit windows", configuration: large) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(FixedBaseTable(G1Jacobian.generator, windowBits: bits))
                blackHole(FixedBaseTable(G2Jacobian.generator, windowBits: bits))
            }
        }
    }

    for batchAffine in [true, false] {
        let buckets = batchAffine ? "affine buckets" : "Jacobian buckets"
        Benchmark("G1 MSM 2^20, both cores, \(buckets)", configuration: large) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(MultiScalarMultiplication.compute(points: largePoints, scalars: largeScalars, batchAffine: batchAffine))
            }
        }
        Benchmark("G2 MSM 2^18, both cores, \(buckets)", configuration: large) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(MultiScalarMultiplication.compute(points: g2Points, scalars: Array(largeScalars.prefix(largeSize / 4)),
                                                            batchAffine: batchAffine))
            }
        }
    }
}
