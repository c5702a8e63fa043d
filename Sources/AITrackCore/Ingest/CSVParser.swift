/// An RFC 4180 CSV parser fed chunk by chunk. Fields are raw bytes (validated later).
struct CSVParser {
    private var fields: [[UInt8]] = []
    private var field: [UInt8] = []
    private var inQuotes = false
    private var quoteSeen = false     // just read a quote inside a quoted field
    private var atFieldStart = true
    private var line = 1
    private var recordLine = 1
    private var recordHasContent = false
    private var afterCR = false

    mutating func feed(_ chunk: [UInt8], _ emit: ([[UInt8]], Int) throws -> Void) throws {
        for b in chunk {
            if inQuotes {
                if quoteSeen {
                    quoteSeen = false
                    if b == 0x22 { field.append(0x22); continue }
                    inQuotes = false
                    // fall through: the quote closed the field
                } else if b == 0x22 {
                    quoteSeen = true
                    continue
                } else {
                    if b == 0x0A { line += 1 }
                    field.append(b)
                    continue
                }
            }
            if afterCR {
                afterCR = false
                if b == 0x0A { continue }   // CRLF: the CR already ended the record
            }
            switch b {
            case 0x0D, 0x0A:
                // CR, CRLF and LF all end a record (files saved on old Macs use CR alone)
                try endRecord(emit)
                afterCR = b == 0x0D
            case 0x22 where atFieldStart:
                inQuotes = true
                atFieldStart = false
                recordHasContent = true
            case 0x2C:
                fields.append(field)
                field = []
                atFieldStart = true
                recordHasContent = true
            default:
                field.append(b)
                atFieldStart = false
                recordHasContent = true
            }
        }
    }

    private mutating func endRecord(_ emit: ([[UInt8]], Int) throws -> Void) throws {
        fields.append(field)
        try emit(fields, recordLine)
        fields = []
        field = []
        atFieldStart = true
        recordHasContent = false
        line += 1
        recordLine = line
    }

    /// What is left at the end of the input: a last record without newline, or an open quote.
    mutating func finish() -> (fields: [[UInt8]], line: Int, unterminatedQuote: Bool)? {
        if inQuotes && !quoteSeen { return ([], recordLine, true) }
        if !recordHasContent && field.isEmpty && fields.isEmpty { return nil }
        fields.append(field)
        return (fields, recordLine, false)
    }
}
