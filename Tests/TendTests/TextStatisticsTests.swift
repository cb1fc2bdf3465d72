import TendContent
import Testing

@Suite struct TextStatisticsTests {

    @Test func readabilityGradeOfKnownText() {
        // 36 one-syllable words in 3 sentences: 0.39 × 12 + 11.8 × 1 − 15.59 = 0.89.
        let text =
            "The cat sat on the mat in the sun all day long. We like to walk by the sea with our dog and cat. It is a good day to rest and read a nice book."
        let grade = TextStatistics.fleschKincaidGrade(text)
        #expect(grade.map { abs($0 - 0.89) < 0.001 } == true, "got \(String(describing: grade))")
        let dense = String(
            repeating: "Psychoeducational interventions operationalize multidimensional neurophysiological regulation considerations. ", count: 6)
        #expect(TextStatistics.fleschKincaidGrade(dense)! > 16)
        #expect(TextStatistics.fleschKincaidGrade("Too short.") == nil)
    }
}
