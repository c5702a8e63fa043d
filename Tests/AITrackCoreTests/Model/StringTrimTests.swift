import Testing
@testable import AITrackCore

@Suite struct StringTrimTests {
    @Test(arguments: [
        ("Nvidia", "Nvidia"), (" Nvidia ", "Nvidia"), ("\tNvidia\r\n", "Nvidia"), ("\u{0B}x\u{0C}", "x"),
        ("\u{00A0}Meta\u{2003}", "Meta"), ("Meta\u{0085}", "Meta"), ("\u{3000}東京\u{3000}", "東京"), ("é", "é"),
        ("a b", "a b"), ("~", "~"), ("", ""), ("   ", ""), ("\u{2028}", ""), ("\u{200B}x", "\u{200B}x"),
    ])
    func trimsUnicodeWhiteSpaceOnly(_ text: String, _ expected: String) {
        #expect(text.trimmed == expected)
        #expect(Substring(text).trimmed == expected)
    }
}
