import AITrackCore
import ArgumentParser

struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "What combining two firms would do to a market's concentration: ΔHHI and the merger guidelines' screens.",
        discussion: """
            Examples:
              aitrack screen --metric ai_compute_h100e --year 2025 \\
                --combine Meta --with Google
              aitrack screen --metric ai_compute_h100e --year 2025 \\
                --combine Microsoft --with CoreWeave \\
                --stake Microsoft:CoreWeave:5:0 --format json
              aitrack screen --deals --year 2025

            Shares are those of `aitrack concentration` (subsidiaries consolidated into their ultimate parent; names or aliases). \
            ΔHHI is 2 × a × b; the HHI before and after carry the bounds of the unattributed rest. Verdicts: US 2023 Merger \
            Guidelines (HHI after > 1,800 and ΔHHI > 100, or a combined share > 30 % and ΔHHI > 100), US 2010 Horizontal Merger \
            Guidelines (> 2,500 with ΔHHI > 200 presumed; 1,500–2,500 with ΔHHI > 100, or > 2,500 with ΔHHI 100–200: \
            potentially significant concerns), EU 2004 Horizontal Merger Guidelines (below 1,000; 1,000–2,000 with ΔHHI < 250; \
            above 2,000 with ΔHHI < 150: unlikely to raise concerns). --stake OWNER:TARGET:OWNERSHIP[:CONTROL] (percent; \
            repeatable) adds the modified HHI of O'Brien and Salop. A combination is a what-if, not a finding: an alliance or a \
            contract is not a merger. --deals screens every deal of the period between two firms that hold \
            shares of a market of it, one row per market and pair, largest ΔHHI first.
            """)

    @Option(help: ArgumentHelp("The metric, e.g. ai_compute_h100e.", valueName: "key")) var metric: String?
    @OptionGroup var period: PeriodOptions
    @Option(help: ArgumentHelp("The first firm (name or alias).", valueName: "company")) var combine: String?
    @Option(name: .customLong("with"), help: ArgumentHelp("The second firm (name or alias).", valueName: "company")) var other: String?
    @Flag(help: "Screen every deal of the period between two firms that hold shares of a market of it.") var deals = false
    @Option(name: .customLong("stake"), help: ArgumentHelp("A partial stake, OWNER:TARGET:OWNERSHIP[:CONTROL] in percent (repeatable).",
                                                           valueName: "stake"))
    var stakes: [String] = []
    @Option(help: ArgumentHelp("Output format (default: table on a terminal, csv otherwise).", valueName: "format")) var format: ListingFormat?
    @OptionGroup var simulation: SimulationOptions
    @OptionGroup var layout: WidthOptions
    @OptionGroup var db: DatabaseOptions

    /// `OWNER:TARGET:OWNERSHIP[:CONTROL]`, the numbers read from the right (names may hold a colon).
    static func stake(_ text: String) throws -> MergerScreen.Stake {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        func percent(_ s: String) -> Double? { Double(s).flatMap { (0...100).contains($0) ? $0 : nil } }
        if parts.count >= 4, let own = percent(parts[parts.count - 2]), let control = percent(parts[parts.count - 1]) {
            return MergerScreen.Stake(owner: parts[0], target: parts[1..<(parts.count - 2)].joined(separator: ":"), ownership: own, control: control)
        }
        if parts.count >= 3, let own = percent(parts[parts.count - 1]) {
            return MergerScreen.Stake(owner: parts[0], target: parts[1..<(parts.count - 1)].joined(separator: ":"), ownership: own)
        }
        throw ValidationError("--stake: '\(text)' is not OWNER:TARGET:OWNERSHIP[:CONTROL]; "
                              + "valid: e.g. Microsoft:CoreWeave:5 or Microsoft:CoreWeave:5:0 (percent, 0 to 100)")
    }

    func validate() throws {
        for s in stakes { _ = try Self.stake(s) }
        if deals {
            if metric != nil || combine != nil || other != nil || !stakes.isEmpty {
                throw ValidationError("--deals screens every deal and market of the period: leave out --metric, --combine, --with and --stake")
            }
        } else if metric == nil || combine == nil || other == nil {
            throw ValidationError("give --metric, --combine and --with (e.g. --metric ai_compute_h100e --combine Meta --with Google), or --deals")
        }
    }

    func run() throws {
        let f = format?.output ?? (Terminal.stdoutIsTerminal ? .table : .csv)
        guard let p = try period.resolve() else {
            throw AITrackError("screen needs a period: give --year (e.g. --year 2025), --period or --from/--to.")
        }
        let database = try db.openForReading()
        try database.requireIntactViewsAndTriggers()
        guard let metric, let combine, let other else {
            let rows = try database.screenDeals(period: p)
            if rows.isEmpty && !db.quiet { Terminal.err("aitrack: screen: no deal of \(p) is between two firms with shares of a market.") }
            Terminal.out(f == .table ? ScreenFormatter.dealsText(rows, width: layout.width)
                                     : TableFormatter.render(ScreenFormatter.dealsTable(rows), as: f))
            return
        }
        let screen = try database.screen(metric: metric, period: p, combine: combine, with: other, stakes: try stakes.map(Self.stake))
            .withIntervals(simulation.simulation)
        Terminal.out(ScreenFormatter.render(screen, as: f, width: layout.width))
    }
}
