import Foundation
import Testing
@testable import AITrackCore

/// Writers wait for each other and all land; first users of a missing database wait for the
/// one that creates it, and the seed is loaded once.
@Suite(.serialized) struct ConcurrentUseTests {
    @Test func eightWritersTimesFiftyAllLand() throws {
        let cli = try CLI()
        let before = Int(try cli.sqlite("SELECT count(*) FROM companies"))!
        let group = DispatchGroup()
        let failures = Failures()
        for w in 0..<8 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                for k in 0..<50 {
                    guard let r = try? cli.run("add-company", "--name", "Writer \(w) company \(k)", "--quiet"), r.status == 0 else {
                        failures.add("writer \(w) write \(k)")
                        continue
                    }
                }
            }
        }
        group.wait()
        #expect(failures.all.isEmpty, "\(failures.all)")
        #expect(Int(try cli.sqlite("SELECT count(*) FROM companies"))! == before + 400)
        #expect(try cli.run("check").status == 0)
    }

    @Test func eightFirstUsersOfAMissingDatabase() throws {
        let rounds = 5
        for round in 0..<rounds {
            let cli = try CLI(create: false)
            let commands: [[String]] = [["report", "--year", "2025"], ["companies"], ["add-company", "--name", "First A"], ["stats"],
                                        ["add-company", "--name", "First B"], ["init"], ["deals"], ["concentration", "--metric", "ai_compute_h100e", "--year", "2025"]]
            let group = DispatchGroup()
            let failures = Failures()
            for args in commands {
                group.enter()
                Thread.detachNewThread {
                    defer { group.leave() }
                    // the default ./aitrack.db: read commands create it there too (the quick start)
                    guard let r = try? cli.run(args + ["--quiet"], withDB: false), r.status == 0 else { failures.add("\(args)"); return }
                }
            }
            group.wait()
            #expect(failures.all.isEmpty, "round \(round): \(failures.all)")
            #expect(try cli.sqlite("SELECT count(*) FROM ingests WHERE command = 'seed'") == "1", "round \(round)")
            #expect(try cli.sqlite("SELECT count(*) FROM companies WHERE name IN ('First A', 'First B')") == "2", "round \(round)")
            #expect(try cli.run("check").status == 0)
        }
    }
}
