import Foundation

/// The follow-up rules: tasks the projection derives from what happened, visible and documented in
/// `docs/events.md`, never written to the log. A derived task's id comes from its origin, so it stays
/// the same on every replay and can be assigned, dated and completed like a manual one.
extension Visit {
  /// Days after the visit's end by which thank-you letters are due.
  public static let thanksDueDays = 7
  /// Days after the visit's end by which the visit report is due.
  public static let reportDueDays = 30
  /// Days after signing by which countersigned MoU copies are due.
  public static let mouCopyDueDays = 14

  /// Every follow-up task, manual and derived, with its current owner, due date and status.
  public var tasks: [FollowUpTask] { followUps().listed }

  /// How many follow-up tasks are open: what `tasks` would count, without making their titles.
  public var openTaskCount: Int { followUps(.openCount).open }

  /// Ids of every task, including those a cancelled appointment keeps reserved: a manual task may
  /// not take one, or the derived tasks after it would be renumbered.
  public var taskIDsInUse: Set<String> { followUps(.ids).taken }

  /// What every derived task's id begins with (a slug of one of these and more, or with `-N`
  /// after it to keep it unique, begins with it too).
  static let derivedTaskPrefixes = ["mou-", "thanks-", "golden-book-", "visit-report"]

  /// Whether a task has `id`, or a cancelled appointment reserves it (`taskIDsInUse`), without
  /// working out the derived tasks for an id no derived task can have.
  public func isTaskIDInUse(_ id: String) -> Bool {
    if manualTasks[id] != nil { return true }
    guard Self.derivedTaskPrefixes.contains(where: { id.hasPrefix($0) }) else { return false }
    return taskIDsInUse.contains(id)
  }

  /// How much of the follow-ups `followUps` works out.
  private enum FollowUpDetail {
    /// The listed tasks with their titles, and the ids in use.
    case tasks
    /// How many listed tasks are open, and the ids in use (a listing counts them for each visit).
    case openCount
    /// Only the ids in use (every `add-task` a read checks asks for them).
    case ids
  }

  /// The tasks, how many of them are open, and the ids in use, as far as `detail` asks; no
  /// title is made unless it asks for the tasks.
  private func followUps(_ detail: FollowUpDetail = .tasks) -> (
    listed: [FollowUpTask], open: Int, taken: Set<String>
  ) {
    var all = Array(manualTasks)
    var taken = Set(all.map(\.id))
    var open = all.count { $0.status == .open }
    func add(
      _ id: String, _ title: @autoclosure () -> (en: String, de: String), due: LocalDate?,
      _ origin: TaskOrigin,
      listed: Bool = true
    ) {
      var unique = id
      var n = 2
      while taken.contains(unique) {
        let suffix = "-\(n)"
        unique = String(id.prefix(64 - suffix.count)) + suffix
        n += 1
      }
      taken.insert(unique)
      guard listed, detail != .ids else { return }
      let p = taskProgress[unique]
      if (p?.status ?? .open) == .open { open += 1 }
      guard detail == .tasks else { return }
      let title = title()
      all.append(
        FollowUpTask(
          id: unique, title: p?.title ?? title.en, titleDe: p?.title == nil ? title.de : nil, owner: p?.owner,
          due: p?.due ?? due, status: p?.status ?? .open, origin: origin))
    }
    for m in mous where !m.isPlanned {
      let signedOn = m.date ?? from
      for s in m.signatories {
        // Our own signatory keeps our original; the countersigned copy goes to the partner's side.
        let to = named(s)
        add(
          slug("mou-\(m.id)-copy-\(s)"),
          (
            "Send countersigned copy of '\(m.title)' to \(to.en)",
            "Gegengezeichnete Ausfertigung von „\(m.title)“ an \(to.de) senden"
          ),
          due: signedOn.adding(days: Self.mouCopyDueDays), .mouCopy(mou: m.id, signatory: s),
          listed: !isOurs(s))
      }
      for (i, c) in m.commitments.enumerated() {
        add(
          slug("mou-\(m.id)-commitment-\(i + 1)"),
          ("Follow up MoU commitment: \(c)", "Zusage aus dem MoU nachhalten: \(c)"), due: nil,
          .mouCommitment(mou: m.id, number: i + 1))
      }
    }
    guard status != .cancelled else { return (all, open, taken) }
    let thanksDue = to.adding(days: Self.thanksDueDays)
    // A cancelled appointment still reserves its tasks' ids, so that later ones keep theirs.
    for a in appointments.items {
      if a.kind == .reception {
        // Thanks go to the partner's side: on an incoming visit we were the hosts, so the letter
        // goes to the partner; on an outgoing one, to those of the hosts who are not our own.
        let theirs = direction == .outgoing ? a.hosts.filter { !isOurs($0) } : []
        let names = theirs.map(named)
        let to =
          names.isEmpty
          ? (en: partner, de: partner)
          : (en: names.map(\.en).joined(separator: ", "), de: names.map(\.de).joined(separator: ", "))
        add(
          slug("thanks-\(a.id)"),
          (
            "Thank-you letter to \(to.en) after '\(a.title)'",
            "Dankschreiben an \(to.de) nach „\(a.titleDe ?? a.title)“"
          ),
          due: thanksDue, .receptionThanks(appointment: a.id), listed: !a.cancelled)
      }
      if a.kind == .goldenBook {
        add(
          slug("golden-book-\(a.id)"),
          (
            "File the photo and the signed page of the Golden Book entry '\(a.title)'",
            "Foto und unterschriebene Seite der Eintragung ins Goldene Buch („\(a.titleDe ?? a.title)“) ablegen"
          ),
          due: a.start.date.adding(days: Self.thanksDueDays), .goldenBook(appointment: a.id),
          listed: !a.cancelled)
      }
      if a.kind == .siteVisit {
        let place = a.site.flatMap { sites[$0]?.name }.map { " (\($0))" } ?? ""
        for h in a.hosts {
          let to = named(h)
          add(
            Self.hostThanksID(appointment: a.id, host: h),
            ("Thank-you letter to \(to.en)\(place)", "Dankschreiben an \(to.de)\(place)"), due: thanksDue,
            .hostThanks(appointment: a.id, host: h), listed: !a.cancelled && !isOurs(h))
        }
      }
    }
    add(
      "visit-report", ("Write the visit report", "Besuchsbericht schreiben"),
      due: to.adding(days: Self.reportDueDays), .visitReport)
    return (all, open, taken)
  }

