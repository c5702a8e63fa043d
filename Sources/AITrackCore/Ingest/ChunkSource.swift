import Foundation

/// Reads bytes in chunks from a file, standard input, or memory.
final class ChunkSource {
    private let handle: FileHandle?
    private var pending: [UInt8] = []
    private var data: Data?
    private var finished = false
    static let chunkSize = 1 << 20

    init(_ input: IngestInput) throws {
        if let d = input.data {
            handle = nil
            data = d
        } else if input.name == "-" {
            handle = FileHandle.standardInput
        } else {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input.name, isDirectory: &isDir) else {
                throw InputFileProblem.missing(name: input.name)
            }
            guard !isDir.boolValue, let h = FileHandle(forReadingAtPath: input.name) else {
                throw InputFileProblem.notAFile(name: input.name)
            }
            handle = h
        }
    }

    private func nextChunk() -> [UInt8]? {
        if !pending.isEmpty {
            defer { pending = [] }
            return pending
        }
        if finished { return nil }
        if let d = data {
            finished = true
            data = nil
            return d.isEmpty ? nil : [UInt8](d)
        }
        let d = handle!.readData(ofLength: Self.chunkSize)
        if d.isEmpty { finished = true; return nil }
        return [UInt8](d)
    }

    /// Peeks at the first byte that is not white space or a BOM (nil: the input is empty).
    func firstNonSpaceByte() throws -> UInt8? {
        var buffered: [UInt8] = []
        defer { pending = buffered }
        while let c = nextChunk() {
            let start = buffered.count
            buffered += c
            for k in start..<buffered.count {
                let b = buffered[k]
                if k < 3 && (b == 0xEF || b == 0xBB || b == 0xBF) { continue }
                if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { continue }
                return b
            }
        }
        return nil
    }

    func all() throws -> [UInt8] {
        var out: [UInt8] = []
        while let c = nextChunk() { out += c }
        return out
    }

    func forEachChunk(_ body: ([UInt8]) throws -> Bool) throws {
        while let c = nextChunk() {
            if try !body(c) { return }
        }
    }

    /// Lines without their LF, CRLF or CR.
    func forEachLine(_ body: ([UInt8]) throws -> Bool) throws {
        var carry: [UInt8] = []
        var afterCR = false
        while let c = nextChunk() {
            var start = 0
            var k = 0
            if afterCR && !c.isEmpty && c[0] == 0x0A { start = 1; k = 1 }
            afterCR = false
            while k < c.count {
                let b = c[k]
                if b == 0x0A || b == 0x0D {
                    let line: [UInt8]
                    if carry.isEmpty { line = Array(c[start..<k]) } else { line = carry + c[start..<k]; carry = [] }
                    if try !body(line) { return }
                    if b == 0x0D {
                        if k + 1 < c.count { if c[k + 1] == 0x0A { k += 1 } } else { afterCR = true }
                    }
                    start = k + 1
                }
                k += 1
            }
            carry += c[start...]
        }
        if !carry.isEmpty { _ = try body(carry) }
    }
}
