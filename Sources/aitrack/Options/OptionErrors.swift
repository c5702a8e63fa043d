import AITrackCore

/// Turns a field problem of an option into the one-sentence error.
func wrap<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let p as FieldProblem {
        throw AITrackError(p.text + ".")
    }
}
