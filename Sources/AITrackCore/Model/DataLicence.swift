/// The licence of some of the data: its name and text's address, and the source whose rows it
/// covers (Epoch AI's MIT licence on its chip-owner estimates).
public struct DataLicence: Sendable, Equatable {
    public var name: String
    public var url: String?
    public var source: String
    public var sourceURL: String?

    public init(name: String, url: String?, source: String, sourceURL: String?) {
        self.name = name
        self.url = url
        self.source = source
        self.sourceURL = sourceURL
    }
}
