import GRDB

/// Where a statistic's columns go, one by one in the order of `writeColumns`: the values
/// `upsert` compares and stores (`ColumnsSink`), the bulk insert's bound parameters
/// (`RawInsert.Binder`), or their names (`ColumnNames`). A value the entry leaves out is given
/// with its default and `stated: false`.
protocol StatisticColumnSink {
    /// The `identity` column: `parts` joined by `EntryWriter.identitySeparator`.
    mutating func identity(_ parts: () -> [String])
    mutating func text(_ name: String, _ value: String?, stated: Bool)
    mutating func integer(_ name: String, _ value: Int64?, stated: Bool)
    mutating func real(_ name: String, _ value: Double?, stated: Bool)
}

extension EntryWriter.PreparedStatistic {
    /// The statistic's columns, defined once for the row writer and the bulk insert.
    func writeColumns(to sink: inout some StatisticColumnSink) {
        let e = entry
        let iso = e.date.iso
        sink.identity { identityParts(iso: iso) }
        sink.text("metric", e.metric, stated: true)
        sink.text("measure", e.measure.rawValue, stated: true)
        sink.text("date", iso, stated: true)
        sink.text("precision", e.date.precision.rawValue, stated: true)
        sink.integer("company_id", companyID, stated: true)
        sink.text("segment", e.segment, stated: true)
        sink.text("region", e.region, stated: true)
        sink.real("value", e.value, stated: true)
        sink.real("low", e.low, stated: e.low != nil)
        sink.real("high", e.high, stated: e.high != nil)
        sink.text("unit", e.unit, stated: true)
        sink.text("qualifier", (e.qualifier ?? .exact).rawValue, stated: e.qualifier != nil)
        sink.integer("forecast", e.forecast ? 1 : 0, stated: true)
        sink.integer("source_id", sourceID, stated: true)
        sink.integer("cited_by_id", citedByID, stated: citedByID != nil)
        sink.text("note", e.common.note, stated: e.common.note != nil)
        sink.text("verification", (e.common.verification ?? .unverified).rawValue, stated: e.common.verification != nil)
        sink.text("entry_key", e.common.key, stated: e.common.key != nil)
    }

    /// A statistic whose columns name the columns (`EntryWriter.statisticColumns`).
    static let example = Self(
        entry: StatisticEntry(metric: "m", measure: .value, date: EntryDate(year: 2000, precision: .year), company: nil, segment: nil, region: nil,
                              value: 0, low: nil, high: nil, unit: "u", qualifier: nil, forecast: false, source: SourceRef(name: "s"),
                              citedBy: nil, common: EntryCommon()),
        companyID: nil, companyName: "", companyLower: "", sourceID: 0, sourceLower: "", citedByID: nil)
}

/// The values `upsert` compares and stores.
struct ColumnsSink: StatisticColumnSink {
    /// The identity, made once by the caller (it looks the row up by it too).
    let identity: String
    var columns = EntryWriter.Columns()

    mutating func identity(_ parts: () -> [String]) { columns.add("identity", identity) }
    mutating func text(_ name: String, _ value: String?, stated: Bool) {
        columns.add(name, value, stated: stated)
    }
    mutating func integer(_ name: String, _ value: Int64?, stated: Bool) {
        columns.add(name, value, stated: stated)
    }
    mutating func real(_ name: String, _ value: Double?, stated: Bool) {
        columns.add(name, value, stated: stated)
    }
}

/// The columns' names.
struct ColumnNames: StatisticColumnSink {
    var names: [String] = []
    mutating func identity(_ parts: () -> [String]) { names.append("identity") }
    mutating func text(_ name: String, _ value: String?, stated: Bool) { names.append(name) }
    mutating func integer(_ name: String, _ value: Int64?, stated: Bool) { names.append(name) }
    mutating func real(_ name: String, _ value: Double?, stated: Bool) { names.append(name) }
}

/// The bulk insert's parameters, bound in place (names are the statement's, in this order).
extension RawInsert.Binder: StatisticColumnSink {
    mutating func identity(_ parts: () -> [String]) { text(joining: parts(), separator: EntryWriter.identitySeparator) }
    mutating func text(_ name: String, _ value: String?, stated: Bool) { text(value) }
    mutating func integer(_ name: String, _ value: Int64?, stated: Bool) { integer(value) }
    mutating func real(_ name: String, _ value: Double?, stated: Bool) { real(value) }
}
