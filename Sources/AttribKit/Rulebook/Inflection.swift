/// Regular English verb inflections, so Rules/ lists a lemma once instead of every form.
enum Inflection {
    static func forms(of lemma: String) -> [String] {
        let w = lemma.lowercased()
        guard let last = w.last else { return [] }
        let beforeLast = w.dropLast().last
        let consonantY = last == "y" && beforeLast.map { !isVowel($0) } == true
        let third: String
        if isSibilant(last) || w.hasSuffix("ch") || w.hasSuffix("sh") { third = w + "es" }
        else if consonantY { third = String(w.dropLast()) + "ies" }
        else { third = w + "s" }
        let past: String
        if last == "e" { past = w + "d" }
        else if consonantY { past = String(w.dropLast()) + "ied" }
        else { past = w + "ed" }
        let ing: String
        if last == "e" && !w.hasSuffix("ee") { ing = String(w.dropLast()) + "ing" } else { ing = w + "ing" }
        return [w, third, past, ing]
    }

    // Switches, not a Set and an array literal: those were built on every call (a fifth of a
    // rulebook load's literal index).
    private static func isVowel(_ c: Character) -> Bool {
        switch c {
        case "a", "e", "i", "o", "u": true
        default: false
        }
    }

    private static func isSibilant(_ c: Character) -> Bool {
        switch c {
        case "s", "x", "z": true
        default: false
        }
    }
}
