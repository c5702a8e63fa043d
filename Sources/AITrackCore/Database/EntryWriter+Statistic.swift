import GRDB

/// Statistic and exchange-rate entries.
extension EntryWriter {
    /// A statistic entry checked and resolved: its unit agrees with the metric's, its company
    /// and sources have ids (created when new), and its identity is known.
    struct PreparedStatistic {
        var entry: StatisticEntry
        var companyID: Int64?
        var companyName: String
        var companyLower: String
        var sourceID: Int64
        var sourceLower: String
        var citedByID: Int64?

        /// metric|measure|date|company|segment|region|source name|source url, in lower case
        /// but the URL: what tells two statistics apart (the `identity` column). The date is the
        /// period as written (2025, 2025-Q1, 2025-01-15): a year and its first quarter are two
        /// entries (migration 0016). The source is the originator; the page it was read on
        /// (`via`) is not part of it.
        var identity: String { EntryWriter.joined(identityParts(iso: entry.date.iso)) }

        /// The identity's parts, `iso` being the entry's ISO date (the bulk insert binds them
        /// joined, without a String in between: a String made and checked per row was a
        /// twentieth of the writing thread; a day's date is used as it is).
        func identityParts(iso: String) -> [String] {
            let e = entry
            return [e.metric, e.measure.rawValue, e.date.precision == .day ? iso : e.date.description, companyLower,
                    e.segment.map(EntryWriter.lowercased) ?? "", e.region.map(EntryWriter.lowercased) ?? "", sourceLower, e.source.url ?? ""]
        }
    }

    func prepare(_ e: StatisticEntry) throws -> PreparedStatistic {
        if e.measure == .value {
            let stored: String?
            if let u = metricUnits[e.metric] {
                stored = u
            } else {
                stored = try StoredUnit.of(e.metric, in: db)
                if let stored { metricUnits[e.metric] = stored }
            }
            if let stored, stored != e.unit {
                // a unit an earlier entry of this write gave is not yet "stored"
                let whence = runMetricUnits.contains(e.metric) ? "an earlier entry of this input gave" : "stored for"
                throw FieldProblem(field: "unit", problem: "'\(e.unit)' differs from the unit '\(stored)' \(whence) metric \(e.metric)",
                                   valid: "valid: \(stored) (a metric has one unit; give another unit a metric of its own)")
            }
            if stored == nil, !storedMetrics.contains(e.metric), let close = CloseNames.closest(to: e.metric, in: storedMetrics) {
                if strictNames {
                    throw FieldProblem(field: "metric", problem: "'\(e.metric)' is a new metric, close to the stored \(close)",
                                       valid: "valid: \(close)", remedy: .allowNewNames)
                }
                summary.lookAlikes.append((what: "metric", created: e.metric, suggestion: close))
                storedMetrics.append(e.metric)
            }
            if stored == nil {
                // the metric's first values: in the unit its definition gives, if it has one
                if let defined = try String.fetchOne(db.cachedStatement(sql: "SELECT unit FROM metrics WHERE name = ?"), arguments: [e.metric]),
                   defined != e.unit {
                    throw FieldProblem(field: "unit", problem: "'\(e.unit)' differs from the unit '\(defined)' of metric \(e.metric)'s definition",
                                       valid: "valid: \(defined) (or define the metric again with this unit)")
                }
                runMetricUnits.insert(e.metric)
            }
            metricUnits[e.metric] = e.unit
        }
        var companyName = ""
        var companyLower = ""
        var cid: Int64?
        if let c = e.company {
            let id = try companyID(c, field: "company")
            cid = id
            (companyName, companyLower) = try canonicalCompanyNames(id)
        }
        let (sourceID, sourceLower) = try sourceIDAndLowerName(e.source)
        let p = PreparedStatistic(entry: e, companyID: cid, companyName: companyName, companyLower: companyLower,
                                  sourceID: sourceID, sourceLower: sourceLower, citedByID: try citedByID(e.citedBy))
        if forPull {
            summary.identities.insert(p.identity)
            if let cid { summary.companyIDs.insert(cid) }
        }
        return p
    }

    /// `text.lowercased()`, without a new String when it has no capital letter and is ASCII
    /// (most segments and regions).
    static func lowercased(_ text: String) -> String {
        var plain = true
        for b in text.utf8 where b >= 0x80 || (b >= 0x41 && b <= 0x5A) {
            plain = false
            break
        }
        return plain ? text : text.lowercased()
    }

