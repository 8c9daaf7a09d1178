/// Regular English verb inflections, so Rules/ lists a lemma once instead of every form.
enum Inflection {
    static func forms(of lemma: String) -> [String] {
        let w = lemma.lowercased()
        guard let last = w.last else { return [] }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        let beforeLast = w.dropLast().last
        let consonantY = last == "y" && beforeLast.map { !vowels.contains($0) } == true
        let third: String
        if ["s", "x", "z"].contains(last) || w.hasSuffix("ch") || w.hasSuffix("sh") { third = w + "es" }
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
}
