/// An 18-character resident identity number (公民身份号码, GB 11643-1999) that passed every check,
/// held as a number: the first 17 digits × 11 + the check character (X = 10). The whole number is
/// personal data: it is never printed; `masked` shows the first 6 and last 4 characters only.
public struct ResidentID: Hashable, Comparable, Sendable {
    public let key: UInt64

    /// The 17 weights of GB 11643-1999 and the check character for each remainder mod 11.
    static let weights: [UInt64] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]
    /// Province-level codes (the first two digits) in use.
    static let provinces: Set<Int> = [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65,
        71, 81, 82,
    ]

    /// The check character for 17 digits: Σ digitᵢ × weightᵢ mod 11 → 1 0 X 9 8 7 6 5 4 3 2.
    public static func checkCharacter(for digits: [UInt8]) -> Character {
        var sum: UInt64 = 0
        for (digit, weight) in zip(digits, weights) { sum += UInt64(digit) * weight }
        return checkCharacters[Int(sum % 11)]
    }

    /// `362321********123X`: the region code and the last four characters, the birth date hidden.
    public var masked: String {
        let check = key % 11
        var digits = key / 11
        var sequence = digits % 1000
        digits /= 100_000_000_000
        return String(unsafeUninitializedCapacity: 18) { bytes in
            for index in stride(from: 5, through: 0, by: -1) {
                bytes[index] = UInt8(truncatingIfNeeded: digits % 10) + 0x30
                digits /= 10
            }
            for index in 6..<14 { bytes[index] = 0x2A }
            for index in stride(from: 16, through: 14, by: -1) {
                bytes[index] = UInt8(truncatingIfNeeded: sequence % 10) + 0x30
                sequence /= 10
            }
            bytes[17] = check == 10 ? 0x58 : UInt8(truncatingIfNeeded: check) + 0x30
            return 18
        }
    }

    public static func < (a: ResidentID, b: ResidentID) -> Bool { a.key < b.key }

    /// Reads a resident identity number as written in a roster: normalised (spaces trimmed,
    /// full-width digits and letters to ASCII, `x` to `X`), then checked for length, characters,
    /// region code, birth date and check digit.
    public static func parse(_ raw: String) -> Parsed {
        let text = normalised(raw)
        guard text.count == 18 else {
            return .invalid(masked: maskText(text), reason: .length(text.count))
        }
        var digits: [UInt8] = []
        for (index, character) in text.enumerated() {
            if let value = character.wholeNumberValue, character.isASCII {
                digits.append(UInt8(value))
            } else if index == 17 && character == "X" {
                digits.append(10)
            } else {
                return .invalid(masked: maskText(text), reason: .characters)
            }
        }
        let province = Int(digits[0]) * 10 + Int(digits[1])
        guard provinces.contains(province) else { return .invalid(masked: maskText(text), reason: .region) }
        let year = digits[6..<10].reduce(0) { $0 * 10 + Int($1) }
        let month = Int(digits[10]) * 10 + Int(digits[11])
        let day = Int(digits[12]) * 10 + Int(digits[13])
        guard isRealDate(year: year, month: month, day: day) else { return .invalid(masked: maskText(text), reason: .birthDate) }
        guard checkCharacter(for: Array(digits[0..<17])) == text.last! else {
            return .invalid(masked: maskText(text), reason: .checkDigit)
        }
        let number = digits[0..<17].reduce(UInt64(0)) { $0 * 10 + UInt64($1) }
        return .valid(ResidentID(key: number * 11 + UInt64(digits[17])))
    }

    /// The same as `parse(_:)` for UTF-8 bytes, without building a String when they are plain
    /// ASCII (the usual case); other input (full-width digits) takes the String path.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Parsed {
        var start = 0
        var end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        guard end - start == 18, !bytes[start..<end].contains(where: { $0 >= 0x80 }) else {
            return parse(String(decoding: bytes, as: UTF8.self))
        }
        var number: UInt64 = 0
        var sum: UInt64 = 0
        var last: UInt8 = 0
        var province = 0
        var year = 0
        var month = 0
        var day = 0
        for index in 0..<18 {
            let byte = bytes[start + index]
            let digit = byte &- 0x30
            if digit < 10 {
                last = digit
            } else if index == 17 && (byte == 0x58 || byte == 0x78) {
                last = 10
            } else {
                return parse(String(decoding: bytes, as: UTF8.self))
            }
            guard index < 17 else { break }
            number = number * 10 + UInt64(digit)
            sum += UInt64(digit) * weights[index]
            switch index {
            case 0...1: province = province * 10 + Int(digit)
            case 6...9: year = year * 10 + Int(digit)
            case 10...11: month = month * 10 + Int(digit)
            case 12...13: day = day * 10 + Int(digit)
            default: break
            }
        }
        let expected: UInt8 = [1, 0, 10, 9, 8, 7, 6, 5, 4, 3, 2][Int(sum % 11)]
        guard provinces.contains(province), isRealDate(year: year, month: month, day: day), expected == last else {
            return parse(String(decoding: bytes, as: UTF8.self))
        }
        return .valid(ResidentID(key: number * 11 + UInt64(last)))
    }

    public enum Parsed: Sendable, Equatable {
        case valid(ResidentID)
        case invalid(masked: String, reason: InvalidReason)
    }

    /// Why a number fails; worded by front ends.
    public enum InvalidReason: Sendable, Equatable, Hashable {
        case length(Int)
        case characters
        case region
        case birthDate
        case checkDigit

        public var code: String {
            switch self {
            case .length: "length"
            case .characters: "characters"
            case .region: "region"
            case .birthDate: "birth_date"
            case .checkDigit: "check_digit"
            }
        }
    }

    /// Trims spaces (ASCII, no-break and ideographic), maps full-width digits and letters to
    /// ASCII and `x` to `X`.
    public static func normalised(_ raw: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: scalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0xFF38, 0xFF58, 0x78: scalars.append("X")
            default: scalars.append(scalar)
            }
        }
        let spaces: Set<Unicode.Scalar> = [" ", "\t", "\u{00A0}", "\u{3000}"]
        var text = Substring(String(scalars))
        while let first = text.unicodeScalars.first, spaces.contains(first) { text = Substring(text.unicodeScalars.dropFirst()) }
        while let last = text.unicodeScalars.last, spaces.contains(last) { text = Substring(text.unicodeScalars.dropLast()) }
        return String(text)
    }

    /// Masks any text standing for an identity number: 11 or more characters keep the first 6
    /// and last 4; shorter ones keep a third at most of their start; nothing is shown whole.
    public static func maskText(_ text: String) -> String {
        let characters = Array(text)
        if characters.count >= 11 {
            return String(characters.prefix(6)) + String(repeating: "*", count: characters.count - 10) + String(characters.suffix(4))
        }
        let shown = characters.count / 3
        return String(characters.prefix(shown)) + String(repeating: "*", count: max(1, characters.count - shown))
    }

    /// `text` with every run of 15 or more digits (an identity number, with its check character
    /// X if any) masked as `maskText` masks a number: a message can quote a line of a file
    /// without showing whose it is.
    public static func maskingNumbers(in text: String) -> String {
        var out = ""
        var run = ""
        func flush() {
            out += run.filter(\.isNumber).count >= 15 ? maskText(run) : run
            run = ""
        }
        for character in text {
            if character.isASCII && character.isNumber || (!run.isEmpty && (character == "X" || character == "x")) {
                run.append(character)
            } else {
                flush()
                out.append(character)
            }
        }
        flush()
        return out
    }

    static func isRealDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1900...2099).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " || text.first == "\u{3000}" { text.removeFirst() }
        while text.last == " " || text.last == "\u{3000}" { text.removeLast() }
        return String(text)
    }
}