    /// The source's id and its name in lower case, the last one remembered: most files name one
    /// source for many statistics (its key, look-up and published date once, not per entry).
    func sourceIDAndLowerName(_ ref: SourceRef) throws -> (Int64, String) {
        if let last = lastSource, last.ref == ref { return (last.id, last.lower) }
        let id = try sourceID(ref)
        let lower = ref.name.lowercased()
        lastSource = (ref, id, lower)
        return (id, lower)
    }

    /// What separates the parts of a statistic's identity.
    static let identitySeparator = UInt8(ascii: "|")

    /// The parts joined by "|", written once into a String of the right size (not `joined`, nor
    /// appended one by one: BENCHMARKS.md, "Figures moved out of source comments").
    static func joined(_ parts: [String]) -> String {
        let count = JoinedBytes.count(parts)
        guard count > 0 else { return "" }
        return String(unsafeUninitializedCapacity: count) { buffer in
            JoinedBytes.write(parts, separator: identitySeparator, to: buffer.baseAddress!)
        }
    }

    /// One statistic on its own (an add command, or an entry with an id); `ingest` writes the
    /// others in chunks (`EntryWriter+Bulk`).
    func statistic(_ e: StatisticEntry) throws -> Outcome {
        try upsert(prepare(e))
    }

    /// Finds the statistic by its id or identity, then adds, leaves, replaces or ignores it.
    func upsert(_ p: PreparedStatistic) throws -> Outcome {
        let e = p.entry
        let who = p.companyName.isEmpty ? "market" : p.companyName
        let identity = p.identity
        if try removedEarlier("statistics", identity: identity, key: e.common.key) { return .removedEarlier }
        let (_, outcome) = try upsert(table: "statistics", lookup: lookup(key: e.common.key, else: ("identity = ?", [identity])),
                                       columns: columns(p, identity: identity),
                                       describe: "statistic \(e.metric)\(e.measure == .value ? "" : " " + e.measure.rawValue) \(e.date) "
                                           + "\(who)\(e.segment.map { " " + $0 } ?? "") (\(e.source.name))")
        return outcome
    }

    /// The statistic's columns as `upsert` compares and stores them.
    func columns(_ p: PreparedStatistic, identity: String) -> Columns {
        var sink = ColumnsSink(identity: identity)
        p.writeColumns(to: &sink)
        return sink.columns
    }

    /// The columns of `statistics` an entry writes, in `writeColumns`' order.
    static let statisticColumns: [String] = {
        var sink = ColumnNames()
        PreparedStatistic.example.writeColumns(to: &sink)
        return sink.names
    }()

    /// The columns of the bulk insert: the statistic's and the ingest's id.
    static let insertedColumns = statisticColumns + ["ingest_id"]

    /// Inserts statistics whose identity is not stored (nor given earlier in the run) with one
    /// statement, in order; returns how many were added. Columns an entry leaves out get the
    /// defaults `upsert` would store.
    func insertNew(_ rows: some Collection<PreparedStatistic>) throws -> Int {
        let insert: RawInsert
        if let cached = batch.inserts[rows.count] {
            insert = cached
        } else {
            let one = "(" + Array(repeating: "?", count: Self.insertedColumns.count).joined(separator: ", ") + ")"
            insert = try RawInsert(db, sql: """
                INSERT INTO statistics (\(Self.insertedColumns.map(quoteIdent).joined(separator: ", ")))
                VALUES \(Array(repeating: one, count: rows.count).joined(separator: ", ")) ON CONFLICT (identity) DO NOTHING
                """)
            batch.inserts[rows.count] = insert
        }
        return try insert.run { b in
            for p in rows {
                p.writeColumns(to: &b)
                b.integer(ingestID)
            }
        }
    }

    func fx(_ e: FXEntry) throws -> Outcome {
        var cols = Columns()
        cols.add("currency", e.currency)
        cols.add("date", e.date.iso)
        cols.add("usd", e.usd)
        cols.add("source_id", given: try e.source.map(sourceID))
        cols.add("note", given: e.common.note)
        cols.add("entry_key", given: e.common.key)
        let (_, outcome) = try upsert(table: "fx_rates",
                                       lookup: lookup(key: e.common.key, else: ("currency = ? AND date = ?", [e.currency, e.date.iso])),
                                       columns: cols, describe: "rate \(e.currency) \(e.date)")
        return outcome
    }
}
