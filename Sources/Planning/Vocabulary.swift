/// Whether the delegation comes to the city or the city's delegation travels.
public enum Direction: String, Sendable, Codable, CaseIterable { case incoming, outgoing }

/// What an appointment is.
public enum AppointmentKind: String, Sendable, Codable, CaseIterable {
  case reception, siteVisit = "site-visit", meeting, presentation, meal, transfer, press, signing, ceremony,
    goldenBook = "golden-book", giftExchange = "gift-exchange", other
}

/// Which side a person takes part on.
public enum Side: String, Sendable, Codable, CaseIterable {
  case delegation, host, staff, interpreter, press
}

/// Whether a visit goes ahead.
public enum VisitStatus: String, Sendable, Codable { case planned, cancelled }

/// State of a follow-up task.
public enum TaskStatus: String, Sendable, Codable { case open, done }

/// Who an agenda, itinerary or calendar is for. The guests' version never holds internal notes,
/// logistics or personal contact data; the internal one, for staff, holds everything.
public enum Audience: String, Sendable, Codable, CaseIterable { case guests, `internal` }
