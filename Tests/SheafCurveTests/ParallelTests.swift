import Testing
@testable import SheafCurve
import SheafField

/// Work split across cores must give exactly what the single-threaded version
/// gives: the Miller value of many pairs is the product of the pieces' values
/// (squaring distributes over products), and each point's lines do not depend
/// on which batch shares its inversions.
@Suite("Parallel Miller loops and line preparation")
struct ParallelTests {
    @Test func parallelMillerLoopEqualsSingleLoop() {
        var rng = SeededGenerator(seed: 61)
        // 300 pairs: several pieces of at least 64, an uneven last piece, and the
        // identity on either side (which contributes nothing).
        let q = (0..<30).map { _ in (G2Jacobian.generator * Fr.random(using: &rng)).affine }
        let prepared = G2Prepared.prepareAll(q)
        var pairs = (0..<300).map { i in
            ((G1Jacobian.generator * Fr.random(using: &rng)).affine, prepared[i % q.count])
        }
        pairs[7].0 = .infinity
        pairs[150].1 = G2Prepared(.infinity)
        #expect(Pairing.parallelMillerLoop(pairs) == Pairing.millerLoop(pairs))
        for count in [0, 1, 63, 64, 129] {
            let slice = Array(pairs.prefix(count))
            #expect(Pairing.parallelMillerLoop(slice) == Pairing.millerLoop(slice))
        }
    }

    @Test func parallelPreparationEqualsSingleBatch() {
        var rng = SeededGenerator(seed: 62)
        var points = (0..<40).map { _ in (G2Jacobian.generator * Fr.random(using: &rng)).affine }
        points = (0..<300).map { points[$0 % 40] }
        points[11] = .infinity
        let together = G2Prepared.prepareAll(points)
        let split = G2Prepared.parallelPrepareAll(points)
        #expect(split.count == points.count)
        #expect(zip(split, together).allSatisfy { $0.lines == $1.lines })
        #expect(G2Prepared.parallelPrepareAll([]).isEmpty)
    }

    @Test func chunkingCoversEveryIndexOnce() {
        for (count, minimum, pieces) in [(0, 16, 8), (1, 16, 8), (31, 16, 8), (32, 16, 8), (1000, 16, 8), (1000, 1, 3), (5, 1, 8)] {
            let ranges = Parallel.mapChunks(count, minimumChunk: minimum, pieces: pieces) { $0 }
            #expect(ranges.flatMap { Array($0) } == Array(0..<count))
            #expect(ranges.count <= Swift.max(1, pieces))
            let squares = Parallel.map(count, minimumChunk: minimum, pieces: pieces) { $0 * $0 }
            #expect(squares == (0..<count).map { $0 * $0 })
        }
    }
}
