import Foundation
import GRDB
import Testing
@testable import AITrackCore

/// Values bound with SQLite's C functions are stored as given: texts bound in place from the
/// statement's arena (empty, with a NUL, larger than a block, many spanning blocks) across runs
/// that reuse it.
@Suite struct RawInsertTests {
    @Test func storesEveryTextAsGivenAcrossRuns() throws {
        let queue = try DatabaseQueue()
        let big = String(repeating: "é", count: TextArena.blockSize)   // twice a block in UTF-8
        let texts = ["", "plain", "Münchén", "a\u{0}b", "e\u{301}", big, String(repeating: "x", count: TextArena.blockSize - 3), "tail"]
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (run INTEGER, k INTEGER, s TEXT, n INTEGER, d REAL)")
            let rows = 40   // a run of 40 × 8 texts fills more than one block
            let insert = try RawInsert(db, sql: "INSERT INTO t VALUES " + Array(repeating: "(?, ?, ?, ?, ?)", count: rows * texts.count).joined(separator: ", "))
            for run in 0..<3 {
                let changed = try insert.run { b in
                    for r in 0..<rows {
                        for (k, text) in texts.enumerated() {
                            b.integer(Int64(run)); b.integer(Int64(r * texts.count + k)); b.text(run == 1 ? String(text.reversed()) : text)
                            b.integer(k % 2 == 0 ? nil : Int64(k)); b.real(k % 3 == 0 ? nil : Double(k) / 4)
                        }
                    }
                }
                #expect(changed == rows * texts.count)
            }
            for run in 0..<3 {
                let stored = try Row.fetchAll(db, sql: "SELECT k, CAST(s AS BLOB) AS s, typeof(s) AS type, n, d FROM t WHERE run = ? ORDER BY k", arguments: [run])
                #expect(stored.count == rows * texts.count)
                for row in stored {
                    let k = (row["k"] as Int) % texts.count
                    let expected = run == 1 ? String(texts[k].reversed()) : texts[k]
                    #expect(row["type"] as String == "text")
                    #expect([UInt8]((row["s"] as Data?) ?? Data()) == Array(expected.utf8), "run \(run), text \(k)")
                    #expect(row["n"] as Int64? == (k % 2 == 0 ? nil : Int64(k)))
                    #expect(row["d"] as Double? == (k % 3 == 0 ? nil : Double(k) / 4))
                }
            }
        }
    }

    /// Texts bound joined, and `EntryWriter.joined`'s String (the identity both make), are the
    /// standard library's `joined(separator: "|")`: empty parts, non-ASCII, a part larger than a
    /// block; many in a row across blocks.
    @Test func bindsJoinedTextsAsTheStandardLibraryJoinsThem() throws {
        let queue = try DatabaseQueue()
        let big = String(repeating: "ü", count: TextArena.blockSize / 2 + 7)
        let cases: [(String, String, String, String)] = [("", "", "", ""), ("a", "", "b", "c"), ("Münchén", "e\u{301}", "|", "x|y"),
                                                        (big, "m", "", "tail"), ("a\u{0}b", " ", "ü", String(big.prefix(3)))]
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (s TEXT)")
            let rows = 30
            let insert = try RawInsert(db, sql: "INSERT INTO t VALUES " + Array(repeating: "(?)", count: rows * cases.count).joined(separator: ", "))
            _ = try insert.run { b in
                for _ in 0..<rows {
                    for (p, q, r, t) in cases { b.text(joining: [p, q, r, t], separator: EntryWriter.identitySeparator) }
                }
            }
            let stored = try Data.fetchAll(db, sql: "SELECT CAST(s AS BLOB) FROM t ORDER BY rowid").map { [UInt8]($0) }
            let joined = cases.map { [$0.0, $0.1, $0.2, $0.3].joined(separator: "|") }
            let expected = (0..<rows).flatMap { _ in joined.map { Array($0.utf8) } }
            #expect(stored.count == expected.count)
            #expect(stored == expected)
            #expect(cases.map { EntryWriter.joined([$0.0, $0.1, $0.2, $0.3]) } == joined)
        }
    }
}
