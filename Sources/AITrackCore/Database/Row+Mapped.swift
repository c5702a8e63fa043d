import GRDB

extension Row {
    /// Every row of a query, turned into a value as it is read.
    ///
    /// `Row.fetchAll` copies each row, and a copied row finds a column by name by lowercasing
    /// every column name on each lookup: on a report over 80,000 statistics that was a sixth of
    /// the run (BENCHMARKS.md). A cursor's row looks names up in the statement's dictionary.
    /// `transform` must not keep the row: the cursor reuses it.
    static func mapAll<T>(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments(),
                          _ transform: (Row) throws -> T) throws -> [T] {
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        var values: [T] = []
        while let row = try cursor.next() { values.append(try transform(row)) }
        return values
    }
}
