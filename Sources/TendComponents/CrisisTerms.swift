/// What readers in distress type into a search box: for these, search shows the crisis lines
/// first (site.yml's `crisis.search_terms` adds more).
public enum CrisisTerms {
    /// English words and phrases, lower case; a query containing one (as whole words) answers with help first.
    public static let english = [
        "suicide", "suicidal", "kill myself", "killing myself", "end my life", "want to die", "wanna die", "don't want to live",
        "dont want to live", "no reason to live", "self-harm", "self harm", "selfharm", "hurt myself", "hurting myself", "cutting", "cut myself",
        "overdose", "crisis", "emergency", "hopeless", "can't go on", "cant go on", "abuse", "abused", "abusive", "domestic violence",
        "violence", "rape", "raped", "sexual assault", "assault", "hit me", "unsafe", "not safe", "panic", "panic attack", "988", "hotline",
        "help line", "helpline",
    ]
}
