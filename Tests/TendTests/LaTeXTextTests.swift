import Testing

@testable import TendCitations

@Suite struct LaTeXTextTests {
    /// What Better BibTeX, JabRef, BibDesk and Google Scholar write, as text.
    @Test(arguments: [
        ("Dvo\\v{r}\\'ak", "Dvořák"), ("{\\o}ster", "øster"), ("\\l{}\\'od\\'z", "łódź"), ("na\\\"{\\i}ve", "naïve"),
        ("Stra{\\ss}e", "Straße"), ("\\c{c}a", "ça"), ("\\H{o}", "ő"), ("\\AA{}ngstr\\\"om", "Ångström"), ("{\\ae}on", "æon"),
        ("pp. 1--9", "pp. 1–9"), ("yes---no", "yes—no"), ("J.~Smith", "J.\u{00A0}Smith"), ("50\\% \\& \\$5 \\#1 a\\_b", "50% & $5 #1 a_b"),
        ("``quoted''", "“quoted”"), ("`single'", "‘single’"), ("don't", "don’t"), ("\\emph{a} \\textit{b} \\textbf{c}", "a b c"),
        ("\\textsc{dsm}", "dsm"), ("x\\textsuperscript{2}", "x2"), ("\\url{https://example.org/a_b}", "https://example.org/a_b"),
        ("\\href{https://example.org}{the site}", "the site"), ("$<$", "<"), ("$\\chi^2$", "χ²"), ("$\\alpha$", "α"),
        ("$p \\leq .05$", "p ≤ .05"), ("$p<.05$", "p < .05"), ("10$^{2}$", "10²"), ("$N = 20$", "N = 20"), ("$2 \\times 2$", "2 × 2"),
        ("{\\TeX}", "TeX"), ("\\LaTeX{} styles", "LaTeX styles"), ("{\\TeX book}", "TeXbook"), ("\\textendash{} \\ldots", "– …"),
        ("CO$_2$", "CO₂"), ("$\\bar{x}$", "x̄"), ("\\enquote{hi}", "“hi”"), ("a\\\\b", "a b"), ("Bra\\textcommabelow{s}ov", "Brașov"),
        ("a\\vphantom{x}b", "ab"), ("\\symbol{169}", "©"),
    ])
    func decodes(_ written: String, _ expected: String) {
        let (text, warnings) = LaTeXText.convert(written)
        #expect(text.plain == expected)
        #expect(warnings.isEmpty)
    }

    @Test func stylesBecomeRuns() {
        let text = LaTeXText.convert("A \\emph{B} \\textbf{C} \\textsc{D} x\\textsuperscript{2} {E}").text
        #expect(text.html() == "A <em>B</em> <strong>C</strong> <span class=\"small-caps\">D</span> x<sup>2</sup> E")
        #expect(text.runs.last?.style == [.protected])
        // In an italic title an italic name turns roman.
        #expect(LaTeXText.convert("\\emph{E. coli}").text.html(italicContext: true) == "<span class=\"roman\">E. coli</span>")
        #expect(LaTeXText.convert("$p$").text.html() == "<em>p</em>")
    }

    @Test func unknownCommandsKeepTheirTextAndAreReported() {
        let (text, warnings) = LaTeXText.convert("The \\foo{Strange} \\bar Command and $\\weird$")
        #expect(text.plain == "The Strange Command and weird")
        #expect(warnings == [.init(offset: 4, command: "\\foo"), .init(offset: 18, command: "\\bar"), .init(offset: 36, command: "\\weird")])
    }

    /// Property: whatever reference managers write, the text never shows TeX: no backslash, no
    /// brace, no dollar and no backtick unless the source escaped it.
    @Test func noTeXIsLeftInTheText() {
        let pieces = [
            "Word", " ", "{Protected}", "{{Double}}", "\\'e", "\\v{s}", "{\\o}", "\\ss", "--", "---", "~", "``", "''", "`", "'", "\\emph{x}",
            "\\textbf{y}", "\\textsc{z}", "\\textsuperscript{2}", "$\\chi^2$", "$p \\leq .05$", "$^{2}$", "$\\alpha$", "\\TeX", "\\LaTeX{}",
            "\\url{https://a.example/b}", "\\href{https://a.example}{t}", "\\unknown{arg}", "\\relax", "\\&", "\\%", "{", "}", "\\", "$", "\\{",
        ]
        fuzz(iterations: 5_000, seed: 9) { random in
            let written = (0..<Int.random(in: 1...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let plain = LaTeXText.convert(written).text.plain
            let escapedBraces = written.contains("\\{") || written.contains("\\}")
            #expect(!plain.contains("\\") && !plain.contains("`"), "\(written) → \(plain)")
            if !written.contains("\\$") { #expect(!plain.contains("$"), "\(written) → \(plain)") }
            if !escapedBraces { #expect(!plain.contains("{") && !plain.contains("}"), "\(written) → \(plain)") }
        }
    }
}
