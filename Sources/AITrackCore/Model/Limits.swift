/// The fixed numbers of the data rules, each in one place (a test checks the SQL agrees).
public enum Limits {
    /// Levels of parents the `company_ultimate_parents` view follows (and aitrack allows).
    public static let parentDepth = 8
    /// How deep recursive queries (subsidiaries, ancestor checks) follow a chain at most:
    /// above `parentDepth`, so that a longer chain written behind aitrack's back is still found.
    public static let recursionDepth = 64
    /// Errors an ingest lists before it stops.
    public static let errorsListed = 50
}
