import Dispatch
import Foundation

extension Planner {
  /// `body` for each item, spread over the machine's cores, with the results in the items' order.
  /// Visits are independent streams, so replaying them side by side changes nothing but time.
  ///
  /// - Throws: the error of the first item (in order) whose `body` threw.
  static func inParallel<T: Sendable>(_ items: [String], _ body: @Sendable (String) throws -> T) throws -> [T]
  {
    guard items.count > 1 else { return try items.map(body) }
    let results = ResultBox<T>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { i in
      let r: Result<T, any Error>
      do { r = .success(try body(items[i])) } catch { r = .failure(error) }
      results.set(i, r)
    }
    return try results.values().map { try $0.get() }
  }
}

/// The results of a parallel run, written by index under a lock.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [Result<T, any Error>?]

  init(count: Int) { items = Array(repeating: nil, count: count) }

  func set(_ i: Int, _ r: Result<T, any Error>) {
    lock.lock()
    items[i] = r
    lock.unlock()
  }

  func values() -> [Result<T, any Error>] {
    lock.lock()
    defer { lock.unlock() }
    return items.map { $0 ?? .failure(CancellationError()) }
  }
}
