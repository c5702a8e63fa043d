import Testing
@testable import AITrackCore

@Suite struct AmountTests {
    @Test(arguments: [
        ("86000000000", 86e9), ("86e9", 86e9), ("10 bn", 1e10), ("10bn", 1e10), ("10 BN", 1e10),
        ("1.16 bn", 1_160_000_000), ("1.5k", 1500), ("2 tn", 2e12), ("100m", 1e8), ("100 million", 1e8),
        ("550,000", 550_000), ("1,234.5", 1234.5), ("0.1", 0.1), ("-5", -5), ("7.74e5", 774_000), ("3 billion", 3e9),
    ])
    func parses(text: String, expected: Double) throws {
        #expect(try Amount.parse(text, field: "value") == expected)
    }

    @Test(arguments: ["", "ten", "10 zillion", "1,23", "1e", "1.2.3", "10 bn bn", "$10", "e9", "1e399", "2e308 tn"])
    func refuses(text: String) {
        #expect(throws: FieldProblem.self) { try Amount.parse(text, field: "value") }
    }

    /// Issue 27 (defect 3): values of magnitude 1e18 or more, scaled by their suffix, are
    /// refused with the limit; just below it they are read.
    @Test(arguments: ["5e306", "1e18", "-1e18", "1000000000000000000", "1,000,000,000,000,000,000", "5e9 tn", "1e6 tn", "1e400", "-2e308 tn", "9e308"])
    func refusesValuesAtTheLimit(text: String) {
        #expect(throws: FieldProblem(field: "value", problem: "'\(text)' is too large", valid: "aitrack takes values below 1e18 in magnitude")) {
            try Amount.parse(text, field: "value")
        }
    }

    @Test func readsValuesBelowTheLimit() throws {
        #expect(try Amount.parse("9.99e17", field: "value") == 9.99e17)
        #expect(try Amount.parse("999999 tn", field: "value") == 999_999e12)
        #expect(try Amount.parse("-5", field: "value") == -5)
    }

    /// Issue 27 (defect 4): a comma after the point is a decimal comma, refused with the value
    /// as it would be written; it is never dropped from the fraction.
    @Test(arguments: [("1.000,5", "1000.5"), ("1.000,5 bn", "1000.5 bn"), ("1.234.567,89", "1234567.89"), ("-2.000,25", "-2000.25")])
    func refusesDecimalCommas(text: String, written: String) {
        #expect(Amount.parseOrNil(text) == nil)
        #expect(throws: FieldProblem(field: "value", problem: "'\(text)' has a comma after the decimal point", valid: "use a point for decimals: \(written)")) {
            try Amount.parse(text, field: "value")
        }
    }

    /// The documented forms still read as before (README: values).
    @Test func documentedFormsStillRead() throws {
        for (text, v) in [("10000000000", 1e10), ("10e9", 1e10), ("10 bn", 1e10), ("1.5k", 1500), ("2 tn", 2e12),
                          ("1,000.5", 1000.5), ("1,000,000", 1e6), ("550,000", 550_000.0)] {
            #expect(try Amount.parse(text, field: "value") == v, "\(text)")
        }
    }

    @Test func plainTextReadsBackExactly() {
        for v in [1e10, 0.1, 73.56, 1_160_000_000, 553_714, 1e-7, 123456789.125] {
            #expect(Double(NumberText.plain(v)) == v)
        }
        #expect(NumberText.plain(1e10) == "10000000000")
        #expect(NumberText.grouped(19_521_441) == "19,521,441")
        #expect(NumberText.fixed(73.5649, 2) == "73.56")
        #expect(NumberText.human(1e10) == "10 bn")
    }

    /// The byte-level path for plain decimals gives the general path's Double, bit for bit,
    /// on 20,000 random decimals of every length and on the edge cases; other forms it leaves
    /// to the general path.
    @Test func plainDecimalsReadAsTheGeneralPathReadsThem() {
        var rng = SystemRandomNumberGenerator()
        var cases = ["0", "-0", "0.0", "007", "1", "-1", "9007199254740993", "179769313486231570000000000000000000000",
                     "0.1", "0.30000000000000004", "123456789.125", "-0.000000000000000000001", "2.5", "1.005"]
        for _ in 0..<20_000 {
            let int = String((0..<Int.random(in: 1...20, using: &rng)).map { _ in "0123456789".randomElement(using: &rng)! })
            let frac = Bool.random(using: &rng) ? "." + String((0..<Int.random(in: 1...20, using: &rng)).map { _ in "0123456789".randomElement(using: &rng)! }) : ""
            cases.append((Bool.random(using: &rng) ? "-" : "") + int + frac)
        }
        for text in cases {
            let fast = Amount.plainDecimal(text), general = Amount.general(text)
            #expect(fast != nil, "\(text)")
            #expect(fast?.bitPattern == general?.bitPattern, "\(text)")
        }
        for other in ["+5", " 5", "5 ", "5.", ".5", "-.5", "1e5", "1,000", "-", "--5", "5-", "1.2.3", "10k", "", "٣"] {
            #expect(Amount.plainDecimal(other) == nil, "\(other)")
        }
    }

    /// No figure says `inf` or `nan` (issue 27, defect 2): what is not finite reads n/a, and a
    /// value near Double's largest keeps its exponent form with nothing padded after it.
    @Test func valuesThatAreNotFiniteOrHugeReadAsText() {
        #expect(NumberText.plain(.infinity) == "n/a" && NumberText.plain(-.infinity) == "n/a" && NumberText.plain(.nan) == "n/a")
        #expect(NumberText.fixed(.infinity, 1) == "n/a" && NumberText.fixed(.nan, 2) == "n/a")
        #expect(NumberText.fixed(1.7e308, 1) == "1.7e+308")
        #expect(NumberText.fixed(.greatestFiniteMagnitude, 2) == "1.7976931348623157e+308")
        #expect(NumberText.fixed(1e21, 2) == "1e+21" && NumberText.fixed(1e20, 1) == "100000000000000000000.0")
        #expect(NumberText.fixed(2.25, 1) == "2.3" && NumberText.fixed(12, 2) == "12.00")
        #expect(JSONValue.num(Double.infinity) == .null && JSONValue.num(Double.nan) == .null)
        #expect(JSONValue.num(1.7e308) == .number("1.7e+308"))
        #expect(Cell.double(.infinity).plain == "" && Cell.double(-.infinity).plain == "")
    }
}
