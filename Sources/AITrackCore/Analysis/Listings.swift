import Foundation
import GRDB

/// Filters shared by the listings. Each listing uses those that apply to it.
public struct ListFilter: Sendable {
    public var period: Period?
    public var company: String?
    public var kind: String?
    public var metric: String?
    public var measure: Measure?
    public var verification: Verification?
    /// Only entries reported (or relayed, `cited_by`) by a source of this name.
    public var source: String?

    public init(period: Period? = nil, company: String? = nil, kind: String? = nil, metric: String? = nil,
                measure: Measure? = nil, verification: Verification? = nil, source: String? = nil) {
        self.source = source
        self.period = period
        self.company = company
        self.kind = kind
        self.metric = metric
        self.measure = measure
        self.verification = verification
    }
}

extension DatabaseReading {
    /// The ids of a company (by name or alias) and all its subsidiaries.
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

    static func companyAndDescendants(_ db: Database, _ name: String) throws -> [Int64] {
        guard let id = try companyID(db, nameOrAlias: name) else {
            throw AITrackError("--company: '\(name)' is not a known company or alias; see `aitrack companies` for the names.")
        }
        return try Int64.fetchAll(db, sql: """
            WITH RECURSIVE below(id, depth) AS (SELECT ?, 0 UNION SELECT c.id, below.depth + 1 FROM companies c JOIN below ON c.parent_id = below.id WHERE below.depth < 32)
            SELECT id FROM below
            """, arguments: [id])
    }

    static func inList(_ ids: [Int64]) -> String { "(" + ids.map(String.init).joined(separator: ",") + ")" }

    public func companies(_ f: ListFilter = ListFilter()) throws -> ResultTable {
        try reader.read { db in
            var wh: [String] = []
            var args: StatementArguments = []
            if let k = f.kind {
                wh.append("c.kind = ?")
                args += [try CompanyKind.parse(k, field: "--kind").rawValue]
            }
            if let name = f.company { wh.append("c.id IN \(Self.inList(try Self.companyAndDescendants(db, name)))") }
            let sql = """
                SELECT c.name, c.kind, p.name AS parent, up.ultimate_parent, c.country,
                       (SELECT json_group_array(alias) FROM (SELECT alias FROM company_aliases WHERE company_id = c.id ORDER BY alias)) AS aliases,
                       (SELECT count(*) FROM deal_parties WHERE company_id = c.id) AS deals,
                       (SELECT count(*) FROM statistics WHERE company_id = c.id) AS statistics,
                       c.verification, c.note
                FROM companies c
                LEFT JOIN companies p ON p.id = c.parent_id
                LEFT JOIN company_ultimate_parents up ON up.company_id = c.id
                \(wh.isEmpty ? "" : "WHERE " + wh.joined(separator: " AND "))
                ORDER BY c.name COLLATE NOCASE
                """
            let rows = try Row.fetchAll(db, sql: sql, arguments: args)
            return ResultTable(columns: ["company", "kind", "parent", "ultimate_parent", "country", "aliases", "deals", "statistics", "verification", "note"],
                               readable: ["company", "kind", "parent", "ultimate_parent", "country", "aliases", "deals", "statistics", "verification"],
                               rows: rows.map { r in
                                   [Cell(r["name"] as String?), Cell(r["kind"] as String?), Cell(r["parent"] as String?),
                                    Cell(r["ultimate_parent"] as String?), Cell(r["country"] as String?), .json((try? JSONParser.parse(r["aliases"] as String)) ?? .array([])),
                                    .int(r["deals"]), .int(r["statistics"]), Cell(r["verification"] as String?), Cell(r["note"] as String?)]
                               })
        }
    }

    public func deals(_ f: ListFilter = ListFilter()) throws -> ResultTable {
        try reader.read { db in
            var wh: [String] = []
            var args: StatementArguments = []
            if let p = f.period {
                wh.append("d.date BETWEEN ? AND ?")
                args += [p.fromISO, p.toISO]
            }
            if let k = f.kind {
                wh.append("d.kind = ?")
                args += [try DealKind.parse(k, field: "--kind").rawValue]
            }
            if let v = f.verification {
                wh.append("d.verification = ?")
                args += [v.rawValue]
            }
            if let src = f.source {
                wh.append("(d.source_id IN (SELECT id FROM sources WHERE name = ? COLLATE NOCASE) OR d.cited_by_id IN (SELECT id FROM sources WHERE name = ? COLLATE NOCASE))")
                args += [src, src]
            }
            if let name = f.company {
                wh.append("d.id IN (SELECT deal_id FROM deal_parties WHERE company_id IN \(Self.inList(try Self.companyAndDescendants(db, name))))")
            }
            return try Self.dealTable(db, where: wh, args: args, order: "d.date, d.id")
        }
    }

