import AttribKit
import Dispatch
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
        var batch: [(number: Int, line: [UInt8])] = []
        let batchSize = max(1, jobs * 16)
        func flush() {
            let slots = Slots<(String, Bool)>(count: batch.count)
            let work = batch, analyzer = self.analyzer, lossy = self.lossy
            if jobs == 1 || work.count == 1 {
                for (i, item) in work.enumerated() { slots.set(i, RecordStream.process(item.line, number: item.number, analyzer, lossy)) }
            } else {
                DispatchQueue.concurrentPerform(iterations: work.count) { i in
                    slots.set(i, RecordStream.process(work[i].line, number: work[i].number, analyzer, lossy))
                }
            }
            for i in work.indices {
                let (text, failed) = slots.get(i) ?? ("", true)
                if failed { failures += 1 }
                Output.write(text)
            }
            batch.removeAll(keepingCapacity: true)
        }
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            batch.append((lineNumber, Array(line.utf8)))
            if batch.count >= batchSize { flush() }
        }
        if !batch.isEmpty { flush() }
        return failures
    }

    /// One input line to one output line; a bad line becomes `{"line": N, "error": "…"}`.
    static func process(_ line: [UInt8], number: Int, _ analyzer: Analyzer, _ lossy: Bool) -> (String, Bool) {
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
            let analysis = try analyzer.analyze(path: id, bytes: Array(text.utf8), format: .plain, lossy: lossy)
            return (JSONLinesWriter().write(analysis, path: id, doc: id), false)
        } catch {
            return failure(error.description, id: id)
        }
    }

}
