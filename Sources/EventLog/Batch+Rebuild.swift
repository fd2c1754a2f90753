// What an import that rebuilds a log may give an append beyond a new event: original salts and
// tombstones for the vault (`NewEvent.recorded` and `.continues` are checked in `Batch.plan`).

extension SealedInput {
  /// The vault entry this input becomes under `name`: the value sealed with the given salt (or
  /// one `salt()` makes), or the given tombstone.
  func entry(name: String, salt: () -> String) -> VaultEntry {
    if let tombstone {
      var t = VaultEntry(tombstone: tombstone.commitment, name: name, subject: subject)
      t.length = tombstone.length
      return t
    }
    let s = self.salt ?? salt()
    return VaultEntry(
      commitment: Vault.commitment(salt: s, value: value), name: name, subject: subject, salt: s, value: value
    )
  }
}

extension Batch {
  /// Checks what a caller gave for sealing: a salt of 32 lower-case hex digits; a tombstone's
  /// commitment of 64 and a length its own line fits in.
  static func input(_ e: NewEvent) throws(EventLogError) {
    for (name, input) in e.sealed {
      if let salt = input.salt {
        let u = salt.utf8
        guard u.count == 32, u.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
          throw .invalidEvent("sealed value '\(name)': the salt must be 32 lower-case hex digits")
        }
      }
      if let t = input.tombstone {
        guard EventRecord.isHexDigest(t.commitment) else {
          throw .invalidEvent("sealed value '\(name)': the commitment must be 64 lower-case hex digits")
        }
        guard t.length <= 1 << 20 else {
          throw .invalidEvent("sealed value '\(name)': length \(t.length) is out of range")
        }
        guard
          t.length >= VaultEntry(tombstone: t.commitment, name: name, subject: input.subject).line.count - 1
        else {
          throw .invalidEvent(
            "sealed value '\(name)': length \(t.length) is shorter than the tombstone itself")
        }
      }
    }
  }
}

/// A sealed value as a stream's vault holds it, for an export that rebuilds the log.
public struct VaultValue: Sendable, Equatable {
  /// The payload member it stands for.
  public var name: String
  /// Whose value it is.
  public var subject: String
  /// Salt and value; nil when the value was erased.
  public var salt: String?
  public var value: JSONValue?
  /// Length in bytes of the entry's line without its `\n` (a tombstone keeps the length of the
  /// entry it replaced).
  public var length: Int

  init(_ entry: VaultEntry, length: Int) {
    name = entry.name
    subject = entry.subject
    salt = entry.sealed?.salt
    value = entry.sealed?.value
    self.length = length
  }

  /// Whether the value was erased.
  public var isErased: Bool { salt == nil }
}

extension SealedInput {
  /// The commitment the line keeps to this value sealed with `salt` (`docs/log-format.md`): an
  /// import checks that a rebuilt value still gives the commitment it names.
  public static func commitment(salt: String, value: JSONValue) -> String {
    Vault.commitment(salt: salt, value: value)
  }
}
