import Foundation
import GRDB

/// Filters shared by the listings. Each listing uses those that apply to it.
public struct ListFilter: Sendable {
    public var period: Period?
    /// A company by name or alias, with its subsidiaries.
    public var company: String?
    public var companyKind: CompanyKind?
    public var dealKind: DealKind?
    public var metric: String?
    public var measure: Measure?
    public var verification: Verification?
    /// Only entries reported (or relayed, `cited_by`) by a source of this name.
    public var source: String?
    /// Memberships: only of this alliance (by name).
    public var alliance: String?
    /// Deals: only these statuses (any of them; none given: all).
    public var dealStatuses: [DealStatus] = []
    /// The order of the rows (none: the listing's own, by date) and how many at most.
    public var sort: ListSort?
    public var descending = false
    public var limit: Int?

    public init(period: Period? = nil, company: String? = nil, companyKind: CompanyKind? = nil, dealKind: DealKind? = nil,
                metric: String? = nil, measure: Measure? = nil, verification: Verification? = nil, source: String? = nil) {
        self.period = period
        self.company = company
        self.companyKind = companyKind
        self.dealKind = dealKind
        self.metric = metric
        self.measure = measure
        self.verification = verification
        self.source = source
    }
}

/// What a listing can be sorted by: the date, the value as stated, or its value in US dollars
/// (rows without one last, either way).
public enum ListSort: String, Vocabulary {
    case date, value, valueUSD = "value_usd"
    public static let noun = "a sort key"
}

/// What a listing or query was asked about that the database does not hold.
public enum QueryProblem: Error, Equatable, Sendable {
    /// A name no company or alias has, with the nearest one there is.
    case unknownCompany(name: String, closest: String? = nil)
    case unknownMetric(metric: String, known: [String])
    /// A name no source has (`--source`), with the nearest one there is.
    case unknownSource(name: String, closest: String?)
    /// A name no alliance has, with the nearest one there is.
    case unknownAlliance(name: String, closest: String?)
    /// A sort key the listing's rows do not have (statistics have no value in US dollars).
    case sortNotApplicable(key: String, valid: [String])
    /// A stored row the schema's checks would have refused (the file was written around them).
    case brokenRow(table: String, id: Int64, column: String, value: String)
}

/// The one WHERE-clause builder of the listings: each filter given adds a term.
struct WhereClause {
    var terms: [String] = []
    var arguments = StatementArguments()

    mutating func add(_ term: String, _ values: [any DatabaseValueConvertible] = []) {
        terms.append(term)
        arguments += StatementArguments(values.map { $0.databaseValue })
    }

    var sql: String { terms.isEmpty ? "" : "WHERE " + terms.joined(separator: " AND ") }
}

extension Row {
    /// A stored date as the user wrote it (`2025`, `2025-Q3`, …), from its ISO day and precision.
    func storedDate(_ column: String = "date", precision: String = "precision") -> String? {
        guard let iso: String = self[column] else { return nil }
        return EntryDate.stored(iso, precision: Precision(rawValue: self[precision] ?? "day") ?? .day)?.description ?? iso
    }
}

extension DatabaseReading {
    /// The company a name or alias stands for, compared as `NameKey` does (case, spaces,
    /// invisible characters and compatibility forms aside); names before aliases.
    static func companyID(_ db: Database, nameOrAlias name: String) throws -> Int64? {
        if let id = try Int64.fetchOne(db, sql: """
            SELECT id FROM companies WHERE name = ? COLLATE NOCASE
            UNION ALL SELECT company_id FROM company_aliases WHERE alias = ? COLLATE NOCASE LIMIT 1
            """, arguments: [name, name]) {
            return id
        }
        let key = NameKey.of(name)
        var byAlias: Int64?
        for r in try Row.fetchAll(db, sql: "SELECT id, name, 0 AS alias FROM companies UNION ALL SELECT company_id, alias, 1 FROM company_aliases") {
            guard NameKey.of(r["name"]) == key else { continue }
            if (r["alias"] as Int64) == 0 { return r["id"] }
            byAlias = byAlias ?? r["id"]
        }
        return byAlias
    }

    /// The ids of a company (by name or alias) and all its subsidiaries, as an SQL list.
    static func companyAndDescendants(_ db: Database, _ name: String) throws -> String {
        guard let id = try companyID(db, nameOrAlias: name) else {
            throw QueryProblem.unknownCompany(name: name, closest: try closestName(db, to: name, sql: companyNames))
        }
        let ids = try Int64.fetchAll(db, sql: """
            WITH RECURSIVE below(id, depth) AS (
                SELECT ?, 0 UNION SELECT c.id, below.depth + 1 FROM companies c JOIN below ON c.parent_id = below.id
                WHERE below.depth < \(Limits.recursionDepth))
            SELECT id FROM below
            """, arguments: [id])
        return "(" + ids.map(String.init).joined(separator: ",") + ")"
    }

