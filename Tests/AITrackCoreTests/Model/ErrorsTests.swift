import Testing
@testable import AITrackCore

@Suite struct ErrorsTests {
    /// A message keeps its line breaks; a value quoted in one names them, and every other control
    /// character, so that it stays on its line.
    @Test func excerptsNameControlCharacters() {
        #expect(Excerpt.message("a\nb\u{7}") == "a\nbU+0007")
        #expect(Excerpt.value("a\nb\u{7}") == "aU+000AbU+0007")
        #expect(Excerpt.value("plain") == "plain")
        #expect(Excerpt.value(String(repeating: "x", count: 100)).count == 60)
    }
}
