/// A value a template can show. Typed rather than `Any`: no dynamic casts on the hot
/// path, and nothing a template cannot render gets in.
public enum TemplateValue: Sendable {
    /// Escaped by `{{name}}`, inserted as is by `{{{name}}}` (for HTML Assay made itself).
    case string(String)
    case bool(Bool)
    case int(Int)
    /// Shown in its shortest exact form: `1.21`, `0.5`; a whole number without `.0`.
    case double(Double)
    case list([TemplateValue])
    case object([String: TemplateValue])
    /// A few fields, found by comparing names: what a dictionary literal of up to
    /// `recordLimit` fields makes. Templates see it as an object. Built without hashing
    /// a name and looked up without hashing one (short names compare in a few
    /// instructions, a hash costs hundreds), and one allocation to free: a page's
    /// context is made of hundreds of these, and made, read and freed once per page.
    /// A name given twice means its last value, as in a dictionary literal.
    case record([(String, TemplateValue)])
    /// An object whose fields are made when a template asks for them. For listings of
    /// every claim in a large guide: 100,000 dictionaries of strings held at once cost
    /// more memory than the page they make.
    case fields(@Sendable (String) -> TemplateValue?)

    /// Mustache truthiness: false, empty lists and empty strings hide a section.
    var isFalsy: Bool {
        switch self {
        case .bool(let b): !b
        case .list(let items): items.isEmpty
        case .string(let s): s.isEmpty
        case .int, .double, .object, .record, .fields: false
        }
    }

    subscript(key: String) -> TemplateValue? {
        switch self {
        case .object(let fields):
            return fields[key]
        case .record(let fields):
            // Names are compared as a dictionary compares them (canonical equivalence),
            // never by byte length first: a KELVIN SIGN is three bytes and equals `K`.
            var i = fields.count
            while i > 0 {
                i -= 1
                if fields[i].0 == key { return fields[i].1 }
            }
            return nil
        case .fields(let field):
            return field(key)
        default:
            return nil
        }
    }

    /// Records up to this size: past it, comparing names one by one costs more than a hash.
    static let recordLimit = 8

    /// The fields of an object or a record, by name (the last of a name given twice);
    /// nil for anything else. For code that looks at a context as a whole.
    public var objectFields: [String: TemplateValue]? {
        switch self {
        case .object(let fields): fields
        case .record(let fields): Dictionary(fields, uniquingKeysWith: { _, b in b })
        default: nil
        }
    }

    static func format(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = elements.count <= Self.recordLimit ? .record(elements) : .object(Dictionary(elements, uniquingKeysWith: { _, b in b }))
    }
}

/// Shorthands for building contexts from values that are not literals.
prefix operator ^

extension String {
    public static prefix func ^ (value: String) -> TemplateValue { .string(value) }
}

extension Int {
    public static prefix func ^ (value: Int) -> TemplateValue { .int(value) }
}

extension Double {
    public static prefix func ^ (value: Double) -> TemplateValue { .double(value) }
}

extension Bool {
    public static prefix func ^ (value: Bool) -> TemplateValue { .bool(value) }
}

extension Array where Element == TemplateValue {
    public static prefix func ^ (value: [TemplateValue]) -> TemplateValue { .list(value) }
}

extension Dictionary where Key == String, Value == TemplateValue {
    public static prefix func ^ (value: [String: TemplateValue]) -> TemplateValue { .object(value) }
}
