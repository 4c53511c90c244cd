import Dispatch

/// The FFT's split of independent work: `count` items cut into a few contiguous
/// chunks run by `DispatchQueue.concurrentPerform`, or one chunk when `parallel` is
/// false. More chunks than the two cores let a core that another process slows down
/// hand work to the other; the chunking never changes results, only who computes
/// which item.
@inlinable
func fftForEachChunk(_ count: Int, parallel: Bool, _ body: (Range<Int>) -> Void) {
    let chunks = 8
    guard parallel, count >= 2 * chunks else {
        if count > 0 { body(0..<count) }
        return
    }
    let chunk = (count + chunks - 1) / chunks
    DispatchQueue.concurrentPerform(iterations: chunks) { i in
        let start = i * chunk
        let end = min(count, start + chunk)
        if start < end { body(start..<end) }
    }
}
