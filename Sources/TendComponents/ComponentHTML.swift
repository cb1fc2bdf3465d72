import TendCore
import TendLanguage

/// The HTML of each built-in component; every value is escaped for where it goes.
public enum ComponentHTML {
    /// The call to action with every channel the practice offers (or those in `channels`).
    public static func consultation(_ context: ComponentContext, headline: String? = nil, body: String? = nil, channels: [String]? = nil) -> String {
        let wanted = Set(channels ?? ComponentDefinition.channels)
        let text = context.words
        let name = Escape.html(context.practiceName)
        let reach = text.html("consultation_reach", ["name": name])
        var items: [String] = []
        func item(_ kind: String, href: String, icon: String, visible: String, hidden: String, external: Bool = false) {
            guard URLPolicy.isAllowed(href) else { return }
            let rel = external ? " rel=\"noreferrer noopener\"" : ""
            items.append(
                "<li><a class=\"channel channel-\(kind)\" href=\"\(Escape.html(href))\"\(rel)><span class=\"channel-icon\" aria-hidden=\"true\">\(icon)</span> "
                    + "<span class=\"channel-label\">\(visible)</span>\(hidden.isEmpty ? "" : "<span class=\"visually-hidden\"> \(hidden)</span>")</a></li>")
        }
        if wanted.contains("call"), let phone = context.phone {
            item(
                "call", href: "tel:" + phone.dialable, icon: "☎", visible: text.html("consultation_call", ["number": Escape.html(phone.display)]), hidden: reach
            )
        }
        if wanted.contains("text"), let number = context.text {
            item(
                "text", href: "sms:" + number.dialable, icon: "✉", visible: text.html("consultation_text", ["number": Escape.html(number.display)]),
                hidden: reach)
        }
        if wanted.contains("email"), let email = context.email {
            item(
                "email", href: "mailto:\(email)?subject=" + Escape.urlComponent(text["consultation_email_subject"]), icon: "@",
                visible: text.html("consultation_email", ["address": Escape.html(email)]), hidden: "\(name)")
        }
        if wanted.contains("book"), let booking = context.bookingURL {
            item(
                "book", href: booking, icon: "→", visible: Escape.html(text["book_online"]), hidden: text.html("consultation_book_with", ["name": name]),
                external: true)
        }
        if wanted.contains("instagram"), let instagram = context.instagram {
            item("instagram", href: instagram, icon: "◎", visible: "Instagram", hidden: text.html("consultation_instagram", ["name": name]), external: true)
        }
        if wanted.contains("links") {
            for link in context.links {
                item("link", href: link.url, icon: "↗", visible: Escape.html(link.label), hidden: "", external: true)
            }
        }
        let headlineText = Escape.html(headline ?? context.consultationHeadline)
        let bodyText = Escape.html(body ?? context.consultationBody)
        var html = "<aside class=\"consultation\" aria-label=\"\(headlineText)\">\n<p class=\"consultation-headline\">\(headlineText)</p>\n"
        if !bodyText.isEmpty { html += "<p class=\"consultation-body\">\(bodyText)</p>\n" }
        if !items.isEmpty { html += "<ul class=\"consultation-channels\">\n" + items.joined(separator: "\n") + "\n</ul>\n" }
        return html + "</aside>\n"
    }

    /// The crisis message, a one-tap call and text button for each line, and the emergency number.
    public static func crisis(_ context: ComponentContext, message: String? = nil) -> String {
        let text = context.words
        var html = "<aside class=\"crisis\" role=\"note\" aria-label=\"\(Escape.html(text["crisis_region"]))\">\n"
        html += "<p class=\"crisis-message\"><strong>\(Escape.html(message ?? context.crisisMessage))</strong></p>\n"
        html += crisisActions(context)
        if !context.crisisLines.isEmpty {
            html += "<ul class=\"crisis-lines\">\n"
            for line in context.crisisLines {
                let ways = [
                    line.phone.map { text.html("crisis_way_call", ["number": Escape.html($0.display)]) },
                    line.text.map { text.html("crisis_way_text", ["number": Escape.html($0.display)]) },
                ].compactMap { $0 }
                html +=
                    "<li><span class=\"crisis-line\">\(Escape.html(line.label))</span>: \(ways.joined(separator: Escape.html(text["crisis_way_or"])))</li>\n"
            }
            html += "</ul>\n"
        }
        let danger = text.html("crisis_immediate_danger", ["number": Escape.html(context.emergencyNumber.display)])
        html += "<p class=\"crisis-emergency\">\(danger)</p>\n"
        return html + "</aside>\n"
    }

