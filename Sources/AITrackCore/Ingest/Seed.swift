import Foundation
import GRDB

/// The bundled seed data (`SeedData`, Database/Migrations.swift): what a new database is filled
/// with, as an ingest inside the transaction that creates it. The Database layer takes it as an
/// `AppDatabase.Seeding` and knows nothing of ingest; these doors give it.
extension AppDatabase {
    /// The bundled seed data as ingest inputs.
    static var seedInputs: [IngestInput] {
        SeedData.files.map { IngestInput(name: "seed-data/\($0.name)", data: Data($0.text.utf8)) }
    }

    /// Loads the bundled seed inside the transaction that creates a database.
    public static let seed: Seeding = { db, path in
        try ingest(db, seedInputs, options: IngestOptions(), command: "seed", path: path)
    }

    /// An in-memory database with the current schema, with the seed or empty (tests).
    public static func inMemory(seed: Bool = false) throws -> AppDatabase {
        try inMemory(seeding: seed ? Self.seed : nil)
    }

    /// `open(path:seeding:)` with the bundled seed for a new file, or none.
    public static func open(path: String, seed: Bool = true, busyTimeout: Int = defaultBusyTimeout) throws -> Opened {
        try open(path: path, seeding: seed ? Self.seed : nil, busyTimeout: busyTimeout)
    }

    /// `openForReading(path:create:seeding:)` with the bundled seed for a new file, or none.
    public static func openForReading(path: String, create: Bool, seed: Bool = true,
                                      busyTimeout: Int = defaultBusyTimeout) throws -> OpenedForReading {
        try openForReading(path: path, create: create, seeding: seed ? Self.seed : nil, busyTimeout: busyTimeout)
    }

    /// Loads the bundled seed data (tests; a new database gets it when it is created).
    @discardableResult
    public func loadSeed() throws -> WriteSummary {
        try ingest(Self.seedInputs, options: IngestOptions(), command: "seed")
    }
}
