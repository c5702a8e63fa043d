import AITrackCore
import ArgumentParser

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the database (with the bundled seed data unless --no-seed) and print its schema version.",
        discussion: """
            Examples:
              aitrack init                      # ./aitrack.db with the seed data
              aitrack init --db empty.db --no-seed

            An existing database is upgraded to the current schema and left as it is otherwise.
            """)

    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let database = try db.open()
        Terminal.out("\(db.path): schema version \(try database.schemaVersion())\n")
    }
}
