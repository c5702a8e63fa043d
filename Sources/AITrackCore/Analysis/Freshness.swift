/// How current a series is: how many calendar quarters have ended since its latest figure
/// (issue 29, item 4). Pure: dates in, a count out.
public enum Freshness {
    /// The quarter of an ISO day, as year × 4 + quarter − 1.
    static func quarterIndex(_ iso: String) -> Int? {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]) else { return nil }
        return parts[0] * 4 + (parts[1] - 1) / 3
    }

    /// Whether an ISO day is the last day of its quarter (03-31, 06-30, 09-30, 12-31).
    static func endsAQuarter(_ iso: String) -> Bool {
        ["-03-31", "-06-30", "-09-30", "-12-31"].contains { iso.hasSuffix($0) }
    }

    /// The number of quarter ends after `latestEnd` (the last day the latest figure covers) and
    /// on or before `asOf`: 0 when a figure for the last ended quarter is there.
    public static func quartersBehind(latestEnd: String, asOf: String) -> Int? {
        guard let latest = quarterIndex(latestEnd), let today = quarterIndex(asOf) else { return nil }
        let lastEnded = endsAQuarter(asOf) ? today : today - 1
        let firstAfter = endsAQuarter(latestEnd) ? latest + 1 : latest
        return max(0, lastEnded - firstAfter + 1)
    }
}
