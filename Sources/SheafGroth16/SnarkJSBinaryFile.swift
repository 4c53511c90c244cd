import Foundation
import SheafCurve
import SheafField

/// The binary container that snarkjs and circom share for `.zkey`, `.wtns`,
/// `.ptau` and `.r1cs` files (iden3's "binfile").
///
/// Layout: a four-byte magic ("zkey", "wtns", …), a version (u32), a section
/// count (u32), then that many sections, each a type (u32), a size (u64) and
/// `size` bytes. Integers are little-endian. Field elements take `n8` bytes,
/// little-endian; snarkjs writes curve coordinates in Montgomery form
/// (x·2²⁵⁶ mod q, "LEM") and all-zero bytes for the point at infinity.
///
/// The file is untrusted: every size is checked against the bytes that are
/// actually there before anything is read or allocated, so a hostile header
/// cannot make the reader allocate more than the file's own length.
public struct SnarkJSBinaryFile: Sendable {
    /// Most sections a file may declare (snarkjs writes at most a dozen).
    public static let maxSections = 64

    /// The whole file.
    public let bytes: [UInt8]
    /// The container version from the header.
    public let version: Int
    /// Where each section's data lies in `bytes`, by section type.
    public let sections: [Int: Range<Int>]

    /// Parses the container and indexes its sections.
    ///
    /// - Parameters:
    ///   - magic: the four ASCII letters the file must start with.
    ///   - versions: the container versions this reader understands.
    /// - Throws: ``SnarkJSFileError/notThisFormat(expected:)``,
    ///   ``SnarkJSFileError/unsupportedVersion(format:version:)``,
    ///   ``SnarkJSFileError/truncated(_:)``,
    ///   ``SnarkJSFileError/tooManySections(_:limit:)`` or
    ///   ``SnarkJSFileError/duplicateSection(format:type:)``.
    public init(bytes: [UInt8], magic: String, versions: ClosedRange<Int>) throws(SnarkJSFileError) {
        self.bytes = bytes
        var reader = SnarkJSBinaryReader(bytes: bytes, range: 0..<bytes.count, context: "." + magic + " file")
        guard bytes.count >= 4, Array(bytes[0..<4]) == Array(magic.utf8) else {
            throw .notThisFormat(expected: magic)
        }
        reader.offset = 4
        version = try reader.u32("version")
        guard versions.contains(version) else { throw .unsupportedVersion(format: magic, version: version) }
        let count = try reader.u32("section count")
        guard count <= Self.maxSections else { throw .tooManySections(count, limit: Self.maxSections) }
        var sections: [Int: Range<Int>] = [:]
        for index in 0..<count {
            let type = try reader.u32("type of section \(index)")
            let size = try reader.u64("size of section \(index)")
            let start = reader.offset
            _ = try reader.take(size, "section \(type) (\(size) bytes declared)")
            guard sections[type] == nil else { throw .duplicateSection(format: magic, type: type) }
            sections[type] = start..<(start + size)
        }
        guard reader.offset == bytes.count else { throw .trailingBytes(what: "." + magic + " file", count: bytes.count - reader.offset) }
        self.sections = sections
    }

    /// Largest binary file read from disk: 8 GiB, above the `.zkey` of a
    /// 2²⁴-constraint circuit (about 5 GiB), below what a hostile path such as a
    /// device could make the process read forever.
    public static let maxFileBytes = 8 << 30

    /// Reads a regular file of at most ``maxFileBytes`` bytes (never more than
    /// one byte past the limit).
    ///
    /// - Throws: ``SnarkJSFileError/unreadableFile(path:reason:)``, also for a
    ///   device, pipe or directory, and for a file larger than the limit.
    public static func read(atPath path: String) throws(SnarkJSFileError) -> [UInt8] {
        // A device or pipe could feed the process gigabytes before the limit
        // trips: only regular files are read, and their size is checked first.
        do {
            return try BoundedFile.read(atPath: path, limit: maxFileBytes)
        } catch {
            throw .unreadableFile(path: path, reason: error.reason)
        }
    }

    /// A reader over section `type`.
    ///
    /// - Throws: ``SnarkJSFileError/missingSection(type:name:)``.
    public func section(_ type: Int, _ name: String) throws(SnarkJSFileError) -> SnarkJSBinaryReader {
        guard let range = sections[type] else { throw .missingSection(type: type, name: name) }
        return SnarkJSBinaryReader(bytes: bytes, range: range, context: name)
    }
}

/// A cursor over one section of a ``SnarkJSBinaryFile``: reads integers, field
/// elements and curve points, checking bounds, ranges and curve membership.
public struct SnarkJSBinaryReader: Sendable {
    let bytes: [UInt8]
    /// The section's bytes.
    public let range: Range<Int>
    /// The section's name, used in error messages.
    public let context: String
    /// The next byte to read (an index into the whole file).
    public var offset: Int

    init(bytes: [UInt8], range: Range<Int>, context: String) {
        self.bytes = bytes
        self.range = range
        self.context = context
        offset = range.lowerBound
    }

    /// Bytes left in the section.
    public var remaining: Int { range.upperBound - offset }

