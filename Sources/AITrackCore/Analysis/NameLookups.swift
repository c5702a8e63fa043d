import Foundation
import GRDB

/// Companies (name, ultimate parent, whether an aggregate) and sources by id, looked up once for
/// all the metrics and years of a report rather than once for each (a company's look-up goes
/// through the parents view: 30,000 instructions, 20,000 times in a report on a million rows);
/// and segment and region texts numbered by their bytes, so that a pass over the rows hashes
/// small integers, not text. Rows refer to all of these by their place in `tables`.
final class NameLookups {
    struct Company: Sendable {
        var name: String, parent: String, aggregate: Bool
        /// The number of the lowercased name (ConcentrationCalculator's key for a company).
        var key: Int
    }

    /// What rows refer to by number; a copy of it can go to another thread with them.
    struct Tables: Sendable {
        var companies: [Company] = [], sources: [String] = []
        /// The numbers of the sources' lowercased names, by place (one source by name: a report
        /// read on two mirrors is two rows of `sources` and one source).
        var sourceKeys: [Int] = []
        /// Texts by number, and the numbers of their lowercased forms.
        var texts: [String] = [], textKeys: [Int] = []
    }

    private(set) var tables = Tables()
    private var companyPlaces: [Int64: Int32] = [:]
    private var sourcePlaces: [Int64: Int32] = [:]
    @exclusivity(unchecked) private var lastSource: (id: Int64, place: Int32)?
    /// Lowercased names and segments, numbered.
    private var lowercased: [String: Int] = [:]
    private var textNumbers: [[UInt8]: Int32] = [:]
    /// The few texts seen most (segments, regions), compared byte for byte before any hashing.
    @exclusivity(unchecked) private var recent: [(bytes: [UInt8], number: Int32)] = []

    func company(_ id: Int64, _ db: Database) throws -> Company? {
        try companyPlace(id, db).map { tables.companies[Int($0)] }
    }

    /// The company's place in `tables.companies`; nil for an id no company has.
    func companyPlace(_ id: Int64, _ db: Database) throws -> Int32? {
        // ids are rowids, mostly small: an array slot each (hashing them cost 400 instructions a row)
        if id >= 0 && id < placesByID.count, placesByID[Int(id)] != Self.unknown { return placesByID[Int(id)] < 0 ? nil : placesByID[Int(id)] }
        if let known = companyPlaces[id] { return known < 0 ? nil : known }
        let place = try lookUpCompany(id, db)
        if id >= 0 && id < 1 << 20 {
            if id >= placesByID.count { placesByID += repeatElement(Self.unknown, count: Int(id) + 1 - placesByID.count) }
            placesByID[Int(id)] = place ?? -1
        } else {
            companyPlaces[id] = place ?? -1
        }
        return place
    }

    private static let unknown = Int32.min
    @exclusivity(unchecked) private var placesByID: [Int32] = []

    private func lookUpCompany(_ id: Int64, _ db: Database) throws -> Int32? {
        let c = try Row.fetchOne(db.cachedStatement(sql: "SELECT company, kind, ultimate_parent FROM company_ultimate_parents WHERE company_id = ?"),
                                 arguments: [id])
        guard let c else { return nil }
        tables.companies.append(Company(name: c["company"], parent: c["ultimate_parent"], aggregate: (c["kind"] as String) == "aggregate",
                                        key: lowercasedNumber(c["company"])))
        return Int32(tables.companies.count - 1)
    }

    /// The source's place in `tables.sources` (its name; "" for an id no source has).
    func sourcePlace(_ id: Int64, _ db: Database) throws -> Int32 {
        if let last = lastSource, last.id == id { return last.place }
        let place: Int32
        if let known = sourcePlaces[id] {
            place = known
        } else {
            tables.sources.append(try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM sources WHERE id = ?"), arguments: [id]) ?? "")
            tables.sourceKeys.append(lowercasedNumber(tables.sources[tables.sources.count - 1]))
            place = Int32(tables.sources.count - 1)
            sourcePlaces[id] = place
        }
        lastSource = (id, place)
        return place
    }

    /// The number of a lowercased text (Swift's `lowercased()`, as ConcentrationCalculator keys).
    func lowercasedNumber(_ text: String) -> Int {
        let key = text.lowercased()
        if let n = lowercased[key] { return n }
        lowercased[key] = lowercased.count
        return lowercased.count - 1
    }

    /// The number of a text given by its bytes (equal bytes, equal numbers: SQLite's grouping).
    func textNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        for r in recent where r.bytes.count == bytes.count
            && (bytes.isEmpty || r.bytes.withUnsafeBufferPointer { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
            return r.number
        }
        let array = Array(bytes)
        let number: Int32
        if let known = textNumbers[array] {
            number = known
        } else {
            number = Int32(tables.texts.count)
            textNumbers[array] = number
            let text = String(decoding: array, as: UTF8.self)
            tables.texts.append(text)
            tables.textKeys.append(lowercasedNumber(text))
        }
        if recent.count < 8 { recent.append((array, number)) }
        return number
    }
}