    static func dealTable(_ db: Database, where wh: [String], args: StatementArguments, order: String, limit: Int? = nil) throws -> ResultTable {
        let sql = """
            SELECT d.id, d.date, d.precision, d.title, d.kind, d.value, d.currency, d.qualifier, o.value_usd, d.term_months,
                   d.status, o.source, o.source_url, o.cited_by, d.verification, d.note, d.entry_key
            FROM deals d JOIN deals_overview o ON o.id = d.id
            \(wh.isEmpty ? "" : "WHERE " + wh.joined(separator: " AND "))
            ORDER BY \(order)\(limit.map { " LIMIT \($0)" } ?? "")
            """
        let rows = try Row.fetchAll(db, sql: sql, arguments: args)
        var parties: [Int64: [JSONValue]] = [:]
        if !rows.isEmpty {
            let ids = rows.map { $0["id"] as Int64 }
            for r in try Row.fetchAll(db, sql: """
                SELECT dp.deal_id, c.name, dp.role FROM deal_parties dp JOIN companies c ON c.id = dp.company_id
                WHERE dp.deal_id IN \(inList(ids)) ORDER BY dp.deal_id, dp.role, c.name
                """) {
                parties[r["deal_id"], default: []].append(.object([("company", .string(r["name"])), ("role", .string(r["role"]))]))
            }
        }
        return ResultTable(
            columns: ["row_id", "date", "title", "kind", "parties", "value", "currency", "qualifier", "value_usd", "term_months",
                      "status", "source", "source_url", "cited_by", "verification", "note", "id"],
            readable: ["row_id", "date", "title", "kind", "parties", "value", "currency", "qualifier", "status", "source", "verification"],
            rows: rows.map { r in
                let id: Int64 = r["id"]
                let date = EntryDate.stored(r["date"], precision: Precision(rawValue: r["precision"]) ?? .day)
                return [.int(id), Cell(date?.description), Cell(r["title"] as String?), Cell(r["kind"] as String?),
                        .json(.array(parties[id] ?? [])), Cell(r["value"] as Double?), Cell(r["currency"] as String?),
                        Cell(r["qualifier"] as String?), Cell(r["value_usd"] as Double?), Cell((r["term_months"] as Int64?).map { Int($0) }),
                        Cell(r["status"] as String?), Cell(r["source"] as String?), Cell(r["source_url"] as String?),
                        Cell(r["cited_by"] as String?), Cell(r["verification"] as String?), Cell(r["note"] as String?),
                        Cell(r["entry_key"] as String?)]
            })
    }

