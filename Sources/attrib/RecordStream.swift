import AttribKit
import Foundation

/// Corpus-scale mode for `attrib extract -`: JSON Lines `{"id", "text"}` in, one result line per
/// input line out, in order, so attrib can run as a stage of GNU parallel, Hadoop Streaming or
/// Spark's `RDD.pipe`.
struct RecordStream {
    let analyzer: Analyzer
    let jobs: Int
    let lossy: Bool

    /// Reads standard input to its end; returns how many lines could not be analysed.
    func run() -> Int {
        var failures = 0
        var lineNumber = 0
        func write(_ result: (String, Bool)) {
            if result.1 { failures += 1 }
            Output.write(result.0)
        }
        let analyzer = self.analyzer, lossy = self.lossy
        // Lines are read, analysed and written at once: a worker takes each line as it comes,
        // and results go out in input order as soon as they are ready.
        let pool = OrderedResults<(number: Int, line: [UInt8]), (String, Bool)>(workers: jobs, window: jobs * 16, weight: { $0.0.utf8.count }) { _ in
            // One set of match buffers per worker, reused for every line it takes.
            let scratch = MatchScratch()
            return { item in RecordStream.process(item.line, number: item.number, analyzer, lossy, scratch) }
        }
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            pool.submit((lineNumber, Array(line.utf8)), delivering: write)
        }
        pool.finish(delivering: write)
        return failures
    }

    /// One input line to one output line; a bad line becomes `{"line": N, "error": "…"}`.
    static func process(_ line: [UInt8], number: Int, _ analyzer: Analyzer, _ lossy: Bool, _ scratch: MatchScratch = MatchScratch()) -> (String, Bool) {
        func failure(_ why: String, id: String? = nil) -> (String, Bool) {
            var out = "{\"line\":\(number),"
            if let id { out += "\"id\":" + JSON.string(id) + "," }
            return (out + "\"error\":" + JSON.string(why) + "}\n", true)
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            return failure("not a JSON object")
        }
        let id: String
        switch object["id"] {
        case let s as String: id = s
        case let n as NSNumber: id = n.stringValue
        default: return failure("no \"id\" (a string or number)")
        }
        guard let text = object["text"] as? String else { return failure("no \"text\" string", id: id) }
        do {
            let analysis = try analyzer.analyze(path: id, bytes: Array(text.utf8), format: .plain, lossy: lossy, scratch: scratch)
            return (JSONLinesWriter().write(analysis, path: id, doc: id), false)
        } catch {
            return failure(error.description, id: id)
        }
    }

}
