import GRDB

/// The schema migrations, embedded in the binary from `Migrations/NNNN_name.sql`.
public enum Migrations {
    /// (identifier, SQL) in order. The identifier is the file name without `.sql`.
    public static let all: [(name: String, sql: String)] = [
        ("0001_init", String(decoding: PackageResources._001_init_sql, as: UTF8.self)),
        ("0002_concentration_views", String(decoding: PackageResources._002_concentration_views_sql, as: UTF8.self)),
        ("0003_views_in_rank_order", String(decoding: PackageResources._003_views_in_rank_order_sql, as: UTF8.self)),
        ("0004_foreign_key_indexes", String(decoding: PackageResources._004_foreign_key_indexes_sql, as: UTF8.self)),
        ("0005_deal_relations", String(decoding: PackageResources._005_deal_relations_sql, as: UTF8.self)),
        ("0006_views_filter_first", String(decoding: PackageResources._006_views_filter_first_sql, as: UTF8.self)),
        ("0007_checks_without_in_lists", String(decoding: PackageResources._007_checks_without_in_lists_sql, as: UTF8.self)),
        ("0008_unit_triggers_probe_one_row", String(decoding: PackageResources._008_unit_triggers_probe_one_row_sql, as: UTF8.self)),
        ("0009_deal_part_of", String(decoding: PackageResources._009_deal_part_of_sql, as: UTF8.self)),
        ("0010_metrics", String(decoding: PackageResources._010_metrics_sql, as: UTF8.self)),
        ("0011_views_one_period_markets", String(decoding: PackageResources._011_views_one_period_markets_sql, as: UTF8.self)),
        ("0012_metric_top_list", String(decoding: PackageResources._012_metric_top_list_sql, as: UTF8.self)),
        ("0013_history_and_snapshots", String(decoding: PackageResources._013_history_and_snapshots_sql, as: UTF8.self)),
        ("0014_removed_entries", String(decoding: PackageResources._014_removed_entries_sql, as: UTF8.self)),
        ("0015_source_via", String(decoding: PackageResources._015_source_via_sql, as: UTF8.self)),
        ("0016_statistic_identity_period", String(decoding: PackageResources._016_statistic_identity_period_sql, as: UTF8.self)),
    ]

    /// A table's SQL as SQLite keeps it in `sqlite_master` after the migrations: the last
    /// migration's `CREATE TABLE name (` or `CREATE TABLE name_new (` (a table made again and
    /// renamed, as 0007 does, is kept as `CREATE TABLE "name" (`) up to `) STRICT`. What a large
    /// ingest compares a file's tables with.
    static func tableSQL(_ name: String) -> String? {
        // by lines of bytes, without Foundation's search or Character splitting (each slower by
        // milliseconds, once per large ingest: BENCHMARKS.md)
        let (renamed, created, end) = (Array("CREATE TABLE \(name)_new (".utf8), Array("CREATE TABLE \(name) (".utf8), Array(") STRICT;".utf8))
        for (_, sql) in all.reversed() {
            var lines: [String] = []
            for line in sql.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                if lines.isEmpty {
                    if line.elementsEqual(renamed) { lines = ["CREATE TABLE \"\(name)\" ("] }
                    else if line.elementsEqual(created) { lines = [String(decoding: created, as: UTF8.self)] }
                } else if line.elementsEqual(end) {
                    return (lines + [") STRICT"]).joined(separator: "\n")
                } else {
                    lines.append(String(decoding: line, as: UTF8.self))
                }
            }
        }
        return nil
    }

    /// The schema version this binary writes: the number of migrations.
    public static var currentVersion: Int { all.count }

    /// Whether a file with these applied migrations and `user_version` is at this binary's schema.
    static func isCurrent(applied: Set<String>, userVersion: Int) -> Bool {
        applied.count == all.count && all.allSatisfy { applied.contains($0.name) } && userVersion == currentVersion
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        for (name, sql) in all {
            m.registerMigration(name) { db in
                try db.execute(sql: sql)
            }
        }
        return m
    }
}

/// The bundled seed data, embedded from `seed-data/`.
public enum SeedData {
    /// (file name, NDJSON text) in load order.
    public static let files: [(name: String, text: String)] = [
        ("metrics.ndjson", String(decoding: PackageResources.metrics_ndjson, as: UTF8.self)),
        ("article.ndjson", String(decoding: PackageResources.article_ndjson, as: UTF8.self)),
        ("epoch_ai_chip_counts.ndjson", String(decoding: PackageResources.epoch_ai_chip_counts_ndjson, as: UTF8.self)),
        ("market_2022_2026.ndjson", String(decoding: PackageResources.market_2022_2026_ndjson, as: UTF8.self)),
    ]
}
