/// The quarterly change set of one roster (clause 二: 每季度对新增、调整、取消 … 做好电子档的上传、
/// 更改): who was added, who was cancelled, and whose record changed.
public struct RosterChanges: Sendable {
    public var additions: [RosterRecord]
    public var cancellations: [RosterRecord]
    /// Records in both versions with changed fields.
    public var adjustments: [Adjustment]

    public struct Adjustment: Sendable {
        public var old: RosterRecord
        public var new: RosterRecord
        public var fields: [Field]
    }

    public enum Field: String, Sendable, CaseIterable {
        case township
        case householdID = "household_id"
        case village, size, name
    }

    /// Compares two versions of a roster by valid identity number, each number at its first
    /// record (invalid numbers cannot be matched; the comparison lists them).
    public init(old: [RosterRecord], new: [RosterRecord]) {
        let before = Self.firstByID(old)
        let after = Self.firstByID(new)
        var additions: [RosterRecord] = []
        var adjustments: [Adjustment] = []
        for record in new {
            guard let id = record.validID, after[id]?.line == record.line else { continue }
            if let previous = before[id] {
                let fields = Self.changedFields(previous, record)
                if !fields.isEmpty { adjustments.append(Adjustment(old: previous, new: record, fields: fields)) }
            } else {
                additions.append(record)
            }
        }
        let cancellations = old.filter { record in
            guard let id = record.validID else { return false }
            return before[id]?.line == record.line && after[id] == nil
        }
        self.additions = additions
        self.cancellations = cancellations
        self.adjustments = adjustments
    }

    private static func firstByID(_ records: [RosterRecord]) -> [ResidentID: RosterRecord] {
        var first: [ResidentID: RosterRecord] = [:]
        for record in records {
            if let id = record.validID, first[id] == nil { first[id] = record }
        }
        return first
    }

    private static func changedFields(_ old: RosterRecord, _ new: RosterRecord) -> [Field] {
        var fields: [Field] = []
        if old.township != new.township { fields.append(.township) }
        if old.householdID != new.householdID { fields.append(.householdID) }
        if old.village != new.village { fields.append(.village) }
        if old.size != new.size { fields.append(.size) }
        if old.nameHash != new.nameHash { fields.append(.name) }
        return fields
    }
}
