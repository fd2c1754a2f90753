#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif
import EventLog
import Foundation

/// A visit as replayed up to a position of its stream, kept by the store (`.cache/` of a file
/// store) so that the next read or write folds only what was appended since.
///
/// A snapshot is only a cache: deleting it changes nothing but time. One is used only when every
/// part of its key matches and its MAC (HMAC-SHA-256 under the caches' own key) is right, and the
/// stream still begins with its position; a stale, truncated or hand-edited one is ignored and
/// replaced. The key names
/// - the snapshot layout (`layout`, raised when `Visit`'s shape or any `apply` changes meaning),
/// - the log format and every registered event type with its schema version,
/// - the program that wrote it (the executable's size and modification time), so a new build never
///   trusts what an old one folded.
///
/// It holds personal data like the vault: the file is owner-only, and erasing a person removes the
/// stream's snapshot (`EventStore.erase`).
public enum SnapshotCache {
  /// Raise when the meaning of a stored `Visit` changes, or its layout (`SnapshotCodable`).
  public static let layout = 2

  /// How many events a snapshot may lag behind its stream before it is written anew: writing one
  /// costs as much as reading it, folding a few events on top costs next to nothing.
  public static let refreshAfter = 32

  /// Whether a snapshot at `old` (nil: none) should be replaced by one at `new`.
  static func isWorthSaving(from old: StreamPosition?, to new: StreamPosition) -> Bool {
    guard let old else { return true }
    return new.seq - old.seq >= refreshAfter || new.seq < old.seq
  }

  /// Everything a snapshot must have been made under to be used.
  public static let key: String = {
    let types = EventRegistry.types.map { "\($0.eventType)@\($0.schemaVersion)" }.joined(separator: ",")
    var program = "unknown"
    var st = stat()
    if stat("/proc/self/exe", &st) == 0 {
      program = "\(st.st_size)-\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)-\(st.st_ino)"
    }
    return "snapshot \(layout); log \(EventRecord.formatVersion); \(types); program \(program)"
  }()

  private static let magic = Array("visits-snapshot\n".utf8)

  /// The visit and the position it was folded up to, if the store keeps a usable snapshot.
  static func load(_ stream: String, from store: any EventStore) -> (visit: Visit, position: StreamPosition)?
  {
    guard let bytes = store.kept(for: stream), bytes.count > magic.count + 65,
      Array(bytes.prefix(magic.count)) == magic, let secret = store.cacheKey(create: false)
    else { return nil }
    let macStart = magic.count
    let body = bytes[(macStart + 65)...]
    guard bytes[macStart + 64] == 0x0A,
      SHA256.hex(HMAC.sha256(key: secret, message: body)).utf8.elementsEqual(
        bytes[macStart..<(macStart + 64)]),
      let snapshot = Body.read(body), snapshot.key == key, snapshot.visit.id == stream
    else { return nil }
    return (snapshot.visit, snapshot.position)
  }

  /// Keeps a snapshot of `visit` folded up to `position`.
  static func save(_ visit: Visit, at position: StreamPosition, in store: any EventStore) {
    guard let secret = store.cacheKey(create: true) else { return }
    let body = Body(key: key, position: position, visit: visit).bytes
    store.keep(
      magic + Array(SHA256.hex(HMAC.sha256(key: secret, message: body)).utf8) + [0x0A] + body, for: visit.id,
      at: position.length)
  }

  /// What a snapshot file holds after its MAC line, in the layout of `SnapshotCodable`.
  struct Body: Equatable {
    var key: String
    var position: StreamPosition
    var visit: Visit

    var bytes: [UInt8] {
      var w = SnapshotWriter(capacity: 64 * 1024)
      w.string(key)
      w.value(position)
      w.value(visit)
      return w.bytes
    }

    /// The body `bytes` hold, if they hold one and nothing else.
    static func read(_ bytes: ArraySlice<UInt8>) -> Body? {
      bytes.withUnsafeBufferPointer { buffer in
        var r = SnapshotReader(buffer)
        let body = Body(key: r.string(), position: r.value(), visit: r.value())
        return r.isComplete ? body : nil
      }
    }
  }

}
