import AITrackCore
import ArgumentParser

extension Correlation: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }

/// `--draws`, `--seed`, `--correlation`: the Monte Carlo intervals of figures whose values carry
/// bounds (docs/CONCENTRATION.md §6).
struct SimulationOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Monte Carlo draws for the 90 % intervals of values with bounds (default 10000; 0: none).",
                                                        valueName: "n"))
    var draws: Int = Simulation.defaultDraws

    @Option(parsing: .unconditional, help: ArgumentHelp("The draws' seed: the same seed, the same figures (default \(Simulation.defaultSeed)).",
                                                        valueName: "n"))
    var seed: UInt64 = Simulation.defaultSeed

    @Option(help: ArgumentHelp("independent (default): every value drawn on its own; source: all values of a source move together.",
                               valueName: "independent|source"))
    var correlation: Correlation = .independent

    func validate() throws {
        guard (0...1_000_000).contains(draws) else {
            throw ValidationError("--draws: \(draws) is not a number of draws; valid: 0 (no intervals) to 1000000")
        }
    }

    /// The settings, or nil for `--draws 0`.
    var simulation: Simulation? { draws == 0 ? nil : Simulation(draws: draws, seed: seed, correlation: correlation) }
}
