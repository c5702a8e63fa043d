import Testing
@testable import AITrackCore

/// How names are compared: look-alikes fold to one key, and the one-pass ASCII check decides
/// as the predicate it replaced did.
@Suite struct NameKeyTests {
    @Test(arguments: [
        ("Meta Platforms", "meta platforms"), ("Meta\u{00A0}Platforms", "meta platforms"), ("Ｍeta", "meta"),
        ("Meta\u{200B}", "meta"), ("  Meta   Platforms ", "meta platforms"), ("CoreWeave", "coreweave"), ("", ""),
    ])
    func foldsLookAlikes(name: String, key: String) {
        #expect(NameKey.of(name) == key)
    }

    /// The predicate of before: printable ASCII or space, no double space, no space at either end.
    static func before(_ name: String) -> Bool {
        name.utf8.allSatisfy({ $0 >= 0x21 && $0 < 0x7F || $0 == 0x20 }) && !name.contains("  ")
            && name.first != " " && name.last != " " && !name.isEmpty
    }

    @Test(arguments: ["Meta", "Meta Platforms", " Meta", "Meta ", "Meta  AI", "a", " ", "", "x\u{7F}", "x\ty", "Müller",
                      "A B C", "~!@#$%^&*()", "a\u{00A0}b"])
    func plainASCIIAsBefore(name: String) {
        #expect(NameKey.isPlainASCII(name) == Self.before(name), "\(name)")
    }
}
