import Dispatch

/// Splits `0..<count` into one chunk per core and runs `body` on each chunk
/// concurrently. Used for the prover's independent per-element work.
@inlinable
func parallelChunks(_ count: Int, minimumChunk: Int = 16, _ body: (Range<Int>) -> Void) {
    let cores = 2
    if count < 2 * minimumChunk {
        body(0..<count)
        return
    }
    let chunk = (count + cores - 1) / cores
    DispatchQueue.concurrentPerform(iterations: cores) { i in
        let start = i * chunk
        let end = min(count, start + chunk)
        if start < end { body(start..<end) }
    }
}

/// `transform` applied to every index, computed across cores. `minimumChunk`
/// is the least work worth a thread; pass 1 for a few large items.
@inlinable
func parallelMap<T>(_ count: Int, minimumChunk: Int = 16, _ transform: (Int) -> T) -> [T] {
    if count == 0 { return [] }
    var results = [T?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { buffer in
        let base = buffer.baseAddress!
        parallelChunks(count, minimumChunk: minimumChunk) { range in
            for i in range { base[i] = transform(i) }
        }
    }
    return results.map { $0! }
}
