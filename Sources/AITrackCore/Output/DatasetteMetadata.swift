import Foundation
import GRDB

/// A question the report answers, as a Datasette canned query: SQL over aitrack's views with
/// named parameters (each one a form field on the query's page).
public struct CannedQuery: Sendable, Equatable {
    public var name: String
    public var title: String
    public var description: String
    public var params: [String]
    public var sql: String

    /// A company by name or alias (as the listings' `--company`), with its subsidiaries.
    static let family = """
        WITH RECURSIVE target(id) AS (
          SELECT id FROM companies WHERE name = :company COLLATE NOCASE
          UNION SELECT company_id FROM company_aliases WHERE alias = :company COLLATE NOCASE),
        family(id) AS (SELECT id FROM target UNION SELECT c.id FROM companies c JOIN family f ON c.parent_id = f.id)
        """
    static let ofTheYear = "date BETWEEN :year || '-01-01' AND :year || '-12-31'"

    public static let all: [CannedQuery] = [
        CannedQuery(name: "top_five_share", title: "Top-five share and HHI of a metric, by year",
                    description: "The concentration of one metric per calendar year, as aitrack concentration computes it for the "
                        + "year: the five largest firms' share in percent, the HHI's bounds in points, and the bands. data_to is "
                        + "the latest day of the values used: a year whose data end before its last day is that year to date.",
                    params: ["metric"], sql: """
            SELECT c.year, c.firms, c.top5_share, c.hhi_low, c.hhi_high, c.band_us2023, c.band_eu2004, c.coverage, c.total, c.unit,
                   (SELECT max(v.date) FROM metric_year_values v WHERE v.metric = c.metric AND v.year = c.year) AS data_to
            FROM metric_year_concentration c WHERE c.metric = :metric ORDER BY c.year
            """),
        CannedQuery(name: "deals_of_a_year", title: "A year's deals, in US dollars",
                    description: "Every deal dated in the year, largest first, with what each counts in (in_total): only "
                        + "'counted' deals are in the all-kinds total, so no deal is counted twice.",
                    params: ["year"], sql: """
            SELECT id, date, title, kind, parties, value, currency, value_usd, qualifier, status, verification, in_total, source, source_url
            FROM deals_overview WHERE \(ofTheYear)
            ORDER BY in_total <> 'counted', value_usd IS NULL, value_usd DESC, date, id
            """),
        CannedQuery(name: "deal_totals_of_a_year", title: "A year's deal totals in US dollars, each deal counted once",
                    description: "The totals the year's report prints: all kinds (superseded, contradicted, cancelled, "
                        + "rumoured deals and parts of programmes left out), each kind (parts of programmes in), and the deals in "
                        + "talks or rumoured and the cancelled ones apart.",
                    params: ["year"], sql: """
            SELECT 'all kinds' AS total, count(*) AS deals, sum(value_usd) AS usd FROM deals_overview
            WHERE \(ofTheYear) AND in_total = 'counted'
            UNION ALL SELECT * FROM (SELECT 'kind: ' || kind, count(*), sum(value_usd) FROM deals_overview
                                     WHERE \(ofTheYear) AND in_total IN ('counted', 'part_of') GROUP BY kind ORDER BY kind)
            UNION ALL SELECT 'in talks or rumoured', count(*), sum(value_usd) FROM deals_overview WHERE \(ofTheYear) AND in_total = 'rumored'
            UNION ALL SELECT 'cancelled', count(*), sum(value_usd) FROM deals_overview WHERE \(ofTheYear) AND in_total = 'cancelled'
            """),
        CannedQuery(name: "claims", title: "Claims and their verdicts",
                    description: "Every figure someone published or relayed (the article's claims, published CRn and HHI), who "
                        + "said it, whom it cites, and what the check found, as `aitrack claims` lists them. Leave verdict "
                        + "empty for all, or give verified, unverified, disputed or contradicted.",
                    params: ["verdict"], sql: """
            WITH relayers(id) AS (
              SELECT cited_by_id FROM statistics WHERE cited_by_id IS NOT NULL UNION SELECT cited_by_id FROM deals WHERE cited_by_id IS NOT NULL
              UNION SELECT cited_by_id FROM alliance_members WHERE cited_by_id IS NOT NULL),
            claims AS (
              SELECT 'statistic' AS kind, x.id AS row_id, x.date, x.precision, x.metric, x.measure, x.value, x.unit, x.qualifier,
                     x.source_id, x.cited_by_id, x.verification, x.note
              FROM statistics x WHERE x.cited_by_id IS NOT NULL OR x.source_id IN relayers OR x.measure <> 'value'
              UNION ALL
              SELECT 'deal', x.id, x.date, x.precision, NULL, NULL, x.value, x.currency, x.qualifier, x.source_id, x.cited_by_id,
                     x.verification, x.note
              FROM deals x WHERE x.cited_by_id IS NOT NULL OR x.source_id IN relayers
              UNION ALL
              SELECT 'membership', x.id, x.date, x.precision, NULL, NULL, NULL, NULL, NULL, x.source_id, x.cited_by_id, x.verification, x.note
              FROM alliance_members x WHERE x.cited_by_id IS NOT NULL OR x.source_id IN relayers)
            SELECT k.kind, k.row_id, k.date, k.precision, k.metric, k.measure, k.value, k.unit, k.qualifier,
                   coalesce(cb.name, s.name) AS said_by, CASE WHEN cb.id IS NULL THEN NULL ELSE s.name END AS cites,
                   k.verification AS verdict, k.note AS reason, s.url AS evidence
            FROM claims k JOIN sources s ON s.id = k.source_id LEFT JOIN sources cb ON cb.id = k.cited_by_id
            WHERE :verdict = '' OR k.verification = :verdict
            ORDER BY k.date, k.kind, k.row_id
            """),
        CannedQuery(name: "company_deals", title: "A company's deals",
                    description: "The deals of a company (by name or alias) and its subsidiaries, as aitrack deals lists them for it.",
                    params: ["company"], sql: """
            \(family)
            SELECT id, date, title, kind, parties, value, currency, value_usd, qualifier, status, verification, in_total, source_url
            FROM deals_overview WHERE id IN (SELECT deal_id FROM deal_parties WHERE company_id IN (SELECT id FROM family))
            ORDER BY date, id
            """),
        CannedQuery(name: "company_statistics", title: "A company's statistics",
                    description: "The dated, sourced figures of a company (by name or alias) and its subsidiaries, as "
                        + "aitrack stats lists them for it.",
                    params: ["company"], sql: """
            \(family)
            SELECT id, metric, measure, date, precision, company, segment, value, low, high, unit, qualifier, forecast, verification, source
            FROM statistics_overview WHERE id IN (SELECT id FROM statistics WHERE company_id IN (SELECT id FROM family))
            ORDER BY metric, date, company, segment, id
            """),
        CannedQuery(name: "metric_history", title: "A metric's values over time",
                    description: "Every value of a metric by date and company, with its bounds, source and verdict, as "
                        + "aitrack stats lists them for the metric; entry_history holds what a value was before a revision.",
                    params: ["metric"], sql: """
            SELECT id, date, precision, company, segment, region, measure, value, low, high, unit, qualifier, forecast, verification, source
            FROM statistics_overview WHERE metric = :metric ORDER BY date, company, segment, id
            """),
    ]
}

