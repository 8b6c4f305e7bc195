/// A calendar date with no time zone: what `reviewed: 2026-11-23` means to an editor.
public struct SimpleDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    var year: Int
    var month: Int
    var day: Int

    public init?(iso text: String) {
        // Exactly `DDDD-DD-DD`: `split` would skip empty parts ("2026--01-05") and `Int`
        // would take signs ("+202-01-05").
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes.indices.allSatisfy({ $0 == 4 || $0 == 7 || bytes[$0].isASCIIDigit })
        else { return nil }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(bytes[$1] - UInt8(ascii: "0")) } }
        let (y, m, d) = (number(0..<4), number(5..<7), number(8..<10))
        guard (1...12).contains(m), (1...SimpleDate.days(in: m, of: y)).contains(d) else { return nil }
        (year, month, day) = (y, m, d)
    }

    init(year: Int, month: Int, day: Int) {
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb).
    /// Months are clamped to ±100,000 years' worth, so a huge `review.period_months`
    /// gives a far-off date instead of an arithmetic overflow that kills the build.
    func adding(months: Int) -> SimpleDate {
        let limit = 1_200_000
        let total = year * 12 + (month - 1) + min(max(months, -limit), limit)
        let y = total / 12
        let m = total % 12 + 1
        return SimpleDate(year: y, month: m, day: min(day, SimpleDate.days(in: m, of: y)))
    }

    public var description: String {
        // The usual case written as its ten bytes (a small string, no allocation): made
        // for every page's review date, twice, and for every revision.
        if (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) {
            return String(unsafeUninitializedCapacity: 10) { out in
                func put(_ n: Int, _ width: Int, at start: Int) {
                    var n = n
                    for i in stride(from: start + width - 1, through: start, by: -1) {
                        out[i] = UInt8(ascii: "0") + UInt8(n % 10)
                        n /= 10
                    }
                }
                put(year, 4, at: 0)
                out[4] = UInt8(ascii: "-")
                put(month, 2, at: 5)
                out[7] = UInt8(ascii: "-")
                put(day, 2, at: 8)
                return 10
            }
        }
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: SimpleDate, b: SimpleDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
