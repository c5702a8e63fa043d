import Foundation
import Testing
@testable import AITrackCore

@Suite struct IngestCommandTests {
    let entries = """
        {"type":"company","name":"Acme AI","kind":"lab","country":"DE"}
        {"type":"deal","date":"2026-01","kind":"investment","parties":["Acme AI:investee","Alphabet:investor"],"value":"250m","currency":"EUR","source":"Handelsblatt"}
        {"type":"fx","currency":"EUR","date":"2025-12-31","usd":1.17,"source":"ECB"}

        """

    @Test func fromStandardInputWithASummaryAndNothingElse() throws {
        let cli = try CLI()
        _ = try cli.run("init")
        let r = try cli.run("ingest", "-", stdin: entries)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        // on a pipe: the summary line only, no progress line
        #expect(r.stderr == "aitrack: 3 entries: 3 added, 0 unchanged, 0 replaced, 0 ignored\n")
        let again = try cli.run("ingest", "-", stdin: entries)
        #expect(again.stderr == "aitrack: 3 entries: 0 added, 3 unchanged, 0 replaced, 0 ignored\n")
        let quiet = try cli.run("ingest", "-", "--quiet", stdin: entries)
        #expect(quiet.status == 0 && quiet.stderr.isEmpty)
        // the EUR deal is converted with the rate on or before its date
        #expect(try cli.sqlite("SELECT value_usd FROM deals_overview WHERE title LIKE 'investment: %Acme AI%'") == "292500000.0")
    }

    @Test func errorsNameFileLineAndFieldAndWriteNothing() throws {
        let cli = try CLI()
        _ = try cli.run("init")
        let before = try cli.dump()
        let file = try cli.write("bad.ndjson", entries + #"{"type":"deal","date":"2025-02-30","kind":"other","parties":["A:customer"],"source":"S"}"# + "\n"
                                  + #"{"type":"company","name":"B","kind":"startup"}"# + "\n")
        let r = try cli.run("ingest", file)
        #expect(r.status != 0)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == "aitrack: \(file):4: date: '2025-02-30' is not a day of the calendar; valid days for 2025-02: 01 to 28")
        #expect(lines[1] == "\(file):5: kind: 'startup' is not a company kind; valid: company, lab, university, government, nonprofit, aggregate")
        #expect(lines[2] == "2 errors; nothing was written.")
        #expect(try cli.dump() == before)
        let missing = try cli.run("ingest", cli.dir.appendingPathComponent("nope.ndjson").path)
        #expect(missing.status != 0 && missing.stderr.contains("no such file"))
    }

    @Test func dryRunAndStrictNames() throws {
        let cli = try CLI()
        _ = try cli.run("init")
        let before = try cli.dump()
        let dry = try cli.run("ingest", "-", "--dry-run", stdin: #"{"type":"deal","date":"2025","kind":"other","parties":["Newco:customer"],"source":"S"}"# + "\n")
        #expect(dry.stderr == "aitrack: dry run, nothing written: 1 entry: 1 added, 0 unchanged, 0 replaced, 0 ignored; 1 company created: Newco\n")
        let strict = try cli.run("ingest", "-", "--strict-names", stdin: #"{"type":"deal","date":"2025","kind":"other","parties":["Newco:customer"],"source":"S"}"# + "\n")
        #expect(strict.status != 0 && strict.stderr.contains("-:1: parties: 'Newco' is not a known company or alias"))
        #expect(try cli.dump() == before)
    }

    @Test func mappedForeignCSVAndExportRoundTrip() throws {
        let cli = try CLI(seed: false)
        #expect(try cli.run("add-company", "--name", "Other", "--kind", "aggregate").status == 0)
        #expect(try cli.run("add-company", "--name", "China", "--kind", "aggregate").status == 0)
        let csv = CLI.root.appendingPathComponent("data/epoch-ai-chip-counts/tpu_owners_cumulative_totals.csv").path
        let r = try cli.run("ingest", csv, "--type", "statistic", "--map", "company=Owner", "--map", "date=End date",
                            "--map", "value=Compute estimate in H100e (median)", "--map", "low=H100e (5th percentile)",
                            "--map", "high=H100e (95th percentile)", "--set", "metric=ai_compute_h100e", "--set", "unit=H100e",
                            "--set", "segment=TPU", "--set", "source=Epoch AI", "--date-format", "M/d/yyyy")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("13 entries: 13 added"))
        #expect(try cli.sqlite("SELECT value, low, high FROM statistics_overview WHERE company = 'Google' AND date = '2025-12-31'") == "3812878.0|3083116.0|4537332.0")
        // export, ingest into an empty database, export again: the same text
        let first = try cli.run("export")
        let copy = try CLI(seed: false)
        let file = try copy.write("export.ndjson", first.stdout)
        #expect(try copy.run("ingest", file).status == 0)
        #expect(try copy.run("export").stdout == first.stdout)
        // CSV per type into a folder
        let dir = cli.dir.appendingPathComponent("csv").path
        #expect(try cli.run("export", "--format", "csv", "--dir", dir).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(files.contains("statistic.csv") && files.contains("company.csv"))
        let bad = try cli.run("export", "--format", "csv")
        #expect(bad.status != 0 && bad.stderr.contains("give --type"))
    }
}
