// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "aitrack",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "aitrack", targets: ["aitrack"]),
        .library(name: "AITrackCore", targets: ["AITrackCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
    ],
    targets: [
        .target(
            name: "AITrackCore",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")],
            resources: [
                // One line per file: a test fails when Migrations/ or seed-data/ holds a file
                // that is not embedded here, or when an embedded copy differs.
                .embedInCode("../../Migrations/0001_init.sql"),
                .embedInCode("../../Migrations/0002_concentration_views.sql"),
                .embedInCode("../../Migrations/0003_views_in_rank_order.sql"),
                .embedInCode("../../Migrations/0004_foreign_key_indexes.sql"),
                .embedInCode("../../Migrations/0005_deal_relations.sql"),
                .embedInCode("../../Migrations/0006_views_filter_first.sql"),
                .embedInCode("../../Migrations/0007_checks_without_in_lists.sql"),
                .embedInCode("../../Migrations/0008_unit_triggers_probe_one_row.sql"),
                .embedInCode("../../Migrations/0009_deal_part_of.sql"),
                .embedInCode("../../Migrations/0010_metrics.sql"),
                .embedInCode("../../Migrations/0011_views_one_period_markets.sql"),
                .embedInCode("../../Migrations/0012_metric_top_list.sql"),
                .embedInCode("../../Migrations/0013_history_and_snapshots.sql"),
                .embedInCode("../../Migrations/0014_removed_entries.sql"),
                .embedInCode("../../Migrations/0015_source_via.sql"),
                .embedInCode("../../Migrations/0016_statistic_identity_period.sql"),
                .embedInCode("../../seed-data/article.ndjson"),
                .embedInCode("../../seed-data/epoch_ai_chip_counts.ndjson"),
                .embedInCode("../../seed-data/market_2022_2026.ndjson"),
                .embedInCode("../../seed-data/metrics.ndjson"),
                .embedInCode("../../recipes/epoch_amd.json"),
                .embedInCode("../../recipes/epoch_coreweave.json"),
                .embedInCode("../../recipes/epoch_nvidia.json"),
                .embedInCode("../../recipes/epoch_nvidia_other.json"),
                .embedInCode("../../recipes/epoch_tpu.json"),
                .embedInCode("../../recipes/epoch_trainium.json"),
                // the tables' and columns' meanings, for `publish datasette` (SchemaDocumentTests)
                .embedInCode("../../docs/SCHEMA.md"),
            ]
        ),
        // one C function: sqlite3_config is variadic, which Swift cannot call
        .target(name: "CSQLiteSetup", cSettings: [.unsafeFlags(["-gdwarf-4"])]),   // valgrind reads DWARF 4
        .executableTarget(
            name: "aitrack",
            dependencies: [
                "AITrackCore",
                "CSQLiteSetup",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "AITrackCoreTests",
            dependencies: ["AITrackCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "aitrackTests",
            // depends on the executable so that `swift test` builds the binary it runs end to end
            dependencies: ["AITrackCore", "aitrack"]
        ),
    ]
)
