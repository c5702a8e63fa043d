import Foundation
import Testing
@testable import AITrackCore

@Suite struct ClaimReviewTests {
    static let claim = Claim(kind: "statistic", rowID: 7, date: "2025", text: "cr5 of ai_compute_h100e 2025: at least 70 %",
                             saidBy: "news article, 2025", cites: "Stanford AI Index 2025", verification: .contradicted,
                             reason: "The AI Index 2025 does not state it </script>", evidence: "https://example.org/a?b=1&c=2",
                             computed: "computed 73.56 %: the data agree with the number")

    /// One ClaimReview per claim with the claim, who said it, whom it cites, the date, the verdict
    /// in words and its reason; the element's text holds no `<`, `>` or `&` and parses back.
    @Test func aClaimAsClaimReview() throws {
        let element = ClaimReview.scriptElement([Self.claim])
        let inner = element.dropFirst("<script type=\"application/ld+json\">".count).dropLast("</script>\n".count)
        #expect(!inner.contains("<") && !inner.contains(">") && !inner.contains("&"))
        let back = try JSONParser.parse(String(inner))
        #expect(back == ClaimReview.json([Self.claim]))
        guard case .object(let top) = back, case .array(let graph)? = top.first(where: { $0.0 == "@graph" })?.1,
              case .object(let review)? = graph.first else { Issue.record("no review"); return }
        let r = Dictionary(review, uniquingKeysWith: { a, _ in a })
        #expect(r["claimReviewed"] == .string(Self.claim.text))
        #expect(JSONWriter.string(r["reviewRating"]!) == #"{"@type":"Rating","alternateName":"contradicted","ratingExplanation":"#
                + #""The AI Index 2025 does not state it </script>"}"#)
        #expect(JSONWriter.string(r["itemReviewed"]!).contains(#""datePublished":"2025""#))
        #expect(JSONWriter.string(r["itemReviewed"]!).contains(#""citation":{"@type":"CreativeWork","name":"Stanford AI Index 2025"}"#))
    }

    /// ISO dates pass; a quarter has no ISO 8601 date and is left out.
    @Test func onlyISODates() {
        #expect(ClaimReview.isoDate("2025-08-21") == "2025-08-21" && ClaimReview.isoDate("2025") == "2025")
        #expect(ClaimReview.isoDate("2025-Q2") == nil && ClaimReview.isoDate("") == nil)
    }
}
