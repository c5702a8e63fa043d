import GRDB
import GRDBSQLite

/// One prepared INSERT whose values are bound with SQLite's C functions, for the hot path of a
/// large ingest: GRDB's `StatementArguments` box every value, and an array of values in between
/// costs a copy, a retain and a release of each (BENCHMARKS.md, "Figures moved out of source
/// comments"). Used for rows that are almost always new: rows a statement leaves out (a conflict
/// on the table's identity, `ON CONFLICT … DO NOTHING`) are for the caller to find and take the
/// full path.
final class RawInsert {
    /// Binds values in parameter order, from the first.
    struct Binder {
        fileprivate let statement: OpaquePointer
        fileprivate let arena: TextArena
        fileprivate var index: Int32 = 1

        /// The text's bytes are copied into the statement's arena and bound in place: SQLite's
        /// own copy of each (SQLITE_TRANSIENT) was an allocation, a copy and a free per value, a
        /// twentieth of the writing thread.
        mutating func text(_ t: String) {
            var t = t
            t.withUTF8 { b in _ = sqlite3_bind_text(statement, index, arena.copy(b), Int32(b.count), nil) }
            index += 1
        }
        /// The texts joined by `separator`, bound as one value (written straight into the arena).
        mutating func text(joining parts: [String], separator: UInt8) {
            let count = JoinedBytes.count(parts)
            let out = arena.reserve(count)
            _ = JoinedBytes.write(parts, separator: separator, to: out)
            _ = sqlite3_bind_text(statement, index, UnsafeRawPointer(out).assumingMemoryBound(to: CChar.self), Int32(count), nil)
            index += 1
        }

        mutating func text(_ t: String?) {
            if let t { text(t) } else { null() }
        }
        mutating func integer(_ n: Int64?) {
            if let n { sqlite3_bind_int64(statement, index, n) } else { sqlite3_bind_null(statement, index) }
            index += 1
        }
        mutating func real(_ d: Double?) {
            if let d { sqlite3_bind_double(statement, index, d) } else { sqlite3_bind_null(statement, index) }
            index += 1
        }
        mutating func null() {
            sqlite3_bind_null(statement, index)
            index += 1
        }
    }

    private let statement: Statement
    private let db: Database
    private let arena = TextArena()

    init(_ db: Database, sql: String) throws {
        self.db = db
        self.statement = try db.makeStatement(sql: sql)
    }

    /// No binding outlives the arena its bytes are in.
    deinit {
        sqlite3_clear_bindings(statement.sqliteStatement)
    }

    /// Binds the values `bind` gives (every parameter, each run), runs the statement, and returns
    /// how many rows it changed. The arena's bytes are reused by the next run, which binds anew.
    func run(_ bind: (inout Binder) -> Void) throws -> Int {
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s) }
        arena.reset()
        var binder = Binder(statement: s, arena: arena)
        bind(&binder)
        let rc = sqlite3_step(s)
        guard rc == SQLITE_DONE else { throw lastError(db) }
        return Int(sqlite3_changes(db.sqliteConnection))
    }
}

/// Bytes copied one after another into blocks that stay where they are until the arena is
/// reset or freed (a text bound with SQLITE_STATIC must stay put until the statement has run).
final class TextArena {
    static let blockSize = 1 << 16
    private var blocks: [UnsafeMutableRawBufferPointer] = []
    private var block = 0
    /// The free bytes of the current block (none before the first).
    private var next: UnsafeMutableRawPointer?
    private var left = 0

    deinit {
        for b in blocks { b.deallocate() }
    }

    /// Starts again at the first block; what was copied before may be overwritten.
    func reset() {
        block = 0
        next = blocks.first?.baseAddress
        left = blocks.first?.count ?? 0
    }

    /// A copy of `bytes` that stays valid until `reset`; never nil, even for no bytes (SQLite
    /// would bind a NULL pointer as SQL NULL, not as an empty text).
    func copy(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafePointer<CChar> {
        let start = reserve(bytes.count)
        if bytes.count > 0 { start.update(from: bytes.baseAddress!, count: bytes.count) }
        return UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self)
    }

    /// `n` bytes in one piece, valid until `reset`, for the caller to fill.
    func reserve(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if next == nil || n > left { nextBlock(holding: n) }
        let start = next!
        next = start + n
        left -= n
        return start.assumingMemoryBound(to: UInt8.self)
    }

    /// Moves to the next block (made, or made larger, to hold `n` bytes).
    private func nextBlock(holding n: Int) {
        if next != nil { block += 1 }
        if block == blocks.count {
            blocks.append(.allocate(byteCount: max(Self.blockSize, n), alignment: 1))
        } else if blocks[block].count < n {
            blocks[block].deallocate()
            blocks[block] = .allocate(byteCount: max(Self.blockSize, n), alignment: 1)
        }
        next = blocks[block].baseAddress
        left = blocks[block].count
    }
}

/// Texts joined by a separator, as bytes: one way for a String (`EntryWriter.joined`) and for a
/// bound value (`RawInsert.Binder.text(joining:separator:)`), so that both give the same bytes.
enum JoinedBytes {
    /// The bytes the parts take joined.
    static func count(_ parts: [String]) -> Int {
        max(parts.reduce(parts.count - 1) { $0 + $1.utf8.count }, 0)
    }

    /// Writes the parts with `separator` between them at `out` (room for `count(parts)` bytes);
    /// returns how many bytes it wrote.
    static func write(_ parts: [String], separator: UInt8, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var at = 0
        for k in parts.indices {
            if k > 0 {
                out[at] = separator
                at += 1
            }
            var part = parts[k]
            part.withUTF8 { b in
                if let from = b.baseAddress { (out + at).update(from: from, count: b.count) }
                at += b.count
            }
        }
        return at
    }
}
