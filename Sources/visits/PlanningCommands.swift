import EventLog
import Foundation
import Planning
import Publishing

/// The commands that change a visit: each parses its arguments into a `Command` and hands it to
/// the planner, which checks it against the visit's state and appends the events.
enum PlanningCommands {
  static var all: [CommandSpec] { writeCommands + [copyVisit] + ReadCommands.all }

  /// `copy-visit FROM TO`: writes the new visit TO, so it is not one of the one-visit writes above
  /// (and not a form of the web interface, whose writes change the visit in their path).
  static let copyVisit = CommandSpec(
    name: "copy-visit", usage: "FROM TO --from D [--title T]",
    summary:
      "a new visit TO from FROM as a template: its sites and appointments (titles, kinds, hosts, times of day) moved to start on D, without people, tasks or notes",
    arity: 2...2,
    options: [
      opt("--from", "D", "the new visit's first day"), opt("--title", "T", "its title (default: FROM's)"),
    ],
    writes: true
  ) { ctx in
    let from = try ctx.slug(0, "FROM")
    let to = try ctx.slug(1, "TO")
    let r = try ctx.planner.copyVisit(
      from: from, to: to, start: try date(ctx.invocation.required("--from", in: "copy-visit"), "--from"),
      title: ctx.invocation.value("--title"), actor: try ctx.actor(), reason: ctx.invocation.value("--reason")
    )
    // A programme without people warns of every appointment nobody attends yet: say so once.
    if !r.newWarnings.isEmpty {
      ctx.warn(
        "\(r.newWarnings.count) plan warning(s) until people are added; `visits check \(to)` lists them")
    }
    ctx.print(
      "\(to): version \(r.lastSeq) (copied from \(from): \(r.events.count) events), head \(r.headHash.prefix(12))"
    )
  }

  private static func opt(_ name: String, _ value: String, repeatable: Bool = false, _ help: String)
    -> OptionSpec
  {
    OptionSpec(name: name, valueName: value, repeatable: repeatable, help: help)
  }

  /// A writing command: its spec plus how to build the domain command from the invocation.
  private static func write(
    _ name: String, _ usage: String, _ summary: String, arity: ClosedRange<Int>, options: [OptionSpec] = [],
    build: @escaping @Sendable (Context) throws -> Command
  ) -> CommandSpec {
    CommandSpec(
      name: name, usage: usage, summary: summary, arity: arity, options: options + writeOptions, writes: true,
      build: build
    ) { ctx in
      let visit = try ctx.slug(0, "VISIT")
      let r = try ctx.planner.write(
        WriteRequest(
          visit: visit, command: try build(ctx), actor: try ctx.actor(),
          reason: ctx.invocation.value("--reason"), expected: try ctx.expectedVersion(),
          strict: ctx.invocation.flag("--strict")))
      for w in r.repairs { ctx.warn("repaired: " + w.description) }
      if let after = r.visitAfter {
        let labels = Labels(try ctx.language())
        for w in r.newWarnings {
          ctx.warn("warning: \(w.rule.rawValue): " + WarningText.describe(w, in: after, labels))
        }
      }
      if r.alreadyStored {
        ctx.print("\(visit): already stored at \(r.firstSeq)–\(r.lastSeq), head \(r.headHash.prefix(12))")
      } else {
        ctx.print(
          "\(visit): version \(r.lastSeq) (\(r.eventTypes.joined(separator: ", "))), head \(r.headHash.prefix(12))"
        )
      }
    }
  }

