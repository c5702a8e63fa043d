import Foundation
import Testing
@testable import AITrackCore

/// `aitrack pull` end to end against a server on loopback (Tests/Support/upstream_server.py).
@Suite struct PullCommandTests {
    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// The repository's own file at the seed's state: no change, nothing written (twice).
    @Test func theSeedsOwnFileChangesNothing() throws {
        let cli = try CLI()
        let server = try UpstreamServer(serving: EpochFiles.folder)
        let before = try bytes(cli.db)
        for _ in 0..<2 {
            let r = try cli.run("pull", "epoch_nvidia", "--url", server.url("files/\(EpochFiles.nvidia)"), "--apply")
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("(0 new, 0 revised, 102 as stored): no change\n"), "\(r.stdout)")
            #expect(r.stdout.hasSuffix("no change: the database holds these files' entries as they are\n"))
        }
        #expect(try bytes(cli.db) == before)
    }

    /// A revision upstream (a changed estimate, a dropped row, a new owner): the review names
    /// exactly those and the CR5 they move and writes nothing; --apply writes them with a
    /// snapshot, the mark and the history; the same file again writes nothing; the old file
    /// again brings the old estimate back.
    @Test func aRevisionReviewedAppliedAndUndone() throws {
        let cli = try CLI()
        let folder = cli.dir.appendingPathComponent("upstream")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let revised = try EpochFiles.revisedNvidia()
        try revised.write(to: folder.appendingPathComponent(EpochFiles.nvidia), atomically: true, encoding: .utf8)
        let server = try UpstreamServer(serving: folder)
        let url = server.url("files/\(EpochFiles.nvidia)")
        let original = try bytes(cli.db)

        let review = try cli.run("pull", "epoch_nvidia", "--url", url)
        #expect(review.status == 0, "\(review.stderr)")
        let out = review.stdout
        #expect(out.contains("(1 new, 1 revised, 100 as stored, 1 stored no longer in it)"), "\(out)")
        #expect(out.contains("  ! ai_compute_h100e | value | 2025-12-31 | china | nvidia |  | epoch ai | "))
        #expect(out.contains("  + ai_compute_h100e | value | 2025-12-31 | xai | nvidia |"))
        #expect(out.contains("2025-12-31 | meta platforms | nvidia |  | epoch ai | https://github.com/epoch-research/ai-chip-counts: "
                             + "value 1842317 → 2100000 (+14.0 %)"))
        #expect(out.contains("statistic: 1 added, 1 changed, 0 removed\n"), "only the revised statistics change")
        #expect(out.contains("  ai_compute_h100e 2025 CR5: 73.56 → "))
        #expect(review.stderr.contains("nothing written"))
        #expect(try bytes(cli.db) == original, "a review writes nothing")

        let applied = try cli.run("pull", "epoch_nvidia", "--url", url, "--apply", "--format", "json")
        #expect(applied.status == 0, "\(applied.stderr)")
        let snapshot = try cli.sqlite("SELECT recipe, url, bytes, sha256, licence, (SELECT command FROM ingests WHERE id = ingest_id) FROM snapshots")
        let sha = SHA256.hex(Array(revised.utf8))
        #expect(snapshot == "epoch_nvidia|\(url)|\(revised.utf8.count)|\(sha)|MIT|pull", "\(snapshot)")
        #expect(try cli.sqlite("""
            SELECT c.name, st.date FROM upstream_drops d JOIN statistics st ON st.id = d.statistic_id JOIN companies c ON c.id = st.company_id
            """) == "China|2025-12-31")
        #expect(try cli.sqlite("SELECT field, old_value, new_value FROM entry_history WHERE entry_table = 'statistics'") == "value|1842317.0|2100000.0")
        let history = try cli.run("stats", "--history", "--metric", "ai_compute_h100e", "--company", "Meta", "--format", "csv")
        #expect(history.stdout.hasPrefix("metric,date,company,segment,source,field,before,after,replaced_at,command,run,dropped_upstream\n"))
        #expect(history.stdout.contains("ai_compute_h100e,2025-12-31,Meta Platforms,Nvidia,Epoch AI,value,1842317,2100000,"), "\(history.stdout)")
        #expect(history.stdout.split(separator: "\n").count == 2)
        // the review's CR5 after is the figure the database now gives
        let moved = try JSONParser.parse(applied.stdout)
        guard case .array(let figures)? = jsonObject(jsonObject(moved)["diff"] ?? .null)["figures"],
              let cr5 = figures.first(where: { jsonObject($0)["figure"] == .string("ai_compute_h100e 2025 CR5") }),
              case .string(let after)? = jsonObject(cr5)["new"] else { Issue.record("no CR5 in \(applied.stdout)"); return }
        let conc = try cli.run("concentration", "--metric", "ai_compute_h100e", "--year", "2025", "--format", "json", "--draws", "0")
        #expect(conc.stdout.contains("\"top5_share\" : \(after)") || conc.stdout.contains("\"top5_share\": \(after)"), "\(after) \(conc.stdout.prefix(600))")

        let afterApply = try bytes(cli.db)
        let again = try cli.run("pull", "epoch_nvidia", "--url", url, "--apply")
        #expect(again.status == 0 && again.stdout.contains("no change"), "\(again.stdout)")
        #expect(try bytes(cli.db) == afterApply, "the same file again writes nothing")

        // the repository's file: Meta's estimate back (history keeps both), China's mark gone
        let back = try cli.run("pull", "epoch_nvidia", "--from", EpochFiles.folder.appendingPathComponent(EpochFiles.nvidia).path, "--apply")
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout.contains("upstream again (the mark taken away):\n  + ai_compute_h100e | value | 2025-12-31 | china"), "\(back.stdout)")
        #expect(try cli.sqlite("SELECT count(*) FROM upstream_drops") == "0")
        #expect(try cli.sqlite("SELECT group_concat(new_value, ' ') FROM entry_history WHERE field = 'value'") == "2100000.0 1842317.0")
        // xAI stays: the old file does not name it, so cannot say it dropped it (docs/SCHEMA.md, upstream_drops)
        #expect(back.stdout.contains("ai_compute_h100e 2025 CR5: \(after) → "), "\(back.stdout)")
        #expect(back.stdout.contains("value 2100000 → 1842317 (-12.3 %)"))
    }

    /// Every broken answer and every bad file: one sentence, a non-zero exit, the file untouched.
    @Test func brokenAnswersAndBadFilesWriteNothing() throws {
        let cli = try CLI()
        let folder = cli.dir.appendingPathComponent("upstream")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let original = try EpochFiles.text(EpochFiles.nvidia)
        try original.write(to: folder.appendingPathComponent(EpochFiles.nvidia), atomically: true, encoding: .utf8)
        try original.replacingOccurrences(of: ",Owner,", with: ",Owner name,")
            .write(to: folder.appendingPathComponent("renamed.csv"), atomically: true, encoding: .utf8)
        try original.replacingOccurrences(of: ",Microsoft,", with: ",Microsfot,")
            .write(to: folder.appendingPathComponent("lookalike.csv"), atomically: true, encoding: .utf8)
        try String(original.prefix(original.count / 2))
            .write(to: folder.appendingPathComponent("half.csv"), atomically: true, encoding: .utf8)
        let server = try UpstreamServer(serving: folder)
        let before = try bytes(cli.db)
        let cases: [(String, String)] = [
            ("status/404", "answered 404 (not found"),
            ("status/500", "answered 500 (not 2xx)"),
            ("redirect/\(EpochFiles.nvidia)", "redirects to another host (http://localhost:"),
            ("html/\(EpochFiles.nvidia)", "sent an HTML or XML page, not the recipe's csv"),
            ("truncated/\(EpochFiles.nvidia)", "ended before the length it announced"),
            ("stall/\(EpochFiles.nvidia)", "gave no answer within 1 second (--timeout)"),
            ("files/renamed.csv", ":1: "),
            ("files/lookalike.csv", "'Microsfot' does not resolve"),
            ("files/half.csv", "renamed.csv"),
        ]
        for (path, words) in cases {
            let r = try cli.run("pull", "epoch_nvidia", "--url", server.url(path), "--apply", "--timeout", "1")
            let lines = r.stderr.split(separator: "\n")
            if path == "files/half.csv" {
                // a file cut at a line's middle: a row with too few fields, refused at its line
                #expect(r.status != 0 && r.stderr.contains("half.csv:"), "\(r.stderr)")
            } else {
                #expect(r.status != 0 && r.stderr.contains(words), "\(path): \(r.stderr)")
            }
            // one sentence; a file with several bad lines gets one per line and a last that sums up
            #expect(lines.count == 1 || (path == "files/lookalike.csv" && lines.last?.hasSuffix("nothing was written.") == true),
                    "\(path): \(r.stderr)")
            #expect(!r.stderr.contains("Error") && !r.stderr.contains("Optional("), "\(path): \(r.stderr)")
            #expect(try bytes(cli.db) == before, "\(path) wrote to the database")
        }
        // a moved file on the same host is followed
        let moved = try cli.run("pull", "epoch_nvidia", "--url", server.url("moved/\(EpochFiles.nvidia)"))
        #expect(moved.status == 0 && moved.stdout.contains("no change"), "\(moved.stderr)")
        let usage = try cli.run("pull", "--all", "--from", "x.csv")
        #expect(usage.status != 0 && usage.stderr.contains("name exactly one recipe"))
    }
}
