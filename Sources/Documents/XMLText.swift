/// Text safe in XML (the Word document's parts, the report's SVG charts, JUnit): markup characters
/// as entities, and the characters XML 1.0 cannot hold (controls other than tab and line breaks,
/// U+FFFE, U+FFFF) dropped, so that no scenario text makes a file malformed.
public enum XMLText {
    /// `text` escaped for an element or, with `quotes` (the default), an attribute too.
    public static func escaped(_ text: String, quotes: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
