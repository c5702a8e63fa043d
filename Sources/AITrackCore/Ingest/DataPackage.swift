import Foundation
import GRDB

/// A Frictionless Data Package v2 of the database (datapackage.org): `datapackage.json` and one
/// CSV resource per entry type, the files `export --format csv --dir` writes, each with a Table
/// Schema: field types, the CHECKs as constraints, primary keys (each type's identity), foreign
/// keys between resources, and `""` as the missing value. Written by aitrack's own JSON writer:
/// no Python at run time. Ingesting the `datapackage.json` reads its CSV resources.
public enum DataPackage {
    public static let descriptorName = "datapackage.json"

    /// The file of one resource: the entry type's CSV, beside the descriptor.
    public static func fileName(_ type: EntryType) -> String { "\(type.rawValue).csv" }

    /// The descriptor: a pure function of the licences found and the counts of entries, so that
    /// the same content gives the same bytes.
    static func descriptor(licences: [DataLicence], counts: [EntryType: Int]) -> JSONValue {
        let total = counts.values.reduce(0, +)
        let licenceObjects: [JSONValue] = licences.map { r in
            var o: [(String, JSONValue)] = [("name", .string(r.name))]
            if let url = r.url { o.append(("path", .string(url))) }
            o.append(("title", .string("\(r.name): the rows whose source is \(r.source)")))
            return .object(o)
        }
        var sources: [JSONValue] = licences.map { r in
            .object([("title", .string(r.source))] + (r.sourceURL.map { [("path", .string($0))] } ?? []))
        }
        sources.append(.object([("title", .string("Every row's own source: its source and source_url fields, listed in the "
                                                  + "source resource (source.csv)")), ("path", .string(fileName(.source)))]))
        var contributors: [JSONValue] = licences.map { r in
            .object([("title", .string(r.source))] + (r.sourceURL.map { [("path", .string($0))] } ?? [])
                    + [("roles", .array([.string("creator")]))])
        }
        contributors.append(.object([("title", .string("aitrack")), ("roles", .array([.string("publisher")]))]))
        let description = "Companies, deals, alliances, memberships, metric definitions and dated, sourced statistics of the "
            + "AI-infrastructure market, as tracked by aitrack: \(total) entries. Each row names the source it was read in; "
            + "figures are their publishers'. Dates keep the precision they were reported in (2025, 2025-Q3, 2025-08, "
            + "2025-08-21). Ingest this file with `aitrack ingest datapackage.json`."
        return .object([
            ("$schema", .string("https://datapackage.org/profiles/2.0/datapackage.json")),
            ("name", .string("aitrack")),
            ("title", .string("AI-infrastructure market: companies, deals, alliances and sourced statistics")),
            ("description", .string(description)),
            ("licenses", .array(licenceObjects)),
            ("sources", .array(sources)),
            ("contributors", .array(contributors)),
            ("resources", .array(EntryType.ingestOrder.map { resource($0, count: counts[$0] ?? 0, licences: licences) })),
        ])
    }

    static func resource(_ type: EntryType, count: Int, licences: [DataLicence]) -> JSONValue {
        var o: [(String, JSONValue)] = [
            ("name", .string(type.rawValue)),
            ("type", .string("table")),
            ("path", .string(fileName(type))),
            ("format", .string("csv")),
            ("mediatype", .string("text/csv")),
            ("encoding", .string("utf-8")),
            ("title", .string(titles[type]!)),
            ("description", .string("\(count) entr\(count == 1 ? "y" : "ies") of type \(type.rawValue).")),
        ]
        if type == .statistic && !licences.isEmpty {
            o.append(("licenses", .array(licences.map { r in
                .object([("name", .string(r.name))] + (r.url.map { [("path", .string($0))] } ?? [])
                        + [("title", .string("\(r.name): the rows whose source is \(r.source)"))])
            })))
        }
        o.append(("schema", schema(type)))
        return .object(o)
    }

    static let titles: [EntryType: String] = [
        .company: "Companies, labs, governments and aggregates", .source: "Sources: the documents rows were read in",
        .metric: "Metric definitions", .alliance: "Alliances", .membership: "Alliance memberships",
        .deal: "Deals", .statistic: "Dated, sourced statistics", .fx: "Exchange rates (US dollars per unit)",
    ]

    /// Each type's identity (what makes re-ingest idempotent) as the primary key.
    static let primaryKeys: [EntryType: [String]] = [
        .company: ["name"], .source: ["name", "url", "via_url"], .metric: ["name"], .alliance: ["name"], .membership: ["alliance", "company"],
        .deal: ["date", "kind", "parties", "source", "source_url"], .fx: ["currency", "date"],
        .statistic: ["metric", "measure", "date", "company", "segment", "region", "source", "source_url"],
    ]

    /// References the database enforces (by row id), as names between resources.
    static func foreignKeys(_ type: EntryType) -> [JSONValue] {
        func key(_ fields: [String], _ resource: EntryType, _ to: [String]) -> JSONValue {
            .object([("fields", .array(fields.map { .string($0) })),
                     ("reference", .object((resource == type ? [] : [("resource", .string(resource.rawValue))])
                                            + [("fields", .array(to.map { .string($0) }))]))])
        }
        let source = key(["source", "source_url", "source_via_url"], .source, ["name", "url", "via_url"])
        switch type {
        case .company: return [key(["parent"], .company, ["name"])]
        case .source: return []
        case .metric, .alliance, .fx: return [source]
        case .membership: return [key(["alliance"], .alliance, ["name"]), key(["company"], .company, ["name"]), source]
        case .deal: return [source, key(["part_of_source", "part_of_source_url"], .source, ["name", "url"])]
        case .statistic: return [key(["company"], .company, ["name"]), source]
        }
    }

    static func schema(_ type: EntryType) -> JSONValue {
        let header = ExportQuery.csvHeader(type)
        return .object([
            ("$schema", .string("https://datapackage.org/profiles/2.0/tableschema.json")),
            ("fields", .array(header.map { field($0, of: type) })),
            ("missingValues", .array([.string("")])),
            ("primaryKey", .array(primaryKeys[type]!.map { .string($0) })),
            ("foreignKeys", .array(foreignKeys(type))),
        ])
    }
}

extension DatabaseReading {
    /// `datapackage.json` for the database's content (indented, ending in a newline). Licences
    /// are those of the bundled recipes whose source has statistics here (Epoch AI's MIT).
    public func dataPackageDescriptor() throws -> String {
        var counts = [EntryType: Int]()
        for t in EntryType.allCases { counts[t] = try entryCount(t) }
        let licences = try bundledLicencesInUse()
        return JSONWriter.prettyString(DataPackage.descriptor(licences: licences, counts: counts)) + "\n"
    }

    /// The licences of the bundled recipes whose source has statistics in the database.
    public func bundledLicencesInUse() throws -> [DataLicence] {
        try reader.read { db in
            var licences: [Recipe] = []
            let same = { (a: Recipe, b: Recipe) in (a.licence, a.licenceURL, a.source) == (b.licence, b.licenceURL, b.source) }
            for r in Recipe.bundled where !licences.contains(where: { same($0, r) }) {
                let used = try Bool.fetchOne(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM statistics st JOIN sources s ON s.id = st.source_id
                                   WHERE s.name = ? COLLATE NOCASE AND coalesce(s.url, '') = coalesce(?, ''))
                    """, arguments: [r.source, r.sourceURL]) ?? false
                if used { licences.append(r) }
            }
            return licences.map { DataLicence(name: $0.licence, url: $0.licenceURL, source: $0.source, sourceURL: $0.sourceURL) }
        }
    }

}
