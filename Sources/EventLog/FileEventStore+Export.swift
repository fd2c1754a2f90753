extension FileEventStore {
  /// The sealed values of a stream's vault, by commitment, with their salts and line lengths: what
  /// an export needs to rebuild the vault byte for byte. Read after the stream's records, it holds
  /// an entry for every line read (entries are written before their lines).
  ///
  /// - Throws: `EventLogError.noSuchStore`, or what reading the vault file throws.
  public func vaultValues(of stream: String) throws(EventLogError) -> [String: VaultValue] {
    guard isValidStreamName(stream) else { throw .invalidStreamName(stream) }
    guard exists else { throw .noSuchStore(path: directory) }
    let lock = try StoreLock(directory: directory, exclusive: false, timeout: lockTimeout)
    defer { withExtendedLifetime(lock) {} }
    let bytes = try VaultReader.read(vaultPath(of: stream))
    var values: [String: VaultValue] = [:]
    for range in Vault.lines(bytes) {
      guard let entry = Vault.entry(Array(bytes[range])) else { continue }
      values[entry.commitment] = VaultValue(entry, length: range.count)
    }
    return values
  }
}
