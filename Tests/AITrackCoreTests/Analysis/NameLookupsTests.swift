import GRDB
import Testing
@testable import AITrackCore

/// Numbers for texts by their bytes, names by id: each looked up once, the same answer every
/// time, whatever the id.
@Suite struct NameLookupsTests {
    func number(_ names: NameLookups, _ text: String) -> Int32 {
        Array(text.utf8).withUnsafeBufferPointer { names.textNumber($0) }
    }

    @Test func textsAreNumberedByTheirBytes() {
        let names = NameLookups()
        // more texts than the few compared byte for byte, then the same again
        let texts = ["caf\u{E9}", "cafe\u{301}", "GPU", "gpu", ""] + (0..<20).map { "segment \($0)" }
        let first = texts.map { number(names, $0) }
        #expect(Set(first).count == texts.count)
        #expect(texts.map { number(names, $0) } == first)
        #expect(texts.reversed().map { number(names, $0) } == first.reversed())
        for (t, n) in zip(texts, first) { #expect(names.tables.texts[Int(n)] == t) }
        // the lowercased numbers join what lowercased Swift Strings join (case, and canonically
        // equivalent spellings), as ConcentrationCalculator's name keys did
        #expect(names.tables.textKeys[Int(first[2])] == names.tables.textKeys[Int(first[3])])
        #expect(names.tables.textKeys[Int(first[0])] == names.tables.textKeys[Int(first[1])])
        #expect(names.tables.textKeys[Int(first[2])] != names.tables.textKeys[Int(first[0])])
    }

    @Test func companiesOfAnyIDAreFound() throws {
        let db = try AppDatabase.inMemory()
        try db.dbWriter.write { db in
            try db.execute(sql: "INSERT INTO companies (id, name) VALUES (-3, 'Negative'), (7, 'Seven'), (5000000, 'Far'), (8, 'SEVEN cloud')")
            try db.execute(sql: "INSERT INTO sources (id, name) VALUES (2, 'S2'), (9, 'S9')")
        }
        let names = NameLookups()
        for _ in 0..<2 {
            let (companies, sources) = try db.reader.read { db in
                (try [-3, 7, 5000000, 6, Int64.max].map { try names.company($0, db)?.name },
                 try [Int64(9), 2, 3].map { id in let place = try names.sourcePlace(id, db); return names.tables.sources[Int(place)] })
            }
            #expect(companies == ["Negative", "Seven", "Far", nil, nil])
            #expect(sources == ["S9", "S2", ""])
        }
        #expect(names.tables.companies.count == 3)
        let keys = try db.reader.read { db in try [7, 8].map { try names.company($0, db)?.key } }
        #expect(keys[0] != keys[1] && keys[0] != nil)
    }
}
