import Dispatch
import GRDB

/// The report's one read of every metric's values in the period and in the year before, for
/// both the concentration (of metrics with company data) and the latest statistics — the
/// report read every row twice before. A metric at a time, so that memory holds a few metrics'
/// rows, and on two threads: this one reads (SQLite, names), a second one computes (latest
/// rows, concentration), each metric while the next one is read. One connection, one read
/// transaction: the second thread never touches the database.
enum ReportPass {
    typealias Concentration = (now: ConcentrationResult, before: ConcentrationResult)

    /// A metric's rows of both years, with what its concentration needs when it has company data.
    private struct Metric: Sendable {
        var name: String, now: MetricRows, before: MetricRows
        var context: (now: MetricContext, before: MetricContext)?
    }

    /// What the computing thread makes; touched only on its queue (and read after it drained).
    private final class Results: @unchecked Sendable {
        var collector = LatestStatistics.Collector()
        var concentration: [Concentration] = []

        func add(_ m: Metric, consolidate: Bool) {
            for row in m.now.rows { collector.current(row) }
            for row in m.before.rows { collector.previous(row) }
            collector.finish(metric: m.name)
            if let context = m.context {
                concentration.append((context.now.concentration(m.now, consolidate: consolidate),
                                      context.before.concentration(m.before, consolidate: consolidate)))
            }
        }
    }

    static func run(_ db: Database, _ period: Period, consolidate: Bool, names: NameLookups) throws
        -> (concentration: [Concentration], latest: LatestStatistics.Found) {
        let results = Results()
        let queue = DispatchQueue(label: "aitrack.report")
        let slots = DispatchSemaphore(value: 2)   // at most two metrics read and not yet computed
        defer { queue.sync {} }                   // whatever happens here, the queue is drained
        for name in try LatestStatistics.metrics(db) {
            // bounds only for a metric whose definition makes a market: no other gets intervals
            let definition = try MetricContext.definition(db, metric: name)
            let bounds = definition.kind.makesAMarket && !definition.fiscal
            let now = try MetricRows.read(db, metric: name, period: period, names: names, bounds: bounds)
            if now.rows.isEmpty { continue }
            let before = try MetricRows.read(db, metric: name, period: period.previousYear, names: names, bounds: bounds)
            let context = now.hasHoldings
                ? (try MetricContext.read(db, metric: name, period: period), try MetricContext.read(db, metric: name, period: period.previousYear))
                : nil
            let metric = Metric(name: name, now: now, before: before, context: context)
            slots.wait()
            queue.async {
                results.add(metric, consolidate: consolidate)
                slots.signal()
            }
        }
        queue.sync {}
        return (results.concentration, results.collector.found)
    }
}
