import AITrackCore
import ArgumentParser

/// `--source`, `--source-url`, `--source-published`, `--cited-by`.
struct SourceOptions: ParsableArguments {
    @Option(help: "The source that reports it, e.g. Reuters.") var source: String?

    @Option(name: .customLong("source-url"), help: "The source document's URL.") var sourceURL: String?

    @Option(name: .customLong("source-published"), help: ArgumentHelp("When the source was published.", valueName: "date"))
    var sourcePublished: String?

    @Option(name: .customLong("cited-by"), help: ArgumentHelp("The secondary source that relayed it (e.g. a news article).", valueName: "source"))
    var citedBy: String?

    var fields: [(String, JSONValue)] {
        EntryRecord(["source": source, "source_url": sourceURL, "source_published": sourcePublished, "cited_by": citedBy]).fields
    }
}
