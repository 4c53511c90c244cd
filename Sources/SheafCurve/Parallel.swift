import Dispatch
import SheafField
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How Sheaf splits independent work across cores: contiguous pieces run by
/// `DispatchQueue.concurrentPerform`. Results never depend on the split, only on
/// which core computes which item. Shared by the modules above SheafCurve
/// (`package` access), so that the batch verifier and the aggregator split work
/// the same way.
@usableFromInline package enum Parallel {
    /// The number of online cores (at least 1).
    @usableFromInline package static let cores: Int = {
        let online = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return Swift.max(1, Int(online))
    }()

    /// Splits `0..<count` into at most `pieces` contiguous ranges of at least
    /// `minimumChunk` items and runs `body` on them concurrently; with fewer than
    /// two such ranges it runs `body(0..<count)` on the calling thread. More
    /// pieces than cores let a core that another process slows down hand work to
    /// the other, at the price of whatever per-piece set-up the caller pays.
    @inlinable
    package static func forEachChunk(
        _ count: Int, minimumChunk: Int = 16, pieces: Int = 4 * Parallel.cores, _ body: (Range<Int>) -> Void
    ) {
        let usable = Swift.min(pieces, count / Swift.max(1, minimumChunk))
        if usable < 2 {
            if count > 0 { body(0..<count) }
            return
        }
        let chunk = (count + usable - 1) / usable
        DispatchQueue.concurrentPerform(iterations: usable) { i in
            let start = i * chunk
            let end = Swift.min(count, start + chunk)
            if start < end { body(start..<end) }
        }
    }

    /// `transform` applied to every index of `0..<count`, computed across cores.
    /// `minimumChunk` is the least work worth a thread; pass 1 for a few large items.
    @inlinable
    package static func map<T>(_ count: Int, minimumChunk: Int = 16, pieces: Int = 4 * Parallel.cores,
                               _ transform: (Int) -> T) -> [T] {
        if count == 0 { return [] }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = buffer.baseAddress!
            forEachChunk(count, minimumChunk: minimumChunk, pieces: pieces) { range in
                for i in range { (base + i).initialize(to: transform(i)) }
            }
            initialized = count
        }
    }

    /// The results of `body` on contiguous pieces of `0..<count` (in order),
    /// computed across cores: for work whose pieces are combined afterwards, such
    /// as partial Miller loops that are multiplied together.
    @inlinable
    package static func mapChunks<T>(_ count: Int, minimumChunk: Int, pieces: Int,
                                     _ body: (Range<Int>) -> T) -> [T] {
        let usable = Swift.max(1, Swift.min(pieces, count / Swift.max(1, minimumChunk)))
        let chunk = (count + usable - 1) / usable
        let ranges = (0..<usable).map { i in (i * chunk)..<Swift.min(count, (i + 1) * chunk) }.filter { !$0.isEmpty }
        return map(ranges.count, minimumChunk: 1, pieces: ranges.count) { body(ranges[$0]) }
    }
}

extension Pairing {
    /// ``millerLoop(_:)`` split across cores: the pairs are cut into a few
    /// contiguous pieces (at least 64 pairs each, about two per core), each
    /// piece gets its own Miller loop, and the partial values are multiplied.
    /// The result is the same element of Fp12 as the single loop's (the product
    /// of the pairs' Miller values does not depend on how they are grouped); each
    /// extra piece costs one more chain of 64 squarings. For batch verification
    /// and aggregation, where hundreds of pairs share one final exponentiation.
    public static func parallelMillerLoop(_ pairs: [(G1Affine, G2Prepared)]) -> Fp12 {
        let parts = Parallel.mapChunks(pairs.count, minimumChunk: 64, pieces: 2 * Parallel.cores) {
            millerLoop(Array(pairs[$0]))
        }
        return parts.reduce(Fp12.one, *)
    }
}

extension G2Prepared {
    /// ``prepareAll(_:)`` split across cores: each piece (at least 128 points,
    /// about two per core) shares its own inversions. The lines are exactly those
    /// of ``prepareAll(_:)``.
    public static func parallelPrepareAll(_ points: [G2Affine]) -> [G2Prepared] {
        Parallel.mapChunks(points.count, minimumChunk: 128, pieces: 2 * Parallel.cores) {
            prepareAll(Array(points[$0]))
        }.flatMap { $0 }
    }
}
