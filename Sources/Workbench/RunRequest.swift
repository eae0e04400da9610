import Foundation
import PolicyModel
import ScenarioFiles

/// A request's JSON body: the scenario by name and its `set` values, plus what the endpoint
/// needs (draws, seed, a file name). Anything malformed is a 400 that says what to send.
struct RunRequest: Sendable {
    var scenario: String
    /// `set` as `KEY.PATH=VALUE` texts, in the order applied: an array's order, or an object's
    /// keys in sorted order.
    var settings: [String]
    var draws: Int?
    var seed: UInt64?
    var confidence: Double?
    var file: String?
    var overwrite = false

    /// Keys whose values name files: a request may not point the loader at another file.
    static let fileKeys: [[String]] = [["microsimulation", "population"], ["extends"]]

    /// A request from a query (`GET /api/report`): the scenario and its `set` texts.
    init(scenario: String, settings: [String]) {
        self.scenario = scenario
        self.settings = settings
    }

    init(json bytes: [UInt8], limits: WorkbenchLimits) throws(WorkbenchError) {
        guard bytes.count <= limits.requestBytes else {
            throw WorkbenchError(status: 413, "the request is larger than \(limits.requestBytes) bytes")
        }
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                throw WorkbenchError(status: 400, "send a JSON object such as {\"scenario\": \"shangrao-2017-plan\", \"set\": {}}")
            }
            object = parsed
        } catch let error as WorkbenchError {
            throw error
        } catch {
            throw WorkbenchError(status: 400, "the request is not JSON: send an object such as {\"scenario\": \"shangrao-2017-plan\"}")
        }
        guard let scenario = object["scenario"] as? String, !scenario.isEmpty else {
            throw WorkbenchError(status: 400, "the request names no scenario: give \"scenario\" (a name from GET /api/scenarios)")
        }
        self.scenario = scenario
        settings = try Self.settings(object["set"], limit: limits.settings)
        if let value = object["draws"] {
            guard let draws = value as? Int, !isBoolean(value), draws >= 1, draws <= limits.draws else {
                throw WorkbenchError(status: 400, "\"draws\" must be a whole number from 1 to \(limits.draws)")
            }
            self.draws = draws
        }
        if let value = object["seed"] {
            guard let seed = value as? Int, !isBoolean(value), seed >= 0 else {
                throw WorkbenchError(status: 400, "\"seed\" must be a whole number of at least 0")
            }
            self.seed = UInt64(seed)
        }
        if let value = object["confidence"] {
            guard let confidence = value as? Double, !isBoolean(value), (0.5...0.999).contains(confidence) else {
                throw WorkbenchError(status: 400, "\"confidence\" must be from 0.5 to 0.999")
            }
            self.confidence = confidence
        }
        if let value = object["file"] {
            guard let file = value as? String else { throw WorkbenchError(status: 400, "\"file\" must be a file name") }
            self.file = file
        }
        if let value = object["overwrite"] {
            guard let overwrite = value as? Bool else { throw WorkbenchError(status: 400, "\"overwrite\" must be true or false") }
            self.overwrite = overwrite
        }
    }

    /// `set` given as `{"KEY.PATH": VALUE}` or `["KEY.PATH=VALUE"]`; values are numbers or
    /// scalar texts (no mapping or list: a request changes values, not the file's shape).
    static func settings(_ value: Any?, limit: Int) throws(WorkbenchError) -> [String] {
        var texts: [String] = []
        switch value {
        case nil, is NSNull: return []
        case let object as [String: Any]:
            for key in object.keys.sorted() { texts.append("\(key)=\(try scalar(object[key] as Any, key: key))") }
        case let array as [Any]:
            for item in array {
                guard let text = item as? String else {
                    throw WorkbenchError(status: 400, "\"set\" as a list holds texts such as \"series.standard.growth=0.1\"")
                }
                texts.append(text)
            }
        default:
            throw WorkbenchError(status: 400, "\"set\" must be an object such as {\"series.poverty_line.growth\": 0.08}")
        }
        guard texts.count <= limit else { throw WorkbenchError(status: 400, "\"set\" holds more than \(limit) values") }
        return texts
    }

    /// A JSON value as the text `--set` would be given: whole numbers without a decimal point.
    static func scalar(_ value: Any, key: String) throws(WorkbenchError) -> String {
        switch value {
        case let text as String:
            guard !text.contains(where: { "{}[]\n\r".contains($0) }) else {
                throw WorkbenchError(status: 400, "\"set\" \(key): give a number or a plain value, not a mapping or list")
            }
            return text
        case is NSNull: return "null"
        case let number as NSNumber:
            if isBoolean(value) { return number.boolValue ? "true" : "false" }
            let double = number.doubleValue
            guard double.isFinite else { throw WorkbenchError(status: 400, "\"set\" \(key): not a finite number") }
            return double == double.rounded() && abs(double) < 1e15 ? String(Int64(double)) : "\(double)"
        default:
            throw WorkbenchError(status: 400, "\"set\" \(key): give a number or a plain value, not a mapping or list")
        }
    }

    /// The `set` texts as overrides, each checked as `--set` checks it (422 with its message),
    /// refusing keys that name files.
    func overrides() throws(WorkbenchError) -> [ScenarioOverride] {
        var overrides: [ScenarioOverride] = []
        var problems: [ScenarioFileError] = []
        for text in settings {
            switch ScenarioOverride.parse(text) {
            case .failure(let error): problems.append(error)
            case .success(let override):
                if Self.fileKeys.contains(where: { override.keyPath.starts(with: $0) || $0.starts(with: override.keyPath) }) {
                    problems.append(
                        ScenarioFileError(
                            SourceLocation(file: "--set"), key: ScenarioProblem.dotted(override.keyPath),
                            "the workbench does not change which files a scenario reads; edit the file itself"))
                } else if override.value.contains(where: { "{}[]\n\r".contains($0) }) {
                    problems.append(
                        ScenarioFileError(
                            SourceLocation(file: "--set"), key: ScenarioProblem.dotted(override.keyPath),
                            "give a number or a plain value, not a mapping or list"))
                } else {
                    overrides.append(override)
                }
            }
        }
        guard problems.isEmpty else { throw WorkbenchError(ScenarioFileErrors(problems)) }
        return overrides
    }
}

/// Whether a value JSONSerialization read is `true` or `false` (which also read as numbers).
func isBoolean(_ value: Any) -> Bool {
    String(describing: type(of: value)).contains("Boolean")
}
