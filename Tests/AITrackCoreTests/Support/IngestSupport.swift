import Foundation
import GRDB
import Testing
@testable import AITrackCore

func input(_ name: String, _ bytes: [UInt8]) -> IngestInput { IngestInput(name: name, data: Data(bytes)) }

func input(_ name: String, _ text: String) -> IngestInput { IngestInput(name: name, data: Data(text.utf8)) }
