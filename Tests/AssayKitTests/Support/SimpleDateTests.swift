import Testing

@testable import AssayKit

@Suite("SimpleDate")
struct SimpleDateTests {
    @Test func parsesISODates() throws {
        let date = try #require(SimpleDate(iso: "2026-11-23"))
        #expect((date.year, date.month, date.day) == (2026, 11, 23))
        #expect(date.description == "2026-11-23")
    }

    @Test(arguments: ["2024-02-29", "2000-02-29", "2026-12-31", "2026-04-30", "0001-01-01", "9999-12-31"])
    func validDates(_ text: String) throws {
        let date = try #require(SimpleDate(iso: text))
        #expect(date.description == text)
    }

    @Test(arguments: [
        "2026-02-29",  // not a leap year
        "2100-02-29",  // divisible by 100, not by 400
        "2026-04-31", "2026-01-32", "2026-13-01", "2026-00-10", "2026-01-00",
        "2026-1-05", "26-01-05", "20260105", "2026/01/05", "", "today",
        "2026-01-05T10:00", "2026-01-05 ", " 2026-01-05",
        // Empty parts and signs are not dates either.
        "2026--01-05", "-2026-01-05", "2026-01-05-", "+202-01-05", "2026-+1-05", "2026-01--5",
    ])
    func invalidDates(_ text: String) {
        #expect(SimpleDate(iso: text) == nil)
    }

    @Test(arguments: [
        ("2026-01-31", 1, "2026-02-28"),  // clamped to the end of February
        ("2024-01-31", 1, "2024-02-29"),  // leap year
        ("2024-02-29", 12, "2025-02-28"),  // a leap day a year on
        ("2024-02-29", 48, "2028-02-29"),
        ("2026-11-23", 12, "2027-11-23"),
        ("2026-12-15", 1, "2027-01-15"),  // across the year
        ("2026-03-31", 1, "2026-04-30"),
        ("2026-05-31", 0, "2026-05-31"),
        ("2026-03-31", -1, "2026-02-28"),
        ("2026-01-15", -1, "2025-12-15"),
        ("2026-08-31", 18, "2028-02-29"),
    ])
    func addingMonths(start: String, months: Int, expected: String) throws {
        let date = try #require(SimpleDate(iso: start))
        #expect(date.adding(months: months).description == expected)
    }

    @Test func ordersByCalendar() throws {
        let dates = ["2026-02-01", "2025-12-31", "2026-01-31", "2026-01-05"].compactMap(SimpleDate.init(iso:))
        #expect(dates.sorted().map(\.description) == ["2025-12-31", "2026-01-05", "2026-01-31", "2026-02-01"])
    }

    @Test func padsSmallYears() {
        #expect(SimpleDate(year: 5, month: 1, day: 2).description == "0005-01-02")
    }

    /// The ten bytes written directly give what padding each part as a string gave, and
    /// dates outside four-digit years still take the padding.
    @Test func writtenAsPadded() {
        func padded(_ d: SimpleDate) -> String {
            func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
            return "\(pad(d.year, 4))-\(pad(d.month, 2))-\(pad(d.day, 2))"
        }
        for year in [0, 7, 42, 999, 1000, 2026, 9999, 10000, 123_456, -1] {
            for (month, day) in [(1, 1), (2, 28), (9, 9), (10, 10), (12, 31)] {
                let date = SimpleDate(year: year, month: month, day: day)
                #expect(date.description == padded(date))
            }
        }
        #expect(SimpleDate(year: 2026, month: 3, day: 7).description == "2026-03-07")
    }

    @Test func todayIsAValidDate() {
        let today = SimpleDate.today()
        #expect(SimpleDate(iso: today.description) == today)
        #expect(today.year >= 2025)
    }
}
