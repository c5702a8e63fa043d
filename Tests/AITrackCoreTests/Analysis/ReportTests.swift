import Foundation
import GRDB
import Synchronization
import Testing
@testable import AITrackCore

@Suite struct ReportTests {
    /// A report that fetches only the statistics the text formats show reads exactly as one
    /// that fetched them all: same rows, same "N more" lines.
    @Test(arguments: [OutputFormat.table, .markdown])
    func aLimitedReportReadsAsAFullOne(format: OutputFormat) throws {
        let db = try AppDatabase.inMemory(seed: true)
        var lines: [String] = []
        for i in 0..<70 {
            lines.append(#"{"type":"statistic","metric":"ai_compute_h100e","date":"2025-\#(String(format: "%02d", i % 12 + 1))","company":"Firm \#(i % 40)","segment":"S\#(i % 3)","value":\#(1000 + i),"unit":"H100e","source":"Bench"}"#)
        }
        _ = try db.ingest([ndjson(lines.joined(separator: "\n") + "\n")], options: IngestOptions())
        let full = try db.report(.year(2025))
        let limited = try db.report(.year(2025), statisticsLimit: Report.statisticsShownPerMetric)
        let renderer = ReportRenderers.renderer(for: format)
        #expect(renderer.render(limited) == renderer.render(full))
        #expect(Dictionary(grouping: full.statistics, by: \.metric).values.contains { $0.count > Report.statisticsShownPerMetric })
        #expect(Dictionary(grouping: limited.statistics, by: \.metric).values.allSatisfy { $0.count <= Report.statisticsShownPerMetric })
        #expect(limited.statistics.count < full.statistics.count)
        #expect(renderer.render(full).contains("ai_compute_h100e: "))
    }

    /// The history chart takes the report's own figures for its year and the year before: the
    /// same history as computed from nothing.
    @Test func historyReusesTheYearsItHas() throws {
        let db = try AppDatabase.inMemory(seed: true)
        for year in [2024, 2025] {
            let r = try db.report(.year(year), history: true)
            #expect(r.concentration.contains { $0.history.count > 2 })
            for e in r.concentration {
                let step: PeriodStep = e.quarters.isEmpty ? .year : .quarter
                let alone = try db.reader.read { try AppDatabase.history($0, e.result.metric, by: step, consolidate: true, names: NameLookups()) }
                #expect(e.history == alone, "\(e.result.metric)")
            }
        }
    }

    /// Whether a metric is stated by quarter: the seeks on quarter days answer as the read of
    /// every row of the period did, for each metric of the seed and periods of a quarter, a
    /// year and several years.
    @Test func quarterlyBySeeksAnswersAsTheScan() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let metrics = try db.reader.read { try String.fetchAll($0, sql: "SELECT DISTINCT metric FROM statistics") }
        let periods: [Period] = [.year(2024), .year(2025), .year(2026), Period(from: EntryDate(year: 2022, precision: .year), to: EntryDate(year: 2026, precision: .year)),
                                 Period(try EntryDate.parse("2025-Q2", field: "period"))]
        var answers: Set<Bool> = []
        for metric in metrics {
            for period in periods {
                let (seeks, scan) = try db.reader.read { db in
                    (try AppDatabase.quarterly(db, metric, period), try AppDatabase.quarterlyByScan(db, metric, period))
                }
                #expect(seeks == scan, "\(metric) \(period)")
                answers.insert(seeks)
            }
        }
        #expect(answers == [true, false])
    }

    /// One snapshot per report (issue 22, item 4): another connection commits a new alliance and
    /// a new deal of the year after the report has read its first section (at the report's first
    /// per-metric query); the report is wholly of the state before, the next one of the state after.
    @Test func aReportIsOneSnapshot() throws {
        let tmp = TempFolder()
        let path = tmp.path()
        _ = try AppDatabase.open(path: path)
        let writer = try DatabaseQueue(path: path)
        let fired = Mutex(false)
        var config = Configuration()
        config.readonly = true
        config.prepareDatabase { db in
            db.trace(options: .statement) { event in
                guard "\(event)".contains("precision = 'quarter'"), !fired.withLock({ let was = $0; $0 = true; return was }) else { return }
                try! writer.write { db in
                    try db.execute(sql: "INSERT INTO sources (name) VALUES ('Late wire')")
                    try db.execute(sql: "INSERT INTO alliances (name, date, precision, source_id) VALUES ('Late Alliance', '2025-06-01', 'day', last_insert_rowid())")
                    try db.execute(sql: """
                        INSERT INTO deals (identity, date, title, kind, value, currency, source_id)
                        VALUES ('late', '2025-06-02', 'Late deal', 'other', 5e9, 'USD', (SELECT id FROM sources WHERE name = 'Late wire'))
                        """)
                }
            }
        }
        let reading = ReadOnlyDatabase(reader: try DatabasePool(path: path, configuration: config))
        let before = try reading.report(.year(2025))
        #expect(fired.withLock { $0 })
        #expect(!before.alliances.contains { $0.name == "Late Alliance" } && !before.deals.contains { $0.title == "Late deal" })
        let after = try reading.report(.year(2025))
        #expect(after.alliances.contains { $0.name == "Late Alliance" } && after.deals.contains { $0.title == "Late deal" })
        #expect(after.dealTotals.usdTotal == before.dealTotals.usdTotal + 5e9)
    }

    /// A period that has not ended by the day given is to date; one that has is not; the
    /// latest year with data before a year is found without the year in progress.
    @Test func aYearInProgressIsToDate() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let r = try db.report(.year(2026))
        #expect(r.inProgress(asOf: "2026-12-31").toDateAsOf == "2026-12-31")
        #expect(r.inProgress(asOf: "2026-12-31").periodLabel == "2026, to date as of 2026-12-31")
        #expect(r.inProgress(asOf: "2027-01-01").toDateAsOf == nil)
        #expect(r.inProgress(asOf: "2027-01-01").periodLabel == "2026")
        #expect(try db.latestYearWithData() == 2026)
        #expect(try db.latestYearWithData(before: 2026) == 2025)
        #expect(try db.latestYearWithData(before: 2021) == nil)
        #expect(try db.report(.year(2025)).coverageNote?.hasPrefix("coverage differs: 36 vs 6 deals") == true)
    }
}