  static let writeCommands: [CommandSpec] = [
    write(
      "schedule",
      "VISIT --title T [--title-de T] --partner P --from D --to D [--timezone TZ] [--direction incoming|outgoing] [--program P] [--topic T]... [--organizer O]... [--travel-buffer MIN]",
      "schedule a new visit", arity: 1...1,
      options: [
        opt("--title", "T", "title of the visit"),
        opt("--title-de", "T", "its title in German (for the German agenda)"),
        opt("--partner", "P", "partner city or organisation"),
        opt("--from", "D", "first day"), opt("--to", "D", "last day"),
        opt("--timezone", "TZ", "IANA time zone of the visit (default Europe/Berlin)"),
        opt("--direction", "DIR", "incoming (default) or outgoing"),
        opt("--program", "P", "funding programme"),
        opt("--topic", "T", repeatable: true, "a topic"),
        opt("--organizer", "O", repeatable: true, "an organising unit"),
        opt("--travel-buffer", "MIN", "minutes needed between sites (default 15)"),
      ]
    ) { ctx in
      let i = ctx.invocation
      let direction = try i.value("--direction").map { d throws(CLIError) in
        try enumValue(Direction.self, d, "--direction")
      }
      let buffer = try i.value("--travel-buffer").map { b throws(CLIError) in
        try integer(b, "--travel-buffer")
      }
      return .schedule(
        ScheduleVisit(
          title: try i.required("--title", in: "schedule"),
          partner: try i.required("--partner", in: "schedule"),
          from: try date(i.required("--from", in: "schedule"), "--from"),
          to: try date(i.required("--to", in: "schedule"), "--to"),
          timezone: i.value("--timezone") ?? "Europe/Berlin", direction: direction ?? .incoming,
          program: i.value("--program"),
          topics: i.all("--topic"), organizers: i.all("--organizer"), travelBuffer: buffer,
          titleDe: i.value("--title-de")))
    },
    write(
      "reschedule", "VISIT --from D --to D", "give the visit new dates", arity: 1...1,
      options: [opt("--from", "D", "first day"), opt("--to", "D", "last day")]
    ) { ctx in
      let i = ctx.invocation
      return .reschedule(
        from: try date(i.required("--from", in: "reschedule"), "--from"),
        to: try date(i.required("--to", in: "reschedule"), "--to"))
    },
    write("cancel", "VISIT", "cancel the visit (kept, shown as cancelled)", arity: 1...1) { _ in .cancel },
    write(
      "update-visit",
      "VISIT [--title T] [--title-de T] [--partner P] [--program P] [--topic T]... [--organizer O]...",
      "correct the visit's details (a repeated option replaces the whole list; an empty value removes an optional one)",
      arity: 1...1,
      options: [
        opt("--title", "T", "title of the visit"), opt("--title-de", "T", "its title in German"),
        opt("--partner", "P", "partner city or organisation"), opt("--program", "P", "funding programme"),
        opt("--topic", "T", repeatable: true, "the topics, replacing the old ones"),
        opt("--organizer", "O", repeatable: true, "the organising units, replacing the old ones"),
      ]
    ) { ctx in
      let i = ctx.invocation
      try given(
        i, "update-visit", ["--title", "--title-de", "--partner", "--program", "--topic", "--organizer"])
      return .updateVisit(
        UpdateVisit(
          title: i.value("--title"), titleDe: i.value("--title-de"), partner: i.value("--partner"),
          program: i.value("--program"), topics: list(i, "--topic"), organizers: list(i, "--organizer")))
    },
    write(
      "add-site", "VISIT SITE --name N [--organization O] [--address A] [--note N]",
      "add a place the programme uses",
      arity: 2...2,
      options: [
        opt("--name", "N", "name of the place"), opt("--organization", "O", "who runs it"),
        opt("--address", "A", "postal address"), opt("--note", "N", "a note"),
      ]
    ) { ctx in
      let i = ctx.invocation
      return .addSite(
        SiteAdded(
          site: try ctx.slug(1, "SITE"), name: try i.required("--name", in: "add-site"),
          organization: i.value("--organization"),
          address: i.value("--address"), note: i.value("--note")))
    },
    write(
      "update-site", "VISIT SITE [--name N] [--organization O] [--address A] [--note N]",
      "correct a site (an empty value removes an optional one)", arity: 2...2,
      options: [
        opt("--name", "N", "name of the place"), opt("--organization", "O", "who runs it"),
        opt("--address", "A", "postal address"), opt("--note", "N", "a note"),
      ]
    ) { ctx in
      let i = ctx.invocation
      try given(i, "update-site", ["--name", "--organization", "--address", "--note"])
      return .updateSite(
        UpdateSite(
          site: try ctx.slug(1, "SITE"), name: i.value("--name"), organization: i.value("--organization"),
          address: i.value("--address"), note: i.value("--note")))
    },
    write(
      "add-appointment",
      "VISIT APPT --title T [--title-de T] --start T --end T [--site SITE] [--kind K] [--host H]... [--timezone TZ] [--note N] [--internal-note N]",
      "add an appointment", arity: 2...2,
      options: [
        opt("--title", "T", "title"), opt("--title-de", "T", "its title in German (for the German agenda)"),
        opt("--start", "T", "start, YYYY-MM-DDTHH:MM local time"),
        opt("--end", "T", "end, YYYY-MM-DDTHH:MM local time"), opt("--site", "SITE", "where (a site id)"),
        opt("--kind", "K", AppointmentKind.allCases.map(\.rawValue).joined(separator: " ")),
        opt("--host", "H", repeatable: true, "a host: a person id of the visit, or free text"),
        opt("--timezone", "TZ", "zone of --start and --end (default: the visit's)"),
        opt("--note", "N", "a note for everyone, guests included"),
        opt("--internal-note", "N", "a note for staff only"),
      ]
    ) { ctx in
      let i = ctx.invocation
      if let s = i.value("--site") { try ctx.checkSlug(s, "--site") }
      let kind = try i.value("--kind").map { k throws(CLIError) in
        try enumValue(AppointmentKind.self, k, "--kind")
      }
      return .addAppointment(
        AddAppointment(
          appointment: try ctx.slug(1, "APPT"), title: try i.required("--title", in: "add-appointment"),
          kind: kind ?? .other,
          start: try time(i.required("--start", in: "add-appointment"), "--start"),
          end: try time(i.required("--end", in: "add-appointment"), "--end"), timezone: i.value("--timezone"),
          site: i.value("--site"), hosts: i.all("--host"), note: i.value("--note"),
          titleDe: i.value("--title-de"), internalNote: i.value("--internal-note")))
    },
    write(
      "update-appointment",
      "VISIT APPT [--title T] [--title-de T] [--site SITE | --no-site] [--kind K] [--host H]... [--note N] [--internal-note N]",
      "correct an appointment (an empty value removes an optional one); the calendar keeps its entry",
      arity: 2...2,
      options: [
        opt("--title", "T", "title"), opt("--title-de", "T", "its title in German"),
        opt("--site", "SITE", "where (a site id)"), flag("--no-site", "no site any more"),
        opt("--kind", "K", AppointmentKind.allCases.map(\.rawValue).joined(separator: " ")),
        opt("--host", "H", repeatable: true, "the hosts, replacing the old ones (--host '' for none)"),
        opt("--note", "N", "a note for everyone"), opt("--internal-note", "N", "a note for staff only"),
      ]
    ) { ctx in
      let i = ctx.invocation
      try given(
        i, "update-appointment",
        ["--title", "--title-de", "--site", "--no-site", "--kind", "--host", "--note", "--internal-note"])
      if let s = i.value("--site") { try ctx.checkSlug(s, "--site") }
      if i.value("--site") != nil && i.flag("--no-site") {
        throw CLIError.usage("update-appointment: give --site SITE or --no-site, not both")
      }
      let kind = try i.value("--kind").map { k throws(CLIError) in
        try enumValue(AppointmentKind.self, k, "--kind")
      }
      return .updateAppointment(
        UpdateAppointment(
          appointment: try ctx.slug(1, "APPT"), title: i.value("--title"), titleDe: i.value("--title-de"),
          site: i.value("--site"), noSite: i.flag("--no-site"), kind: kind, hosts: list(i, "--host"),
          note: i.value("--note"), internalNote: i.value("--internal-note")))
    },
    write(
      "move-appointment", "VISIT APPT (--start T [--end T] | --by DURATION)",
      "give an appointment a new time: a new start (keeping its length unless --end says), or shifted by a duration",
      arity: 2...2,
      options: [
        opt("--start", "T", "new start"), opt("--end", "T", "new end (default: the same length as before)"),
        opt("--by", "DURATION", "shift by +30m, -15m, +1h30m"),
      ]
    ) { ctx in
      let i = ctx.invocation
      let appointment = try ctx.slug(1, "APPT")
      if let by = i.value("--by") {
        guard i.value("--start") == nil && i.value("--end") == nil else {
          throw CLIError.usage("move-appointment: give --start (and --end) or --by, not both")
        }
        return .moveAppointmentBy(appointment: appointment, minutes: try duration(by, "--by"))
      }
      return .moveAppointment(
        appointment: appointment, start: try time(i.required("--start", in: "move-appointment"), "--start"),
        end: try i.value("--end").map { e throws(CLIError) in try time(e, "--end") })
    },
    write(
      "shift", "VISIT --from APPT --by DURATION",
      "move an appointment and every later one of the same day by a duration, as one change", arity: 1...1,
      options: [
        opt("--from", "APPT", "the first appointment to move"), opt("--by", "DURATION", "+30m, -15m, +1h30m"),
      ]
    ) { ctx in
      let i = ctx.invocation
      let from = try i.required("--from", in: "shift")
      try ctx.checkSlug(from, "--from")
      return .shift(from: from, minutes: try duration(i.required("--by", in: "shift"), "--by"))
    },
    write("cancel-appointment", "VISIT APPT", "cancel an appointment (kept in history)", arity: 2...2) {
      ctx in
      .cancelAppointment(try ctx.slug(1, "APPT"))
    },
    write(
      "add-attendee",
      "VISIT PERSON --name N [--function F] [--organization O] [--side delegation|host|staff|interpreter|press] [--rank N] [--language L]... [--diet D] [--access A] [--email E] [--phone P]",
      "register a person for the visit", arity: 2...2,
      options: [
        opt("--name", "N", "full name"), opt("--function", "F", "function or title"),
        opt("--organization", "O", "organisation"),
        opt("--side", "SIDE", "delegation (default), host, staff, interpreter or press"),
        opt("--rank", "N", "order of precedence within the side (1 = highest)"),
        opt("--language", "L", repeatable: true, "a language the person speaks (ISO 639-1: de, en, tw)"),
        opt("--diet", "D", "dietary needs"), opt("--access", "A", "accessibility needs"),
        opt("--email", "E", "e-mail"),
        opt("--phone", "P", "phone"),
      ]
    ) { ctx in
      let i = ctx.invocation
      let side = try i.value("--side").map { s throws(CLIError) in try enumValue(Side.self, s, "--side") }
      let languages = i.all("--language").map { $0.lowercased() }
      return .addAttendee(
        AttendeeRegistered(
          person: try ctx.slug(1, "PERSON"), side: side ?? .delegation,
          personal: PersonalData(
            name: try i.required("--name", in: "add-attendee"), function: i.value("--function"),
            organization: i.value("--organization"), email: i.value("--email"), phone: i.value("--phone"),
            diet: i.value("--diet"), access: i.value("--access"),
            languages: languages.isEmpty ? nil : languages),
          rank: try i.value("--rank").map { r throws(CLIError) in try integer(r, "--rank") }))
    },
    write(
      "update-attendee",
      "VISIT PERSON [--name N] [--function F] [--organization O] [--side SIDE] [--rank N] [--language L]... [--diet D] [--access A] [--email E] [--phone P]",
      "correct a person's details (an empty value removes an optional one); lists keep the person's place",
      arity: 2...2,
      options: [
        opt("--name", "N", "full name"), opt("--function", "F", "function or title"),
        opt("--organization", "O", "organisation"),
        opt("--side", "SIDE", "delegation, host, staff, interpreter or press"),
        opt("--rank", "N", "order of precedence within the side (1 = highest; empty removes it)"),
        opt(
          "--language", "L", repeatable: true,
          "the languages the person speaks, all of them (ISO 639-1; one empty value removes them)"),
        opt("--diet", "D", "dietary needs"), opt("--access", "A", "accessibility needs"),
        opt("--email", "E", "e-mail"), opt("--phone", "P", "phone"),
      ]
    ) { ctx in
      let i = ctx.invocation
      try given(
        i, "update-attendee",
        [
          "--name", "--function", "--organization", "--side", "--rank", "--language", "--diet", "--access",
          "--email", "--phone",
        ])
      let rank = i.value("--rank")
      let languages = i.all("--language").map { $0.lowercased() }.filter { !$0.isEmpty }
      let side = try i.value("--side").map { s throws(CLIError) in try enumValue(Side.self, s, "--side") }
      return .updateAttendee(
        UpdateAttendee(
          person: try ctx.slug(1, "PERSON"), side: side, name: i.value("--name"),
          function: i.value("--function"),
          organization: i.value("--organization"), email: i.value("--email"), phone: i.value("--phone"),
          diet: i.value("--diet"), access: i.value("--access"),
          rank: try rank.flatMap { r throws(CLIError) in r.isEmpty ? nil : try integer(r, "--rank") },
          clearRank: rank?.isEmpty == true, languages: i.all("--language").isEmpty ? nil : languages))
    },
    write("withdraw-attendee", "VISIT PERSON", "a person no longer takes part", arity: 2...2) { ctx in
      .withdrawAttendee(try ctx.slug(1, "PERSON"))
    },
    write(
      "assign", "VISIT APPT [PERSON...] [--side SIDE]...",
      "people attend an appointment: those named, and every current member of a side", arity: 2...Int.max,
      options: [opt("--side", "SIDE", repeatable: true, "delegation, host, staff, interpreter or press")]
    ) { ctx in
      let (persons, sides) = try people(ctx, "assign")
      return .assign(appointment: try ctx.slug(1, "APPT"), persons: persons, sides: sides)
    },
    write(
      "unassign", "VISIT APPT [PERSON...] [--side SIDE]...",
      "people no longer attend an appointment: those named, and every member of a side who does",
      arity: 2...Int.max,
      options: [opt("--side", "SIDE", repeatable: true, "delegation, host, staff, interpreter or press")]
    ) { ctx in
      let (persons, sides) = try people(ctx, "unassign")
      return .unassign(appointment: try ctx.slug(1, "APPT"), persons: persons, sides: sides)
    },
    write(
      "plan-mou", "VISIT MOU --title T [--signatory S]... [--date D] [--place P] [--commitment C]...",
      "a memorandum of understanding is being prepared (no follow-ups yet)", arity: 2...2,
      options: [
        opt("--title", "T", "title"), opt("--signatory", "S", repeatable: true, "who is to sign"),
        opt("--date", "D", "when it is to be signed"), opt("--place", "P", "where"),
        opt("--commitment", "C", repeatable: true, "a commitment"),
      ]
    ) { ctx in
      let i = ctx.invocation
      return .planMou(
        SignMou(
          mou: try ctx.slug(1, "MOU"), title: try i.required("--title", in: "plan-mou"),
          signatories: i.all("--signatory"),
          date: try i.value("--date").map { d throws(CLIError) in try date(d, "--date") },
          place: i.value("--place"),
          commitments: i.all("--commitment")))
    },
    write(
      "sign-mou", "VISIT MOU [--title T --signatory S...] [--date D] [--place P] [--commitment C]...",
      "it was signed: a planned MoU (what is not given stays as planned), or a new one with its details; follow-up tasks derive from it",
      arity: 2...2,
      options: [
        opt("--title", "T", "title"), opt("--signatory", "S", repeatable: true, "who signed"),
        opt("--date", "D", "when"), opt("--place", "P", "where"),
        opt("--commitment", "C", repeatable: true, "a commitment"),
      ]
    ) { ctx in
      let i = ctx.invocation
      return .signMou(
        SignMou(
          mou: try ctx.slug(1, "MOU"), title: i.value("--title"),
          signatories: i.all("--signatory"),
          date: try i.value("--date").map { d throws(CLIError) in try date(d, "--date") },
          place: i.value("--place"),
          commitments: i.all("--commitment")))
    },
    write(
      "add-travel",
      "VISIT TRAVEL --person P... --direction arrival|departure --at T [--mode flight|train|car|bus|other] [--number N] [--from PLACE] [--to PLACE] [--pickup WHO] [--note N]",
      "an arrival or departure of some attendees", arity: 2...2,
      options: [
        opt("--person", "P", repeatable: true, "a person of the visit on this leg"),
        opt("--direction", "D", "arrival or departure"),
        opt("--at", "T", "when they arrive or leave, YYYY-MM-DDTHH:MM in the visit's zone"),
        opt("--mode", "M", "flight, train, car, bus or other"),
        opt("--number", "N", "flight or train number"),
        opt("--from", "PLACE", "from where"), opt("--to", "PLACE", "to where"),
        opt("--pickup", "WHO", "who picks them up or sees them off (a person id of the visit or a name)"),
        opt("--note", "N", "a note for staff"),
      ]
    ) { ctx in
      let i = ctx.invocation
      for p in i.all("--person") { try ctx.checkSlug(p, "--person") }
      return .addTravel(
        AddTravel(
          travel: try ctx.slug(1, "TRAVEL"), persons: i.all("--person"),
          direction: try enumValue(
            TravelDirection.self, try i.required("--direction", in: "add-travel"), "--direction"),
          at: try time(i.required("--at", in: "add-travel"), "--at"),
          mode: try i.value("--mode").map { m throws(CLIError) in try enumValue(TravelMode.self, m, "--mode")
          },
          number: i.value("--number"), from: i.value("--from"), to: i.value("--to"),
          pickup: i.value("--pickup"),
          note: i.value("--note")))
    },
    write(
      "cancel-travel", "VISIT TRAVEL", "that travel leg no longer happens (kept in history)", arity: 2...2
    ) {
      ctx in
      .cancelTravel(try ctx.slug(1, "TRAVEL"))
    },
    write(
      "record-gift",
      "VISIT GIFT --description D --direction given|received --from WHO --to WHO [--value EUR] [--disposition D]",
      "a protocol gift, for the gifts register", arity: 2...2,
      options: [
        opt("--description", "D", "what it is"), opt("--direction", "D", "given (by us) or received"),
        opt("--from", "WHO", "who gave it (a person id of the visit or a name)"),
        opt("--to", "WHO", "who received it (a person id of the visit or a name)"),
        opt("--value", "EUR", "its value in euros, such as 120 or 120.50"),
        opt("--disposition", "D", "what became of it (kept in the mayor's office, city archive…)"),
      ]
    ) { ctx in
      let i = ctx.invocation
      return .recordGift(
        RecordGift(
          gift: try ctx.slug(1, "GIFT"), description: try i.required("--description", in: "record-gift"),
          direction: try enumValue(
            GiftDirection.self, try i.required("--direction", in: "record-gift"), "--direction"),
          from: try i.required("--from", in: "record-gift"), to: try i.required("--to", in: "record-gift"),
          value: i.value("--value"), disposition: i.value("--disposition")))
    },
    write(
      "add-task", "VISIT TASK --title T [--owner O] [--due D]", "add a follow-up task", arity: 2...2,
      options: [
        opt("--title", "T", "what to do"), opt("--owner", "O", "who does it"), opt("--due", "D", "by when"),
      ]
    ) { ctx in
      let i = ctx.invocation
      return .addTask(
        AddTask(
          task: try ctx.slug(1, "TASK"), title: try i.required("--title", in: "add-task"),
          owner: i.value("--owner"),
          due: try i.value("--due").map { d throws(CLIError) in try date(d, "--due") }))
    },
    write(
      "update-task", "VISIT TASK --title T", "give a task a new title (a derived one keeps its id and owner)",
      arity: 2...2, options: [opt("--title", "T", "what to do")]
    ) { ctx in
      .retitleTask(
        task: try ctx.slug(1, "TASK"), title: try ctx.invocation.required("--title", in: "update-task"))
    },
    write(
      "assign-task", "VISIT TASK --owner O", "give a task an owner", arity: 2...2,
      options: [opt("--owner", "O", "who does it")]
    ) { ctx in
      .assignTask(
        task: try ctx.slug(1, "TASK"), owner: try ctx.invocation.required("--owner", in: "assign-task"))
    },
    write(
      "set-due", "VISIT TASK --due D", "give a task a due date", arity: 2...2,
      options: [opt("--due", "D", "by when")]
    ) { ctx in
      .setDue(
        task: try ctx.slug(1, "TASK"), due: try date(ctx.invocation.required("--due", in: "set-due"), "--due")
      )
    },
    write("complete-task", "VISIT TASK", "mark a task done", arity: 2...2) { ctx in
      .completeTask(try ctx.slug(1, "TASK"))
    },
    write("reopen-task", "VISIT TASK", "mark a done task open again", arity: 2...2) { ctx in
      .reopenTask(try ctx.slug(1, "TASK"))
    },
    write(
      "note", "VISIT --text T [--internal]", "add a free note to the record", arity: 1...1,
      options: [
        opt("--text", "T", "the note"),
        flag("--internal", "for staff only: never on a guests' agenda, itinerary or calendar"),
      ]
    ) { ctx in
      .note(
        try ctx.invocation.required("--text", in: "note"), internal: ctx.invocation.flag("--internal"))
    },
    write(
      "publish", "VISIT [--note N]", "publish the next agenda version", arity: 1...1,
      options: [opt("--note", "N", "what changed")]
    ) { ctx in
      .publish(note: ctx.invocation.value("--note"))
    },
  ]

