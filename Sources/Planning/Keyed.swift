/// Something with a slug id.
public protocol Identified {
  var id: String { get }
}

/// Entities in the order they were added, found by id in constant time.
public struct Keyed<Element: Identified & Sendable & Equatable>: Sendable, Equatable, Sequence {
  public private(set) var items: [Element] = []
  private var index: [String: Int] = [:]

  public init() {}

  /// The elements in this order; nil when two have the same id.
  init?(unique items: [Element]) {
    index.reserveCapacity(items.count)
    for (i, item) in items.enumerated() where index.updateValue(i, forKey: item.id) != nil { return nil }
    self.items = items
  }

  public subscript(id: String) -> Element? {
    get { index[id].map { items[$0] } }
    set {
      if let i = index[id] {
        if let newValue { items[i] = newValue }
      } else if let newValue {
        index[id] = items.count
        items.append(newValue)
      }
    }
  }

  public func contains(_ id: String) -> Bool { index[id] != nil }
  public var count: Int { items.count }
  public func makeIterator() -> IndexingIterator<[Element]> { items.makeIterator() }

  /// Changes the element with `id` in place, if there is one.
  mutating func update(_ id: String, _ change: (inout Element) -> Void) {
    guard let i = index[id] else { return }
    change(&items[i])
  }

  mutating func updateAll(_ change: (inout Element) -> Void) {
    for i in items.indices { change(&items[i]) }
  }
}

extension Keyed: Codable where Element: Codable {
  /// Encoded as the list of elements in order; the index is rebuilt on decoding.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(items)
  }

  public init(from decoder: any Decoder) throws {
    self.init()
    for item in try decoder.singleValueContainer().decode([Element].self) { self[item.id] = item }
  }
}