    /// One-tap buttons: call and text each crisis line, call the emergency number. Each button
    /// names its line for screen readers, and is as large as the consultation buttons.
    public static func crisisActions(_ context: ComponentContext) -> String {
        var items: [String] = []
        let text = context.words
        func action(_ kind: String, href: String, icon: String, visible: String, hidden: String) {
            items.append(
                "<li><a class=\"crisis-action crisis-action-\(kind)\" href=\"\(Escape.html(href))\"><span class=\"channel-icon\" aria-hidden=\"true\">\(icon)</span> "
                    + "\(visible)<span class=\"visually-hidden\"> \(hidden)</span></a></li>")
        }
        for line in context.crisisLines {
            let name = Escape.html(line.label)
            if let phone = line.phone {
                action(
                    "call", href: "tel:" + phone.dialable, icon: "☎", visible: text.html("crisis_call", ["number": Escape.html(phone.display)]),
                    hidden: "— \(name)")
            }
            if let number = line.text {
                action(
                    "text", href: "sms:" + number.dialable, icon: "✉", visible: text.html("crisis_text", ["number": Escape.html(number.display)]),
                    hidden: "— \(name)")
            }
        }
        let emergency = context.emergencyNumber
        action(
            "emergency", href: "tel:" + emergency.dialable, icon: "⚠", visible: text.html("crisis_call", ["number": Escape.html(emergency.display)]),
            hidden: Escape.html(text["crisis_emergency_services"]))
        return "<ul class=\"crisis-actions\">\n" + items.joined(separator: "\n") + "\n</ul>\n"
    }

    /// Opening and closing HTML of a callout around its rendered Markdown.
    public static func callout(kind: String, title: String?, text: ThemeText = .english) -> (open: String, close: String) {
        let label = Escape.html(title ?? text["callout_\(kind)"])
        return ("<aside class=\"callout callout-\(Escape.html(kind))\" role=\"note\">\n<p class=\"callout-label\">\(label)</p>\n", "</aside>\n")
    }

    /// Step-by-step text a reader can follow without JavaScript, with the data the pacer script reads.
    /// In a language other than English the pacer's words go with it, in `data-text-*` attributes.
    public static func breathing(_ pattern: BreathingPattern, cycles: Int, title: String?, text: ThemeText = .english) -> String {
        let heading = Escape.html(title ?? text.format("breathing_title", ["pattern": pattern.text]))
        var html = "<section class=\"breathing\" data-pattern=\"\(Escape.html(pattern.text))\" data-cycles=\"\(cycles)\" aria-label=\"\(heading)\""
        if !text.hasSameWords(as: .english) {
            for key in [
                "breathe_in", "hold", "breathe_out", "breathing_ready", "breathing_start", "breathing_pause", "breathing_continue", "breathing_phase",
                "breathing_done", "breathing_paused",
            ] {
                html += " data-text-\(key.replacingOccurrences(of: "_", with: "-"))=\"\(Escape.html(text[key]))\""
            }
        }
        html += ">\n<p class=\"breathing-title\">\(heading)</p>\n<ol class=\"breathing-steps\">\n"
        for phase in pattern.phases {
            let verb = text[phase.step == .hold ? "hold_breath" : phase.step.rawValue]
            html += "<li>\(Escape.html(text.plural("breathing_step", count: phase.counts, ["phase": verb])))</li>\n"
        }
        html += "</ol>\n<p class=\"breathing-repeat\">\(Escape.html(text.plural("breathing_repeat", count: cycles)))</p>\n"
        return html + "</section>\n"
    }
}
