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

    /// Spanish words and phrases (with and without accents, as people type them on a phone).
    public static let spanish = [
        "suicidio", "suicida", "suicidarme", "quitarme la vida", "matarme", "me quiero matar", "quiero morir", "quiero morirme",
        "no quiero vivir", "no quiero seguir viviendo", "sin razón para vivir", "sin razon para vivir", "acabar con mi vida", "autolesión",
        "autolesion", "autolesiones", "hacerme daño", "hacerme dano", "me hago daño", "cortarme", "me corto", "sobredosis", "crisis",
        "emergencia", "desesperanza", "sin esperanza", "no puedo más", "no puedo mas", "abuso", "abusada", "abusado", "maltrato",
        "violencia", "violencia doméstica", "violencia domestica", "violación", "violacion", "violada", "agresión sexual", "agresion sexual",
        "me pega", "me golpea", "no estoy a salvo", "peligro", "pánico", "panico", "ataque de pánico", "ataque de panico", "988",
        "línea de ayuda", "linea de ayuda", "línea de crisis", "linea de crisis",
    ]

    /// The built-in words of the language `code` (`en`, `es-US`): English for a language Tend has no list for.
    public static func forLanguage(_ code: String) -> [String] {
        code.lowercased().hasPrefix("es") ? spanish : english
    }
}
