import Foundation
import GRDB
import Testing
@testable import AITrackCore

@Suite struct ListingTests {
    @Test func dealsByCompanyIncludeSubsidiariesAndAliases() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let byParent = try db.deals(ListFilter(period: .year(2025), company: "Google"))
        let titles = byParent.rows.map { $0[byParent.columns.firstIndex(of: "title")!].plain }
        #expect(titles.contains("Meta cloud contract with Google Cloud"))
        #expect(titles.contains("Meta in talks to rent and buy Google TPUs"))
        let bySub = try db.deals(ListFilter(period: .year(2025), company: "Google Cloud"))
        #expect(!bySub.rows.map { $0[bySub.columns.firstIndex(of: "title")!].plain }.contains("Meta in talks to rent and buy Google TPUs"))
        #expect(throws: QueryProblem.unknownCompany(name: "Nobody Inc")) { try db.deals(ListFilter(company: "Nobody Inc")) }
        // a name a filter does not know is refused with the nearest known one, in every listing
        #expect(throws: QueryProblem.unknownCompany(name: "Gogle", closest: "Google")) { try db.deals(ListFilter(company: "Gogle")) }
        #expect(throws: QueryProblem.unknownCompany(name: "Nvidea", closest: "Nvidia")) { try db.statistics(ListFilter(company: "Nvidea")) }
        #expect(throws: QueryProblem.unknownSource(name: "Reuter", closest: "Reuters")) { try db.deals(ListFilter(source: "Reuter")) }
        #expect(throws: QueryProblem.unknownSource(name: "Reuter", closest: "Reuters")) { try db.claims(ListFilter(source: "Reuter")) }
        #expect(throws: QueryProblem.self) { try db.statistics(ListFilter(metric: "cloud_share")) }
        #expect(throws: QueryProblem.self) { try db.statisticHistory(ListFilter(metric: "cloud_share")) }
        // a metric with a definition but no statistics lists nothing, without an error
        #expect(try db.statistics(ListFilter(metric: "cloud_market_share")).rows.count > 0)
    }

    @Test func formatsKeepNumbersExactInMachineOutput() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let t = try db.deals(ListFilter(period: Period(try EntryDate.parse("2025-08-21"))))
        let csv = TableFormatter.render(t, as: .csv)
        #expect(csv.contains(",10000000000,USD,at_least,10000000000,72,"))
        let json = TableFormatter.render(t, as: .json)
        guard case .array(let rows) = try JSONParser.parse(json), case .object(let o) = rows[0] else { Issue.record("not rows"); return }
        #expect(o.first { $0.0 == "value" }?.1 == .number("10000000000"))
        #expect(o.first { $0.0 == "parties" }?.1 == .array([
            .object([("company", .string("Meta Platforms")), ("role", .string("customer"))]),
            .object([("company", .string("Google Cloud")), ("role", .string("provider"))]),
        ]))
        let table = TableFormatter.render(t, as: .table)
        #expect(table.contains("10,000,000,000"))
        #expect(TableFormatter.render(t, as: .markdown).hasPrefix("| row_id | date |"))
        // people see the main columns; machines get all of them
        #expect(!table.contains("source_url") && csv.contains("source_url"))
    }

    /// Summing value_usd where in_total gives the report's all-kinds total, and per kind where
    /// in_kind_total its kind's; a deal is in the total exactly when no reason keeps it out.
    @Test(arguments: [2023, 2024, 2025, 2026])
    func dealsSayWhatCountsInTheTotals(year: Int) throws {
        let db = try AppDatabase.inMemory(seed: true)
        let t = try db.deals(ListFilter(period: .year(year)))
        let col = { (name: String) in t.columns.firstIndex(of: name)! }
        func usd(_ row: [Cell]) -> Double { if case .double(let d) = row[col("value_usd")] { d } else { 0 } }
        let inTotal = t.rows.filter { $0[col("in_total")] == .json(.bool(true)) }
        let report = try db.report(.year(year))
        #expect(!t.rows.isEmpty)
        #expect(inTotal.map(usd).reduce(0, +) == report.dealTotals.usdTotal)
        for kind in report.dealTotals.byKind {
            let rows = t.rows.filter { $0[col("in_kind_total")] == .json(.bool(true)) && $0[col("kind")] == .text(kind.kind) }
            #expect(rows.map(usd).reduce(0, +) == kind.usd, "\(year) \(kind.kind)")
        }
        for row in t.rows {
            let reasons = row[col("not_in_total_because")]
            #expect((row[col("in_total")] == .json(.bool(true))) == (reasons == .json(.array([]))), "\(row[col("title")])")
        }
    }

    /// `--status` keeps the statuses given; `--sort value_usd --desc` puts the largest first and
    /// rows without a USD value last; `--limit` keeps the first rows of that order.
    @Test func dealsFilterSortAndLimit() throws {
        let db = try AppDatabase.inMemory(seed: true)
        var f = ListFilter(period: .year(2025))
        f.dealStatuses = [.signed, .completed]
        let signed = try db.deals(f)
        let status = signed.columns.firstIndex(of: "status")!
        #expect(!signed.rows.isEmpty && signed.rows.allSatisfy { [Cell.text("signed"), .text("completed")].contains($0[status]) })
        f.dealStatuses = []
        (f.sort, f.descending) = (.valueUSD, true)
        let sorted = try db.deals(f)
        let usd = sorted.columns.firstIndex(of: "value_usd")!
        let values = sorted.rows.map { row -> Double? in if case .double(let d) = row[usd] { d } else { nil } }
        let known = values.prefix { $0 != nil }.map { $0! }
        #expect(known == known.sorted(by: >) && values.dropFirst(known.count).allSatisfy { $0 == nil } && !known.isEmpty)
        f.limit = 3
        #expect(try db.deals(f).rows == Array(sorted.rows.prefix(3)))
        var s = ListFilter(metric: "cloud_market_share")
        (s.sort, s.descending, s.limit) = (.value, true, 4)
        let stats = try db.statistics(s)
        let value = stats.columns.firstIndex(of: "value")!
        let shares = stats.rows.map { row -> Double in if case .double(let d) = row[value] { d } else { -1 } }
        #expect(shares.count == 4 && shares == shares.sorted(by: >))
        s.sort = .valueUSD
        #expect(throws: QueryProblem.sortNotApplicable(key: "value_usd", valid: ["date", "value"])) { try db.statistics(s) }
    }

    /// An alliance's counts are of all its memberships whatever the filter (34 members with a
    /// company filter too); a company in an alliance only by a contradicted membership is said
    /// so; the memberships list one row each, founders marked.
    @Test func alliancesCountAndMembersList() throws {
        let db = try AppDatabase.inMemory(seed: true)
        func counts(_ f: ListFilter) throws -> [Cell] {
            let t = try db.alliances(f)
            return ["member_count", "founding", "joined_later", "contradicted"].map { t.rows[0][t.columns.firstIndex(of: $0)!] }
        }
        let all = try counts(ListFilter())
        let stored = try db.reader.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM alliance_members WHERE verification <> 'contradicted'")!
        }
        #expect(all[0] == .int(Int64(stored)) && all[3] == .int(1))
        #expect(try counts(ListFilter(company: "Meta")) == all)
        #expect(try counts(ListFilter(verification: .contradicted)) == all)
        #expect(try db.alliances(ListFilter(company: "Google")).notes == [
            "Google is listed in AI Alliance only by a membership its sources contradict (aitrack members shows it)"])
        #expect(try db.alliances(ListFilter(company: "Meta")).notes.isEmpty)
        let members = try db.memberships(ListFilter())
        #expect(members.rows.count == stored + 1)
        let (role, founder) = (members.columns.firstIndex(of: "role")!, members.columns.firstIndex(of: "founder")!)
        #expect(members.rows.allSatisfy { ($0[role] == .text("founding")) == ($0[founder] == .json(.bool(true))) })
        var f = ListFilter(company: "Google")
        #expect(try db.memberships(f).rows.count == 1)
        f.alliance = "ai alliance"
        #expect(try db.memberships(f).rows.count == 1)
        f.alliance = "AI Aliance"
        #expect(throws: QueryProblem.unknownAlliance(name: "AI Aliance", closest: "AI Alliance")) { try db.memberships(f) }
    }
}