/// `metadata.json` for `datasette aitrack.db -m metadata.json`: titles, descriptions and column
/// meanings from docs/SCHEMA.md (`SchemaDocument`), licences and sources, and the canned queries.
public enum DatasetteMetadata {
    /// Tables and views whose rows include Epoch AI's estimates (the statistics and every view on them).
    static let statisticTables: Set<String> = ["statistics", "statistics_overview", "metric_year_values", "metric_year_shares",
                                               "metric_year_concentration"]

    /// Pure: the database's name in Datasette (its file's name without `.db`), its tables and
    /// views with their columns, and the licences of its data (`bundledLicencesInUse`).
    static func metadata(database: String, tables: [(name: String, columns: [String])], licences: [DataLicence],
                         document: SchemaDocument) -> JSONValue {
        let licence = licences.first
        let licenceWords = licences.map { "\($0.name) (\($0.source)'s rows)" }.joined(separator: ", ")
        func licensed(_ o: inout [(String, JSONValue)], epoch: Bool) {
            if epoch, let licence {
                o.append(("license", .string(licenceWords + "; the other rows quote their publishers, each naming its source")))
                if let url = licence.url { o.append(("license_url", .string(url))) }
                o.append(("source", .string(licences.map(\.source).joined(separator: ", ") + ", and the source each row names")))
                if let url = licence.sourceURL { o.append(("source_url", .string(url))) }
            } else {
                o.append(("source", .string("the public page each row names (source_url; the sources table lists them)")))
                o.append(("source_url", .string("/\(database)/sources")))
            }
        }
        var tableObjects: [(String, JSONValue)] = []
        for (name, columns) in tables {
            var o: [(String, JSONValue)] = []
            if name == "grdb_migrations" {
                tableObjects.append((name, .object([("hidden", .bool(true)), ("description", .string("the migrations applied (GRDB)"))])))
                continue
            }
            let section = document.section(name)
            if let title = section?.title { o.append(("title", .string(name + " — " + title))) }
            if let d = section?.description, !d.isEmpty { o.append(("description", .string(d))) }
            licensed(&o, epoch: statisticTables.contains(name))
            let described = columns.compactMap { c in section?.meaning(of: c).flatMap { $0.isEmpty ? nil : (c, JSONValue.string($0)) } }
            o.append(("columns", .object(described)))
            tableObjects.append((name, .object(o)))
        }
        let queries: [(String, JSONValue)] = CannedQuery.all.map { q in
            (q.name, .object([("title", .string(q.title)), ("description", .string(q.description)),
                              ("params", .array(q.params.map { .string($0) })), ("sql", .string(q.sql))]))
        }
        var top: [(String, JSONValue)] = [
            ("title", .string("aitrack: the AI-infrastructure market")),
            ("description", .string("Companies, deals, alliances and dated, sourced statistics of the AI-infrastructure market, "
                                    + "and the concentration figures computed from them (top-five share, CRn, HHI with bounds). "
                                    + "Every row names its source; the canned queries below answer the report's questions.")),
        ]
        licensed(&top, epoch: licence != nil)
        let db: [(String, JSONValue)] = [
            ("title", .string(document.title)),
            ("description", .string("The tables and views of docs/SCHEMA.md, " + document.description)),
            ("tables", .object(tableObjects)), ("queries", .object(queries)),
        ]
        top.append(("databases", .object([(database, .object(db))])))
        return .object(top)
    }
}

extension DatabaseReading {
    /// `metadata.json` for this database served by Datasette as `database` (indented, ending in a newline).
    public func datasetteMetadata(database: String, licences: [DataLicence]) throws -> String {
        let tables = try reader.read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'
                ORDER BY type DESC, name
                """).map { name in (name: name, columns: try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [name])) }
        }
        let metadata = DatasetteMetadata.metadata(database: database, tables: tables, licences: licences, document: .bundled)
        return JSONWriter.prettyString(metadata) + "\n"
    }
}
