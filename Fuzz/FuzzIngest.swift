// libFuzzer entry point over the parsers an ingest runs on untrusted bytes: the NDJSON, JSON
// array and CSV readers, `--map`/`--set` handling, the entry decoder, and the date, value and
// name parsers. Built and run by scripts/fuzz.sh (not part of `swift test`). Any input may be
// refused; none may crash, hang or leak.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIngest(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    guard let mode = bytes.first else { return 0 }
    let body = Array(bytes.dropFirst())
    var options = IngestOptions()
    switch mode % 6 {
    case 0: options.format = .ndjson
    case 1: options.format = .json
    case 2: options.format = .csv
    case 3:
        // first line: --map/--set/--date-format specs separated by ';', then a foreign CSV
        let cut = body.firstIndex(of: 0x0A) ?? body.count
        let spec = String(decoding: body[..<cut], as: UTF8.self)
        for item in spec.split(separator: ";") {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { options.dateFormat = String(item); continue }
            if parts[0].hasPrefix("+") { options.sets.append((field: String(parts[0].dropFirst()), value: parts[1])) }
            else { options.maps.append((field: parts[0], column: parts[1])) }
        }
        options.format = .csv
        options.type = .statistic
        let input = IngestInput(name: "fuzz.csv", data: Data(body[min(cut + 1, body.count)...]))
        read(input, options)
        return 0
    case 4:
        let text = String(decoding: body, as: UTF8.self)
        _ = try? EntryDate.parse(text)
        _ = try? EntryDate.parse(text, pattern: "M/d/yyyy")
        _ = try? EntryDate.parse(text, pattern: String(text.prefix(12)))
        _ = Amount.parseOrNil(text)
        _ = NameKey.of(text)
        _ = Excerpt.message(text, limit: 50)
        if let v = Amount.parseOrNil(text) { _ = NumberText.grouped(v); _ = NumberText.human(v); _ = NumberText.fixed(v, 2) }
        if let d = try? EntryDate.parse(text) {
            let p = Period(d)
            _ = (p.fromISO, p.toISO, p.previousYear.toISO, Period.containing(p.fromISO, .quarter))
        }
        return 0
    default:
        options.type = .deal
    }
    read(IngestInput(name: "fuzz", data: Data(body)), options)
    return 0
}

private func read(_ input: IngestInput, _ options: IngestOptions) {
    let decoder = EntryDecoder(dateFormat: options.dateFormat, defaultType: options.type)
    var n = 0
    try? RecordReader.read(input, options: options) { _, result in
        if case .success(let record) = result { _ = try? decoder.decode(record) }
        n += 1
        return n < 10_000
    }
}
