/// The fact check's claims as schema.org `ClaimReview` data (issue 25, item 4): one JSON-LD
/// `<script type="application/ld+json">` block for the HTML report. A browser runs no script of
/// that type, and the JSON escapes `<`, `>` and `&`, so no text from the database can end the
/// block or open a tag. Pure: claims in, text out.
public enum ClaimReview {
    /// The block's JSON: `@context` and a `@graph` of one `ClaimReview` per claim, in order.
    public static func json(_ claims: [Claim]) -> JSONValue {
        .object([("@context", .string("https://schema.org")), ("@graph", .array(claims.map(review)))])
    }

    static func review(_ c: Claim) -> JSONValue {
        var item: [(String, JSONValue)] = [("@type", .string("Claim")),
                                           ("author", .object([("@type", .string("Organization")), ("name", .string(c.saidBy))]))]
        if let date = isoDate(c.date) { item.append(("datePublished", .string(date))) }
        if let cites = c.cites { item.append(("citation", .object([("@type", .string("CreativeWork")), ("name", .string(cites))]))) }
        if let url = c.evidence, url.hasPrefix("https://") || url.hasPrefix("http://") {
            item.append(("appearance", .object([("@type", .string("CreativeWork")), ("url", .string(url))])))
        }
        var rating: [(String, JSONValue)] = [("@type", .string("Rating")), ("alternateName", .string(c.verification.rawValue))]
        if let reason = c.reason { rating.append(("ratingExplanation", .string(reason))) }
        var out: [(String, JSONValue)] = [("@type", .string("ClaimReview")), ("claimReviewed", .string(c.text)),
                                          ("itemReviewed", .object(item)),
                                          ("author", .object([("@type", .string("Organization")), ("name", .string("aitrack"))])),
                                          ("reviewRating", .object(rating))]
        if let computed = c.computed { out.append(("reviewBody", .string(computed))) }
        return .object(out)
    }

    /// A claim's date as ISO 8601 (`2025`, `2025-08`, `2025-08-21`); a quarter has none.
    static func isoDate(_ s: String) -> String? {
        let digits = s.split(separator: "-", omittingEmptySubsequences: false)
        guard [1, 2, 3].contains(digits.count), digits.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return nil }
        return s
    }

    /// The `<script>` element: the JSON with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`.
    public static func scriptElement(_ claims: [Claim]) -> String {
        var text = ""
        for ch in JSONWriter.string(json(claims)).unicodeScalars {
            switch ch {
            case "<": text += "\\u003c"
            case ">": text += "\\u003e"
            case "&": text += "\\u0026"
            default: text.unicodeScalars.append(ch)
            }
        }
        return "<script type=\"application/ld+json\">" + text + "</script>\n"
    }
}
