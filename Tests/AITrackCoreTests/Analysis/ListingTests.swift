import Foundation
import GRDB
import Testing
@testable import AITrackCore

@Suite struct ListingTests {
    @Test func dealsByCompanyIncludeSubsidiariesAndAliases() throws {
        let db = try AppDatabase.inMemory(seed: true)
        let byParent = try db.deals(ListFilter(period: .year(2025), company: "Google"))
        let titles = byParent.rows.map { $0[2].plain }
        #expect(titles.contains("Meta cloud contract with Google Cloud"))
        #expect(titles.contains("Meta in talks to rent and buy Google TPUs"))
        let bySub = try db.deals(ListFilter(period: .year(2025), company: "Google Cloud"))
        #expect(!bySub.rows.map { $0[2].plain }.contains("Meta in talks to rent and buy Google TPUs"))
        #expect(throws: QueryProblem.unknownCompany(name: "Nobody Inc")) { try db.deals(ListFilter(company: "Nobody Inc")) }
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
}
