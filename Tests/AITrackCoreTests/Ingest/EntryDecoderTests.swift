import Foundation
import GRDB
import Testing
@testable import AITrackCore

@Suite struct EntryDecoderTests {
    /// (entry, field named in the error, a phrase of what is valid)
    static let cases: [(String, String, String)] = [
        (#"{"type":"deal","date":"2025-08-21","kind":"merger","parties":["Meta:customer"],"source":"R"}"#, "kind", "cloud_contract, investment"),
        (#"{"type":"deal","date":"2025-08-21","kind":"other","parties":["Meta:buyer"],"source":"R"}"#, "parties", "customer, provider"),
        (#"{"type":"deal","date":"2025-02-30","kind":"other","parties":["Meta:customer"],"source":"R"}"#, "date", "01 to 28"),
        (#"{"type":"deal","date":"2025-08-21","kind":"other","parties":["Meta:customer"],"value":-5,"currency":"USD","source":"R"}"#, "value", "0 or more"),
        (#"{"type":"deal","date":"2025-08-21","kind":"other","parties":["Meta:customer"],"value":5,"source":"R"}"#, "currency", "ISO 4217"),
        (#"{"type":"deal","date":"2025-08-21","kind":"other","source":"R"}"#, "parties", "at least one party"),
        (#"{"type":"deal","kind":"other","parties":["Meta:customer"],"source":"R"}"#, "date", "YYYY"),
        (#"{"type":"deal","date":"2025","kind":"other","parties":["Meta:customer"]}"#, "source", "name of the source"),
        (#"{"type":"statistic","metric":"cloud_market_share","date":"2025","company":"AWS","value":101,"unit":"percent","source":"S"}"#, "value", "0 to 100"),
        (#"{"type":"statistic","metric":"m","date":"2025","value":-1,"unit":"USD","source":"S"}"#, "value", "percent_change"),
        (#"{"type":"statistic","metric":"m","date":"2025","value":1,"source":"S"}"#, "unit", "the metric's unit"),
        (#"{"type":"statistic","metric":"Market Size","date":"2025","value":1,"unit":"USD","source":"S"}"#, "metric", "snake_case"),
        (#"{"type":"statistic","metric":"m","date":"2025","value":5,"low":6,"unit":"USD","source":"S"}"#, "low", "low ≤ value ≤ high"),
        (#"{"type":"statistic","metric":"m","measure":"cr11","date":"2025","value":5,"source":"S"}"#, "measure", "cr10"),
        (#"{"type":"statistic","metric":"m","measure":"hhi","date":"2025","value":12000,"source":"S"}"#, "value", "10000"),
        (#"{"type":"company","name":"X","kind":"startup"}"#, "kind", "aggregate"),
        (#"{"type":"company","name":"X","country":"USA"}"#, "country", "two-letter"),
        (#"{"type":"company"}"#, "name", "non-empty"),
        (#"{"type":"membership","alliance":"AI Alliance","company":"X","role":"observer","source":"S"}"#, "role", "founding, member"),
        (#"{"type":"fx","currency":"EUR","date":"2025","usd":0}"#, "usd", "above 0"),
        (#"{"type":"deal","date":"2025","kind":"other","parties":["A:customer"],"source":"R","colour":"red"}"#, "colour", "valid fields"),
        (#"{"type":"widget"}"#, "type", "company, source, deal"),
        (#"{"type":"statistic","metric":"m","date":"2025","value":"lots","unit":"USD","source":"S"}"#, "value", "10 bn"),
        (#"{"type":"deal","date":"2025","kind":"other","parties":["A:customer"],"verification":"maybe","source":"R"}"#, "verification", "contradicted"),
    ]

    @Test(arguments: cases)
    func oneClearErrorAndNothingWritten(json: String, field: String, valid: String) throws {
        let db = try AppDatabase.inMemory(seed: true)
        let before = try snapshot(db)
        do {
            _ = try db.ingest([ndjson(json + "\n")], options: IngestOptions())
            Issue.record("accepted: \(json)")
        } catch let e as IngestFailure {
            #expect(e.firstLine.hasPrefix("test.ndjson:1: \(field): "), "\(e.firstLine)")
            #expect(e.firstLine.contains(valid), "\(e.firstLine)")
            #expect(!e.firstLine.contains("\n"))
        }
        #expect(try snapshot(db) == before)
    }

    @Test func allErrorsOfAFileAreReportedAndNothingIsWritten() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let before = try snapshot(db)
        let text = """
            {"type":"company","name":"Fine Co"}
            {"type":"deal","date":"2025-02-30","kind":"other","parties":["Fine Co:customer"],"source":"R"}
            {"type":"company","name":"Also Fine"}
            {"type":"company","name":"Bad","kind":"startup"}

            """
        do {
            _ = try db.ingest([ndjson(text)], options: IngestOptions())
            Issue.record("accepted")
        } catch let e as IngestFailure {
            #expect(e.firstLine.hasPrefix("test.ndjson:2: date:"))
            #expect(e.errors.dropFirst().first?.description.hasPrefix("test.ndjson:4: kind:") == true)
            #expect(e.errors.count == 2 && !e.limitReached)
        }
        #expect(try snapshot(db) == before)
    }
}
