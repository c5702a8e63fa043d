import Foundation
import GRDB
import Testing
@testable import AITrackCore

@Suite struct IngestFormatTests {
    let company = #"{"type":"company","name":"Acme","kind":"lab","country":"DE"}"#

    @Test func ndjsonJSONArrayAndCSVGiveTheSameEntries() throws {
        let a = try AppDatabase.inMemory(), b = try AppDatabase.inMemory(), c = try AppDatabase.inMemory()
        let deal = #"{"type":"deal","date":"2025-Q3","kind":"partnership","parties":["Acme:partner","Beta, Inc.:partner"],"value":"1.5 bn","currency":"EUR","source":"S","note":"a \"quoted\", multi\nline note"}"#
        _ = try a.ingest([input("x.ndjson", company + "\n" + deal + "\n")], options: IngestOptions())
        _ = try b.ingest([input("x.json", "[\n  " + company + ",\n  " + deal + "\n]\n")], options: IngestOptions())
        let csv = """
            type,name,kind,country
            company,Acme,lab,DE

            """
        let dealCSV = "type,date,kind,parties,value,currency,source,note\r\ndeal,2025-Q3,partnership,\"Acme:partner;Beta, Inc.:partner\",1.5 bn,EUR,S,\"a \"\"quoted\"\", multi\nline note\"\r\n"
        _ = try c.ingest([input("c.csv", csv), input("d.csv", dealCSV)], options: IngestOptions())
        var ea = "", eb = "", ec = ""
        try a.exportNDJSON { ea += $0 }
        try b.exportNDJSON { eb += $0 }
        try c.exportNDJSON { ec += $0 }
        #expect(ea == eb)
        #expect(ea == ec)
        #expect(ea.contains(#""note":"a \"quoted\", multi\nline note""#))
        #expect(ea.contains(#"{"company":"Beta, Inc.","role":"partner"}"#))
    }

    @Test func byteOrderMarkAndCRLF() throws {
        let db = try AppDatabase.inMemory()
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array((company + "\r\n" + #"{"type":"company","name":"Beta"}"# + "\r\n").utf8)
        #expect(try db.ingest([input("bom.ndjson", bytes)], options: IngestOptions()).added == 2)
        let csv: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("name,kind\r\nGamma,lab\r\n".utf8)
        var o = IngestOptions()
        o.type = .company
        #expect(try db.ingest([input("bom.csv", csv)], options: o).added == 1)
        #expect(try count(db, "SELECT count(*) FROM companies WHERE name IN ('Acme', 'Beta', 'Gamma')") == 3)
    }

    @Test func typeComesFromAColumnOrTheOption() throws {
        let db = try AppDatabase.inMemory()
        let csv = "name,kind\nDelta,university\n"
        #expect(throws: IngestFailure.self) { try db.ingest([input("t.csv", csv)], options: IngestOptions()) }
        var o = IngestOptions()
        o.type = .company
        #expect(try db.ingest([input("t.csv", csv)], options: o).added == 1)
    }

    @Test func dryRunCountsButWritesNothing() throws {
        let db = try AppDatabase.inMemory()
        var o = IngestOptions()
        o.dryRun = true
        let s = try db.ingest([input("x.ndjson", company + "\n" + #"{"type":"deal","date":"2025","kind":"other","parties":["Nu:customer"],"source":"S"}"# + "\n")], options: o)
        #expect(s.added == 2 && s.companiesCreated == ["Nu"])
        #expect(try count(db, "SELECT count(*) FROM companies") == 0)
        #expect(try count(db, "SELECT count(*) FROM ingests") == 0)
    }

    @Test func severalFilesAreOneTransaction() throws {
        let db = try AppDatabase.inMemory()
        let good = input("good.ndjson", company + "\n")
        let bad = input("bad.ndjson", #"{"type":"company","name":"X","kind":"startup"}"# + "\n")
        #expect(throws: IngestFailure.self) { try db.ingest([good, bad], options: IngestOptions()) }
        #expect(try count(db, "SELECT count(*) FROM companies") == 0)
    }

    /// More bad entries than the reading thread may hand over at once: the writer stops at the
    /// limit and the reader, waiting on a full pipe, is released (no hang).
    @Test func theLimitStopsTheReaderOfALargeFile() throws {
        let db = try AppDatabase.inMemory()
        let lines = String(repeating: #"{"type":"company","name":"X","kind":"startup"}"# + "\n", count: 20_000)
        do {
            _ = try db.ingest([input("many.ndjson", lines)], options: IngestOptions())
            Issue.record("accepted")
        } catch let e as IngestFailure {
            #expect(e.firstLine.hasPrefix("many.ndjson:1: kind:"))
            #expect(e.errors.count == 50 && e.limitReached)
        }
        #expect(try count(db, "SELECT count(*) FROM companies") == 0)
    }

    @Test func aMissingLaterFileLeavesNothingOfTheEarlierOnes() throws {
        let db = try AppDatabase.inMemory()
        let good = input("good.ndjson", String(repeating: company + "\n", count: 3))
        #expect(throws: InputFileProblem.missing(name: "/nonexistent/entries.ndjson")) { try db.ingest([good, IngestInput(path: "/nonexistent/entries.ndjson")], options: IngestOptions()) }
        #expect(try count(db, "SELECT count(*) FROM companies") == 0)
    }

    @Test func errorsStopAtTheLimit() throws {
        let db = try AppDatabase.inMemory()
        let lines = String(repeating: #"{"type":"company","name":"X","kind":"startup"}"# + "\n", count: 80)
        do {
            _ = try db.ingest([input("many.ndjson", lines)], options: IngestOptions())
            Issue.record("80 bad entries were accepted")
        } catch let e as IngestFailure {
            #expect(e.errors.count == 50 && e.limitReached)
        }
    }
}