    static var companyNames: String { "SELECT name FROM companies UNION ALL SELECT alias FROM company_aliases" }

    /// The stored name (of those `sql` selects) nearest to `name`, case aside (`CloseNames`).
    static func closestName(_ db: Database, to name: String, sql: String) throws -> String? {
        let names = try String.fetchAll(db, sql: sql)
        var byKey: [String: String] = [:]
        for n in names where byKey[n.lowercased()] == nil { byKey[n.lowercased()] = n }
        return CloseNames.closest(to: name.lowercased(), in: Array(byKey.keys).sorted()).flatMap { byKey[$0] }
    }

    /// The names a listing's filter gives must be known: a metric (with statistics or a
    /// definition) and a source, each refused with the nearest known one (a company is checked
    /// where its ids are read).
    static func requireKnownNames(_ db: Database, _ f: ListFilter) throws {
        if let m = f.metric, try !Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM statistics WHERE metric = ?) OR EXISTS (SELECT 1 FROM metrics WHERE name = ?)
            """, arguments: [m, m])! {
            let known = try String.fetchAll(db, sql: "SELECT metric FROM (\(LatestStatistics.everyMetric)) UNION SELECT name FROM metrics ORDER BY 1")
            throw QueryProblem.unknownMetric(metric: m, known: known)
        }
        if let s = f.source, try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sources WHERE name = ? COLLATE NOCASE)", arguments: [s])! {
            throw QueryProblem.unknownSource(name: s, closest: try closestName(db, to: s, sql: "SELECT name FROM sources"))
        }
    }

    /// The terms every listing of sourced rows shares: period, verification, source.
    static func sourcedTerms(_ f: ListFilter, alias a: String, into w: inout WhereClause) {
        if let p = f.period { w.add("\(a).date BETWEEN ? AND ?", [p.fromISO, p.toISO]) }
        if let v = f.verification { w.add("\(a).verification = ?", [v.rawValue]) }
        if let src = f.source {
            w.add("(\(a).source_id IN (SELECT id FROM sources WHERE name = ? COLLATE NOCASE) "
                  + "OR \(a).cited_by_id IN (SELECT id FROM sources WHERE name = ? COLLATE NOCASE))",
                  [src, src])
        }
    }

    public func companies(_ f: ListFilter = ListFilter()) throws -> ResultTable {
        try reader.read { db in
            var w = WhereClause()
            if let k = f.companyKind { w.add("c.kind = ?", [k.rawValue]) }
            if let name = f.company { w.add("c.id IN \(try Self.companyAndDescendants(db, name))") }
            let sql = """
                SELECT c.name, c.kind, p.name AS parent, up.ultimate_parent, c.country,
                       (SELECT json_group_array(alias) FROM (SELECT alias FROM company_aliases WHERE company_id = c.id ORDER BY alias)) AS aliases,
                       (SELECT count(*) FROM deal_parties WHERE company_id = c.id) AS deals,
                       (SELECT count(*) FROM statistics WHERE company_id = c.id) AS statistics,
                       c.verification, c.note
                FROM companies c
                LEFT JOIN companies p ON p.id = c.parent_id
                LEFT JOIN company_ultimate_parents up ON up.company_id = c.id
                \(w.sql)
                ORDER BY c.name COLLATE NOCASE
                """
            let rows = try Row.fetchAll(db, sql: sql, arguments: w.arguments)
            let readable = ["company", "kind", "parent", "ultimate_parent", "country", "aliases", "deals", "statistics", "verification"]
            return ResultTable(columns: readable + ["note"], readable: readable,
                               rows: rows.map { r in
                                   [Cell(r["name"] as String?), Cell(r["kind"] as String?), Cell(r["parent"] as String?),
                                    Cell(r["ultimate_parent"] as String?), Cell(r["country"] as String?),
                                    .json((try? JSONParser.parse(r["aliases"] as String)) ?? .array([])),
                                    .int(r["deals"]), .int(r["statistics"]), Cell(r["verification"] as String?), Cell(r["note"] as String?)]
                               })
        }
    }

    public func deals(_ f: ListFilter = ListFilter()) throws -> ResultTable {
        try reader.read { db in
            var w = WhereClause()
            try Self.requireKnownNames(db, f)
            Self.sourcedTerms(f, alias: "d", into: &w)
            if let k = f.dealKind { w.add("d.kind = ?", [k.rawValue]) }
            if let name = f.company {
                w.add("d.id IN (SELECT deal_id FROM deal_parties WHERE company_id IN \(try Self.companyAndDescendants(db, name)))")
            }
            if !f.dealStatuses.isEmpty {
                w.add("d.status IN (\(f.dealStatuses.map { _ in "?" }.joined(separator: ", ")))", f.dealStatuses.map(\.rawValue))
            }
            let direction = f.descending ? " DESC" : ""
            let order: String
            switch f.sort {
            case nil, .date?: order = "d.date\(direction), d.id\(direction)"
            case .value?: order = "d.value IS NULL, d.value\(direction), d.date, d.id"
            case .valueUSD?: order = "o.value_usd IS NULL, o.value_usd\(direction), d.date, d.id"
            }
            return DealRow.table(try DealRow.fetch(db, w, order: order, limit: f.limit))
        }
    }

    public func alliances(_ f: ListFilter = ListFilter()) throws -> ResultTable {
        try reader.read { db in
            var w = WhereClause()
            if let p = f.period {
                // alliances founded in the period, or with a membership change in it
                w.add("(a.date BETWEEN ? AND ? OR a.id IN "
                      + "(SELECT alliance_id FROM alliance_members WHERE date BETWEEN ? AND ? OR left BETWEEN ? AND ?))",
                      [p.fromISO, p.toISO, p.fromISO, p.toISO, p.fromISO, p.toISO])
            }
            if let name = f.company {
                w.add("a.id IN (SELECT alliance_id FROM alliance_members WHERE company_id IN \(try Self.companyAndDescendants(db, name)))")
            }
            if let v = f.verification {
                // the alliances marked so, or with a membership marked so (whose members are listed)
                w.add("(a.verification = ? OR a.id IN (SELECT alliance_id FROM alliance_members WHERE verification = ?))", [v.rawValue, v.rawValue])
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.id, a.name, a.date, a.precision, a.purpose, a.url, s.name AS source, s.url AS source_url, s.via, s.via_url,
                       cb.name AS cited_by, a.verification, a.note, a.entry_key
                FROM alliances a LEFT JOIN sources s ON s.id = a.source_id LEFT JOIN sources cb ON cb.id = a.cited_by_id
                \(w.sql)
                ORDER BY a.name COLLATE NOCASE
                """, arguments: w.arguments)
            // counts over every membership, whatever the filter: a filter selects alliances, never members
            var counts: [Int64: (counted: Int, founding: Int, later: Int, contradicted: Int)] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT alliance_id, role, verification FROM alliance_members") {
                var c = counts[r["alliance_id"]] ?? (0, 0, 0, 0)
                if (r["verification"] as String) == Verification.contradicted.rawValue { c.contradicted += 1 } else {
                    c.counted += 1
                    if (r["role"] as String) == MembershipRole.founding.rawValue { c.founding += 1 } else { c.later += 1 }
                }
                counts[r["alliance_id"]] = c
            }
            var table = ResultTable(columns: ["alliance", "date", "purpose", "member_count", "founding", "joined_later", "contradicted", "url",
                                              "source", "source_url", "source_via", "source_via_url", "cited_by", "verification", "note", "id"],
                                    readable: ["alliance", "date", "member_count", "founding", "joined_later", "contradicted", "source",
                                               "source_via", "verification"],
                                    rows: rows.map { r in
                                        let c = counts[r["id"]] ?? (0, 0, 0, 0)
                                        return [Cell(r["name"] as String?), Cell(r.storedDate()), Cell(r["purpose"] as String?),
                                                .int(Int64(c.counted)), .int(Int64(c.founding)), .int(Int64(c.later)), .int(Int64(c.contradicted)),
                                                Cell(r["url"] as String?), Cell(r["source"] as String?), Cell(r["source_url"] as String?),
                                                Cell(r["via"] as String?), Cell(r["via_url"] as String?), Cell(r["cited_by"] as String?),
                                                Cell(r["verification"] as String?), Cell(r["note"] as String?), Cell(r["entry_key"] as String?)]
                                    }).withDateSpans()
            if let name = f.company { table.notes = try Self.onlyContradicted(db, name) }
            return table
        }
    }

    /// For a company filter: the alliances the company (or a subsidiary) belongs to only by
    /// memberships its sources contradict, in words.
    static func onlyContradicted(_ db: Database, _ name: String) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT a.name FROM alliance_members m JOIN alliances a ON a.id = m.alliance_id
            WHERE m.company_id IN \(try companyAndDescendants(db, name))
            GROUP BY a.id HAVING sum(m.verification <> 'contradicted') = 0 ORDER BY a.name
            """).map { "\(name) is listed in \($0) only by a membership its sources contradict (aitrack members shows it)" }
    }

    /// One row per membership: alliance, company, role (founders marked), joined, left, the
    /// check's verdict and its reason, the source.
    public func memberships(_ f: ListFilter = ListFilter()) throws -> ResultTable {
        try reader.read { db in
            var w = WhereClause()
            try Self.requireKnownNames(db, f)
            Self.sourcedTerms(ListFilter(verification: f.verification, source: f.source), alias: "m", into: &w)
            if let p = f.period { w.add("(m.date BETWEEN ? AND ? OR m.left BETWEEN ? AND ?)", [p.fromISO, p.toISO, p.fromISO, p.toISO]) }
            if let name = f.company { w.add("m.company_id IN \(try Self.companyAndDescendants(db, name))") }
            if let a = f.alliance { w.add("m.alliance_id = ?", [try Self.allianceID(db, a)]) }
            let rows = try Row.fetchAll(db, sql: """
                SELECT m.id, a.name AS alliance, c.name AS company, m.role, m.date, m.precision, m.left, m.left_precision,
                       m.verification, m.note, s.name AS source, s.url AS source_url, s.via, s.via_url, cb.name AS cited_by, m.entry_key
                FROM alliance_members m JOIN alliances a ON a.id = m.alliance_id JOIN companies c ON c.id = m.company_id
                JOIN sources s ON s.id = m.source_id LEFT JOIN sources cb ON cb.id = m.cited_by_id
                \(w.sql)
                ORDER BY a.name COLLATE NOCASE, m.role, c.name COLLATE NOCASE
                """, arguments: w.arguments)
            return ResultTable(columns: ["row_id", "alliance", "company", "role", "founder", "date", "left", "verification", "note", "source",
                                         "source_url", "source_via", "source_via_url", "cited_by", "id"],
                               readable: ["row_id", "alliance", "company", "role", "date", "left", "verification", "note", "source",
                                          "source_via"],
                               rows: rows.map { r in
                                   [.int(r["id"]), .text(r["alliance"]), .text(r["company"]), .text(r["role"]),
                                    .json(.bool((r["role"] as String) == MembershipRole.founding.rawValue)), Cell(r.storedDate()),
                                    Cell(r.storedDate("left", precision: "left_precision")), .text(r["verification"]), Cell(r["note"] as String?),
                                    .text(r["source"]), Cell(r["source_url"] as String?), Cell(r["via"] as String?),
                                    Cell(r["via_url"] as String?), Cell(r["cited_by"] as String?),
                                    Cell(r["entry_key"] as String?)]
                               }).withDateSpans()
        }
    }

    /// An alliance by name (case aside), or the problem naming the nearest one.
    static func allianceID(_ db: Database, _ name: String) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM alliances WHERE name = ? COLLATE NOCASE", arguments: [name]) { return id }
        throw QueryProblem.unknownAlliance(name: name, closest: try closestName(db, to: name, sql: "SELECT name FROM alliances"))
    }

    public func statistics(_ f: ListFilter = ListFilter()) throws -> ResultTable {
        try reader.read { db in
            var w = WhereClause()
            try Self.requireKnownNames(db, f)
            Self.sourcedTerms(f, alias: "st", into: &w)
            if let m = f.metric { w.add("st.metric = ?", [m]) }
            if let m = f.measure { w.add("st.measure = ?", [m.rawValue]) }
            if let name = f.company { w.add("st.company_id IN \(try Self.companyAndDescendants(db, name))") }
            let direction = f.descending ? " DESC" : ""
            let order: String?
            switch f.sort {
            case nil: order = f.descending ? "date DESC, metric, measure, company COLLATE NOCASE, segment, id" : nil
            case .date?: order = "date\(direction), metric, measure, company COLLATE NOCASE, segment, id"
            case .value?: order = "value\(direction), " + StatisticRow.listingOrder
            case .valueUSD?:
                throw QueryProblem.sortNotApplicable(key: ListSort.valueUSD.rawValue, valid: [ListSort.date.rawValue, ListSort.value.rawValue])
            }
            return StatisticRow.table(try StatisticRow.fetch(db, w, order: order, limit: f.limit))
        }
    }
}