  /// The id of the thank-you task to one host of a site visit.
  static func hostThanksID(appointment: String, host: String) -> String {
    slug("thanks-\(appointment)-\(host)")
  }

  /// The sides that are ours, not the partner's: the hosts and staff of an incoming visit, the
  /// delegation and staff of an outgoing one.
  public var ourSides: Set<Side> { direction == .incoming ? [.host, .staff] : [.delegation, .staff] }

  /// Whether a host or signatory names one of our own people (a person id of the visit on our side).
  func isOurs(_ reference: String) -> Bool {
    attendees[reference].map { ourSides.contains($0.side) } ?? false
  }

  /// A host or signatory as a task title names it: a person's name when it is a person id of the
  /// visit (or that it was erased), else the text as entered.
  private func named(_ reference: String) -> (en: String, de: String) {
    switch personName(reference) {
    case .named(let n): return (n, n)
    case .erased: return ("[erased]", "[gelöscht]")
    }
  }

  /// What a host or signatory reference shows as: the name of the person of the visit with that id,
  /// or the text itself.
  public func personName(_ reference: String) -> PersonName {
    attendees[reference]?.personal.displayName ?? .named(reference)
  }

  /// The task with `id`, manual or derived.
  public func task(_ id: String) -> FollowUpTask? {
    manualTasks[id] ?? tasks.first { $0.id == id }
  }
}

/// A slug made from free text: lower-case ASCII letters and digits, other runs become `-`, at most 64.
public func slug(_ text: String) -> String {
  asciiSlug(text) ?? unicodeSlug(text)
}

/// `slug` of any text: umlauts and accented letters become their ASCII letters first.
func unicodeSlug(_ text: String) -> String {
  var out = ""
  var dash = false
  for scalar in text.lowercased().unicodeScalars {
    var ascii: Character?
    switch scalar {
    case "ß":
      out += "ss"
      dash = false
      continue
    case "a"..."z", "0"..."9": ascii = Character(scalar)
    case "ä", "à", "á", "â", "å": ascii = "a"
    case "ö", "ò", "ó", "ô": ascii = "o"
    case "ü", "ù", "ú", "û": ascii = "u"
    case "é", "è", "ê", "ë": ascii = "e"
    default: ascii = nil
    }
    if let c = ascii {
      if scalar == "ä" || scalar == "ö" || scalar == "ü" {
        out.append(c)
        out.append("e")
      } else {
        out.append(c)
      }
      dash = false
    } else if !dash && !out.isEmpty {
      out.append("-")
      dash = true
    }
  }
  while out.hasSuffix("-") { out.removeLast() }
  if out.count > 64 { out = String(out.prefix(64)) }
  while out.hasSuffix("-") { out.removeLast() }
  return out.isEmpty ? "x" : out
}

/// `slug` of a text of ASCII and Latin-1 letters (the ids and names the follow-up rules combine),
/// worked out on its bytes; nil for a text with any other character, which `unicodeSlug` takes.
func asciiSlug(_ text: String) -> String? {
  var out: [UInt8] = []
  out.reserveCapacity(text.utf8.count + 8)
  var dash = false
  var bytes = text.utf8.makeIterator()
  while let b = bytes.next() {
    // The one or two ASCII letters or digits the character becomes (0: none, it is a dash).
    var letters: (UInt8, UInt8) = (0, 0)
    if b < 0x80 {
      let lower = b >= 0x41 && b <= 0x5A ? b + 0x20 : b
      if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) { letters.0 = lower }
    } else if b == 0xC3, let c = bytes.next() {
      // U+00C0…U+00FF; the capitals (but ×) lower-case 0x20 further on, as `lowercased()` has them.
      switch c <= 0x9E && c != 0x97 ? c + 0x20 : c {
      case 0x9F: letters = (0x73, 0x73)  // ß
      case 0xA4: letters = (0x61, 0x65)  // ä
      case 0xB6: letters = (0x6F, 0x65)  // ö
      case 0xBC: letters = (0x75, 0x65)  // ü
      case 0xA0, 0xA1, 0xA2, 0xA5: letters.0 = 0x61  // à á â å
      case 0xB2, 0xB3, 0xB4: letters.0 = 0x6F  // ò ó ô
      case 0xB9, 0xBA, 0xBB: letters.0 = 0x75  // ù ú û
      case 0xA8, 0xA9, 0xAA, 0xAB: letters.0 = 0x65  // è é ê ë
      default: break
      }
    } else {
      return nil
    }
    if letters.0 != 0 {
      out.append(letters.0)
      if letters.1 != 0 { out.append(letters.1) }
      dash = false
    } else if !dash && !out.isEmpty {
      out.append(0x2D)
      dash = true
    }
  }
  while out.last == 0x2D { out.removeLast() }
  if out.count > 64 { out.removeLast(out.count - 64) }
  while out.last == 0x2D { out.removeLast() }
  return out.isEmpty ? "x" : String(decoding: out, as: UTF8.self)
}