    /// The next `count` bytes.
    ///
    /// - Throws: ``SnarkJSFileError/truncated(_:)`` when the section holds fewer.
    public mutating func take(_ count: Int, _ what: @autoclosure () -> String) throws(SnarkJSFileError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else { throw .truncated("\(context): \(what())") }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    /// A little-endian u32.
    public mutating func u32(_ what: String) throws(SnarkJSFileError) -> Int {
        try take(4, what).reversed().reduce(0) { $0 << 8 | Int($1) }
    }

    /// A little-endian u64 that fits an `Int`.
    public mutating func u64(_ what: String) throws(SnarkJSFileError) -> Int {
        let value = try take(8, what).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard value <= UInt64(Int.max) else { throw .truncated("\(context): \(what) (\(value) bytes declared)") }
        return Int(value)
    }

    /// 32 little-endian bytes as limbs (not range-checked).
    mutating func limbs(_ what: @autoclosure () -> String) throws(SnarkJSFileError) -> Limbs4 {
        Limbs.fromBigEndian(try take(32, what()).reversed())
    }

    /// A field size `n8` followed by an `n8`-byte prime, which must be `modulus`.
    ///
    /// - Throws: ``SnarkJSFileError/unsupportedField(_:)`` for another size or prime.
    public mutating func expectPrime(_ modulus: Limbs4, name: String) throws(SnarkJSFileError) {
        let n8 = try u32("\(name) size")
        guard n8 == 32 else {
            throw .unsupportedField("\(context): \(name) elements take \(n8) bytes; BN254 needs 32")
        }
        guard Limbs.equal(try limbs("\(name) prime"), modulus) else {
            throw .unsupportedField("\(context): the \(name) prime is not BN254's (is the file for another curve?)")
        }
    }

    /// A base-field element in little-endian Montgomery form.
    ///
    /// - Throws: ``SnarkJSFileError/coordinateNotInField(_:)`` when the stored value is ≥ p.
    public mutating func montgomeryFp(_ what: @autoclosure () -> String) throws(SnarkJSFileError) -> Fp {
        let raw = try limbs(what())
        guard !Limbs.greaterOrEqual(raw, Fp.modulus) else { throw .coordinateNotInField("\(context): \(what())") }
        return Fp(montgomeryLimbs: raw)
    }

    /// A scalar in plain little-endian form (how witnesses are stored).
    ///
    /// - Throws: ``SnarkJSFileError/scalarNotInField(_:)`` when it is ≥ r.
    public mutating func canonicalFr(_ what: @autoclosure () -> String) throws(SnarkJSFileError) -> Fr {
        let raw = try limbs(what())
        guard !Limbs.greaterOrEqual(raw, Fr.modulus) else { throw .scalarNotInField("\(context): \(what())") }
        return Fr(canonicalLimbs: raw)
    }

    /// A G1 point: x and y in Montgomery form, all zero for infinity; checked to
    /// be on the curve (G1 has cofactor 1, so that is subgroup membership too).
    public mutating func g1(_ what: @autoclosure () -> String) throws(SnarkJSFileError) -> G1Affine {
        if try isZero(64) { return .infinity }
        let x = try montgomeryFp("\(what()).x"), y = try montgomeryFp("\(what()).y")
        let point = G1Affine(x: x, y: y)
        guard point.isOnCurve else { throw .invalidPoint("\(context): \(what())", .notOnCurve(BN254G1Parameters.name)) }
        return point
    }

    /// A G2 point: (x.c0, x.c1, y.c0, y.c1) in Montgomery form, all zero for
    /// infinity; checked to be on the twist and, when `checkSubgroup` is set, in
    /// the order-r subgroup.
    public mutating func g2(_ what: @autoclosure () -> String, checkSubgroup: Bool) throws(SnarkJSFileError) -> G2Affine {
        if try isZero(128) { return .infinity }
        let x0 = try montgomeryFp("\(what()).x.c0"), x1 = try montgomeryFp("\(what()).x.c1")
        let y0 = try montgomeryFp("\(what()).y.c0"), y1 = try montgomeryFp("\(what()).y.c1")
        let point = G2Affine(x: Fp2(x0, x1), y: Fp2(y0, y1))
        guard point.isOnCurve else { throw .invalidPoint("\(context): \(what())", .notOnCurve(BN254G2Parameters.name)) }
        if checkSubgroup, !point.isInSubgroup {
            throw .invalidPoint("\(context): \(what())", .notInSubgroup(BN254G2Parameters.name))
        }
        return point
    }

    /// Whether the next `count` bytes are all zero (without consuming them when not).
    mutating func isZero(_ count: Int) throws(SnarkJSFileError) -> Bool {
        guard count <= remaining else { throw .truncated("\(context): point at byte \(offset - range.lowerBound)") }
        guard bytes[offset..<(offset + count)].allSatisfy({ $0 == 0 }) else { return false }
        offset += count
        return true
    }

    /// Checks that the section holds exactly `expected` bytes.
    ///
    /// - Throws: ``SnarkJSFileError/wrongSectionSize(_:expected:actual:)``.
    public func expectSize(_ expected: Int) throws(SnarkJSFileError) {
        guard range.count == expected else { throw .wrongSectionSize(context, expected: expected, actual: range.count) }
    }
}

/// Where a decoder finds a binfile's sections: all in memory
/// (``SnarkJSBinaryFile``) or read from disk one at a time (``SectionedFile``).
protocol BinarySections {
    /// A reader over section `type`.
    func section(_ type: Int, _ name: String) throws(SnarkJSFileError) -> SnarkJSBinaryReader
    /// Whether the file has section `type`.
    func contains(_ type: Int) -> Bool
    /// A reader over at most the first `prefix` bytes of section `type` (a
    /// `.ptau` file of 2²⁸ powers holds far more than one circuit needs).
    func section(_ type: Int, _ name: String, prefix: Int) throws(SnarkJSFileError) -> SnarkJSBinaryReader
}

extension SnarkJSBinaryFile: BinarySections {
    func contains(_ type: Int) -> Bool { sections[type] != nil }

