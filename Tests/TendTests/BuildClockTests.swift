import TendCore
import Testing

@Suite struct BuildClockTests {
    @Test func sourceDateEpochFixesTheFeedDate() {
        let clock = BuildClock.system(environment: ["SOURCE_DATE_EPOCH": "1767225600"])
        #expect(clock.today == CalendarDate("2026-01-01"))
        #expect(clock.fixedEpoch == 1_767_225_600)
    }
}