  private static func flag(_ name: String, _ help: String) -> OptionSpec {
    OptionSpec(name: name, help: help)
  }

  /// Refuses a correction that names nothing to correct.
  private static func given(_ i: Invocation, _ command: String, _ options: [String]) throws(CLIError) {
    guard options.contains(where: { i.values[$0] != nil }) else {
      throw .usage("\(command): nothing to correct; give at least one of \(options.joined(separator: ", "))")
    }
  }

  /// A repeatable option as a new list: nil when not given, empty for a single empty value.
  private static func list(_ i: Invocation, _ name: String) -> [String]? {
    guard let values = i.values[name] else { return nil }
    return values == [""] ? [] : values
  }

  /// The PERSON arguments and `--side` options of `assign` and `unassign`; at least one of them.
  static func people(_ ctx: Context, _ command: String) throws(CLIError) -> ([String], [Side]) {
    let persons = try (2..<max(2, ctx.positionals.count)).map { i throws(CLIError) in
      try ctx.slug(i, "PERSON")
    }
    let sides = try ctx.invocation.all("--side").map { s throws(CLIError) in
      try enumValue(Side.self, s, "--side")
    }
    guard !persons.isEmpty || !sides.isEmpty else {
      throw .usage(
        "\(command): name a PERSON or a --side (usage: visits \(command) VISIT APPT [PERSON...] [--side SIDE]...)"
      )
    }
    return (persons, sides)
  }

