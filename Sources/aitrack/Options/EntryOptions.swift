import AITrackCore
import ArgumentParser

/// What every add-* command takes besides its entry's fields: the common fields, how to treat
/// what is stored, and the database.
struct EntryOptions: ParsableArguments {
    @OptionGroup var common: CommonEntryOptions
    @OptionGroup var write: WriteOptions
    @OptionGroup var db: DatabaseOptions
}

/// Options every entry may carry.
struct CommonEntryOptions: ParsableArguments {
    @Option(help: "A note kept with the entry.") var note: String?

    @Option(help: ArgumentHelp("What the sources say of it (default unverified).", valueName: "verification")) var verification: Verification?

    @Option(name: .customLong("id"), help: ArgumentHelp("Your own stable key for the entry (its identity in later ingests).", valueName: "key"))
    var key: String?

    var fields: [(String, JSONValue)] { EntryRecord(["note": note, "verification": verification?.rawValue, "id": key]).fields }
}