    public func alliances(_ f: ListFilter = ListFilter()) throws -> ResultTable {
        try reader.read { db in
            var wh: [String] = []
            var args: StatementArguments = []
            if let p = f.period {
                // alliances founded in the period, or with a membership change in it
                wh.append("(a.date BETWEEN ? AND ? OR a.id IN (SELECT alliance_id FROM alliance_members WHERE date BETWEEN ? AND ? OR left BETWEEN ? AND ?))")
                args += [p.fromISO, p.toISO, p.fromISO, p.toISO, p.fromISO, p.toISO]
            }
            if let name = f.company {
                wh.append("a.id IN (SELECT alliance_id FROM alliance_members WHERE company_id IN \(Self.inList(try Self.companyAndDescendants(db, name))))")
            }
            if let v = f.verification {
                // the alliances marked so, or with a membership marked so (whose members are listed)
                wh.append("(a.verification = ? OR a.id IN (SELECT alliance_id FROM alliance_members WHERE verification = ?))")
                args += [v.rawValue, v.rawValue]
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.id, a.name, a.date, a.precision, a.purpose, a.url, s.name AS source, s.url AS source_url, cb.name AS cited_by,
                       a.verification, a.note, a.entry_key
                FROM alliances a LEFT JOIN sources s ON s.id = a.source_id LEFT JOIN sources cb ON cb.id = a.cited_by_id
                \(wh.isEmpty ? "" : "WHERE " + wh.joined(separator: " AND "))
                ORDER BY a.name COLLATE NOCASE
                """, arguments: args)
            var members: [Int64: [JSONValue]] = [:]
            for r in try Row.fetchAll(db, sql: """
                SELECT m.alliance_id, c.name, m.role, m.date, m.precision, m.left, m.left_precision, m.verification
                FROM alliance_members m JOIN companies c ON c.id = m.company_id
                \(f.verification == nil ? "" : "WHERE m.verification = ?")
                ORDER BY m.alliance_id, m.role, c.name COLLATE NOCASE
                """, arguments: f.verification.map { [$0.rawValue] } ?? []) {
                let joined = (r["date"] as String?).flatMap { EntryDate.stored($0, precision: Precision(rawValue: r["precision"]) ?? .day) }
                let left = (r["left"] as String?).flatMap { EntryDate.stored($0, precision: Precision(rawValue: r["left_precision"] ?? "day") ?? .day) }
                var o: [(String, JSONValue)] = [("company", .string(r["name"])), ("role", .string(r["role"]))]
                o.append(("date", .str(joined?.description)))
                o.append(("left", .str(left?.description)))
                o.append(("verification", .string(r["verification"])))
                members[r["alliance_id"], default: []].append(.object(o))
            }
            return ResultTable(columns: ["alliance", "date", "purpose", "members", "member_count", "url", "source", "source_url", "cited_by",
                                         "verification", "note", "id"],
                               readable: ["alliance", "date", "member_count", "members", "source", "verification"],
                               rows: rows.map { r in
                                   let id: Int64 = r["id"]
                                   let date = (r["date"] as String?).flatMap { EntryDate.stored($0, precision: Precision(rawValue: r["precision"]) ?? .day) }
                                   let m = members[id] ?? []
                                   // a membership the sources contradict is listed, not counted
                                   let counted = m.filter { $0.member("verification") != .string("contradicted") }.count
                                   return [Cell(r["name"] as String?), Cell(date?.description), Cell(r["purpose"] as String?),
                                           .json(.array(m)), .int(Int64(counted)),
                                           Cell(r["url"] as String?), Cell(r["source"] as String?), Cell(r["source_url"] as String?),
                                           Cell(r["cited_by"] as String?), Cell(r["verification"] as String?), Cell(r["note"] as String?),
                                           Cell(r["entry_key"] as String?)]
                               })
        }
    }

    public func statistics(_ f: ListFilter = ListFilter()) throws -> ResultTable {
        try reader.read { db in
            var wh: [String] = []
            var args: StatementArguments = []
            if let p = f.period {
                wh.append("st.date BETWEEN ? AND ?")
                args += [p.fromISO, p.toISO]
            }
            if let m = f.metric {
                wh.append("st.metric = ?")
                args += [m]
            }
            if let m = f.measure {
                wh.append("st.measure = ?")
                args += [m.rawValue]
            }
            if let v = f.verification {
                wh.append("st.verification = ?")
                args += [v.rawValue]
            }
            if let src = f.source {
                wh.append("(st.source_id IN (SELECT id FROM sources WHERE name = ? COLLATE NOCASE) OR st.cited_by_id IN (SELECT id FROM sources WHERE name = ? COLLATE NOCASE))")
                args += [src, src]
            }
            if let name = f.company {
                wh.append("st.company_id IN \(Self.inList(try Self.companyAndDescendants(db, name)))")
            }
            return try Self.statisticTable(db, where: wh, args: args)
        }
    }

    static func statisticTable(_ db: Database, where wh: [String], args: StatementArguments) throws -> ResultTable {
        let rows = try Row.fetchAll(db, sql: """
            SELECT st.id, st.metric, st.measure, st.date, st.precision, c.name AS company, st.segment, st.region,
                   st.value, st.low, st.high, st.unit, st.qualifier, st.forecast, s.name AS source, s.url AS source_url,
                   cb.name AS cited_by, st.verification, st.note, st.entry_key
            FROM statistics st
            JOIN sources s ON s.id = st.source_id
            LEFT JOIN sources cb ON cb.id = st.cited_by_id
            LEFT JOIN companies c ON c.id = st.company_id
            \(wh.isEmpty ? "" : "WHERE " + wh.joined(separator: " AND "))
            ORDER BY st.metric, st.measure, st.date, c.name COLLATE NOCASE, st.segment, st.id
            """, arguments: args)
        return ResultTable(
            columns: ["row_id", "metric", "measure", "date", "company", "segment", "region", "value", "low", "high", "unit",
                      "qualifier", "forecast", "source", "source_url", "cited_by", "verification", "note", "id"],
            readable: ["row_id", "metric", "measure", "date", "company", "segment", "value", "unit", "qualifier", "source", "verification"],
            rows: rows.map { r in
                let date = EntryDate.stored(r["date"], precision: Precision(rawValue: r["precision"]) ?? .day)
                return [.int(r["id"]), Cell(r["metric"] as String?), Cell(r["measure"] as String?), Cell(date?.description),
                        Cell(r["company"] as String?), Cell(r["segment"] as String?), Cell(r["region"] as String?),
                        Cell(r["value"] as Double?), Cell(r["low"] as Double?), Cell(r["high"] as Double?), Cell(r["unit"] as String?),
                        Cell(r["qualifier"] as String?), .json(.bool((r["forecast"] as Int64) == 1)), Cell(r["source"] as String?),
                        Cell(r["source_url"] as String?), Cell(r["cited_by"] as String?), Cell(r["verification"] as String?),
                        Cell(r["note"] as String?), Cell(r["entry_key"] as String?)]
            })
    }
}