  /// Checks the shape `YYYY-MM-DD` (exit 64 when malformed); whether the day exists is a domain rule.
  static func date(_ text: String, _ option: String) throws(CLIError) -> String {
    guard LocalDate.shape(text) != nil else {
      throw .usage("invalid \(option) '\(printable(text))': use YYYY-MM-DD")
    }
    return text
  }

  /// Checks the shape `YYYY-MM-DDTHH:MM`; whether the time exists is a domain rule.
  static func time(_ text: String, _ option: String) throws(CLIError) -> String {
    guard LocalDateTime.hasShape(text) else {
      throw .usage("invalid \(option) '\(printable(text))': use YYYY-MM-DDTHH:MM")
    }
    return text
  }

  /// A duration such as `+30m`, `-15m` or `+1h30m`, in minutes.
  static func duration(_ text: String, _ option: String) throws(CLIError) -> Int {
    guard let m = Minutes.parse(text) else {
      throw .usage(
        "invalid \(option) '\(printable(text))': a duration such as +30m, -15m or +1h30m (at most a week)")
    }
    return m
  }

  static func integer(_ text: String, _ option: String) throws(CLIError) -> Int {
    guard let n = Int(text) else { throw .usage("invalid \(option) '\(printable(text))': a whole number") }
    return n
  }

  static func enumValue<E: RawRepresentable & CaseIterable>(_: E.Type, _ text: String, _ option: String)
    throws(CLIError) -> E
  where E.RawValue == String {
    guard let v = E(rawValue: text) else {
      throw .usage(
        "invalid \(option) '\(printable(text))': one of \(E.allCases.map(\.rawValue).joined(separator: ", "))"
      )
    }
    return v
  }
}
