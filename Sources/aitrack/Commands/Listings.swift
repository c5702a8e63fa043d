import AITrackCore
import ArgumentParser

struct Companies: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List companies with kind, parent, ultimate parent, aliases and counts.",
        discussion: """
            Examples:
              aitrack companies
              aitrack companies --kind aggregate
              aitrack companies --company Alphabet --format json    # Alphabet and its subsidiaries
            """)

    @Option(help: ArgumentHelp("Only this kind: company, lab, university, government, nonprofit, aggregate.", valueName: "kind"))
    var kind: String?
    @Option(help: "Only this company (name or alias) and its subsidiaries.")
    var company: String?
    @OptionGroup var format: FormatOptions
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let f = try format.resolve()
        let t = try db.open().companies(ListFilter(company: company, kind: kind))
        Terminal.out(TableFormatter.render(t, as: f))
    }
}

struct Deals: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List deals with parties, value (and USD value), status and source.",
        discussion: """
            Examples:
              aitrack deals --year 2025
              aitrack deals --company Meta --kind cloud_contract --format json
              aitrack deals --from 2025-Q3 --to 2026 --format csv > deals.csv
            """)

    @OptionGroup var period: PeriodOptions
    @Option(help: "Only deals with this company (name or alias) or a subsidiary as a party.")
    var company: String?
    @Option(help: ArgumentHelp("Only this deal kind.", valueName: "kind"))
    var kind: String?
    @Option(help: ArgumentHelp("Only this verification: unverified, verified, disputed, contradicted.", valueName: "verification"))
    var verification: String?
    @OptionGroup var format: FormatOptions
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let f = try format.resolve()
        let v = try verification.map { v in try wrap { try Verification.parse(v, field: "--verification") } }
        let t = try db.open().deals(ListFilter(period: try period.resolve(), company: company, kind: kind, verification: v))
        Terminal.out(TableFormatter.render(t, as: f))
    }
}

struct Alliances: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List alliances with their members.",
        discussion: """
            Examples:
              aitrack alliances
              aitrack alliances --company Meta --format json
              aitrack alliances --year 2023           # founded, joined or left in 2023
            """)

    @OptionGroup var period: PeriodOptions
    @Option(help: "Only alliances this company (or a subsidiary) belongs to.")
    var company: String?
    @OptionGroup var format: FormatOptions
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let f = try format.resolve()
        let t = try db.open().alliances(ListFilter(period: try period.resolve(), company: company))
        Terminal.out(TableFormatter.render(t, as: f))
    }
}

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "List statistics with company, segment, bounds, unit, source and verification.",
        discussion: """
            Examples:
              aitrack stats --year 2025
              aitrack stats --metric ai_compute_h100e --company Alphabet --period 2025-Q4
              aitrack stats --measure cr5 --format json          # published top-five shares
              aitrack stats --verification contradicted          # claims that the sources contradict
            """)

    @OptionGroup var period: PeriodOptions
    @Option(help: ArgumentHelp("Only this metric.", valueName: "key"))
    var metric: String?
    @Option(help: ArgumentHelp("Only this measure: value, cr1…cr10, hhi.", valueName: "measure"))
    var measure: String?
    @Option(help: "Only this company (name or alias) and its subsidiaries.")
    var company: String?
    @Option(help: ArgumentHelp("Only this verification: unverified, verified, disputed, contradicted.", valueName: "verification"))
    var verification: String?
    @OptionGroup var format: FormatOptions
    @OptionGroup var db: DatabaseOptions

    func run() throws {
        let f = try format.resolve()
        let m = try measure.map { m in try wrap { try Measure.parse(m, field: "--measure") } }
        let v = try verification.map { v in try wrap { try Verification.parse(v, field: "--verification") } }
        let t = try db.open().statistics(ListFilter(period: try period.resolve(), company: company, metric: metric, measure: m, verification: v))
        Terminal.out(TableFormatter.render(t, as: f))
    }
}

/// Turns a field problem of an option into the one-sentence error.
func wrap<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let p as FieldProblem {
        throw AITrackError(p.text + ".")
    }
}