    func section(_ type: Int, _ name: String, prefix: Int) throws(SnarkJSFileError) -> SnarkJSBinaryReader {
        let whole = try section(type, name)
        return SnarkJSBinaryReader(bytes: whole.bytes, range: whole.range.lowerBound..<min(whole.range.upperBound, whole.range.lowerBound + prefix),
                                   context: name)
    }
}

/// A binfile on disk, indexed by reading only its section headers; each
/// section's bytes are read (with `pread`, in bounded calls) when asked for, into
/// a buffer of that section alone. The same checks as ``SnarkJSBinaryFile``:
/// magic, version, section count, sizes within the file, no duplicates, no
/// trailing bytes.
struct SectionedFile: BinarySections, Sendable {
    let path: String
    let sections: [Int: Range<Int>]

    init(path: String, magic: String, versions: ClosedRange<Int>, limit: Int) throws(SnarkJSFileError) {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .unreadableFile(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw .unreadableFile(path: path, reason: "not a regular file")
        }
        let size = Int(info.st_size)
        guard size <= limit else { throw .unreadableFile(path: path, reason: "\(size) bytes, larger than the limit of \(limit)") }
        func bytes(at offset: Int, count: Int, _ what: String) throws(SnarkJSFileError) -> [UInt8] {
            guard offset + count <= size else { throw .truncated(what) }
            return try Self.pread(fd, path: path, offset: offset, count: count)
        }
        guard size >= 4, try bytes(at: 0, count: 4, "magic") == Array(magic.utf8) else { throw .notThisFormat(expected: magic) }
        func u32(_ b: [UInt8], _ at: Int) -> Int { (0..<4).reduce(0) { $0 | Int(b[at + $1]) << (8 * $1) } }
        let head = try bytes(at: 4, count: 8, "version and section count")
        let version = u32(head, 0)
        guard versions.contains(version) else { throw .unsupportedVersion(format: magic, version: version) }
        let count = u32(head, 4)
        guard count <= SnarkJSBinaryFile.maxSections else { throw .tooManySections(count, limit: SnarkJSBinaryFile.maxSections) }
        var sections: [Int: Range<Int>] = [:]
        var offset = 12
        for index in 0..<count {
            let header = try bytes(at: offset, count: 12, "header of section \(index)")
            let type = u32(header, 0)
            let length = u32(header, 4) | u32(header, 8) << 32
            let start = offset + 12
            guard length >= 0, length <= size - start else { throw .truncated("section \(type) (\(length) bytes declared)") }
            guard sections[type] == nil else { throw .duplicateSection(format: magic, type: type) }
            sections[type] = start..<(start + length)
            offset = start + length
        }
        guard offset == size else { throw .trailingBytes(what: "." + magic + " file", count: size - offset) }
        self.sections = sections
    }

    func contains(_ type: Int) -> Bool { sections[type] != nil }

    func section(_ type: Int, _ name: String) throws(SnarkJSFileError) -> SnarkJSBinaryReader {
        try section(type, name, prefix: Int.max)
    }

    func section(_ type: Int, _ name: String, prefix: Int) throws(SnarkJSFileError) -> SnarkJSBinaryReader {
        guard let range = sections[type] else { throw .missingSection(type: type, name: name) }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .unreadableFile(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let bytes = try Self.pread(fd, path: path, offset: range.lowerBound, count: min(range.count, prefix))
        return SnarkJSBinaryReader(bytes: bytes, range: 0..<bytes.count, context: name)
    }

    /// `count` bytes at `offset`, in calls of at most 256 MiB (Linux moves at
    /// most about 2 GiB per call).
    static func pread(_ fd: Int32, path: String, offset: Int, count: Int) throws(SnarkJSFileError) -> [UInt8] {
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
            var done = 0
            while done < count {
                let n = Foundation.pread(fd, buffer.baseAddress! + done, min(1 << 28, count - done), off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno)); break
                }
                if n == 0 { failure = "the file ended early"; break }
                done += n
            }
            filled = done
        }
        if let failure { throw .unreadableFile(path: path, reason: failure) }
        return bytes
    }
}
