#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Thin wrappers over the POSIX calls the store needs, each failing with `EventLogError.io`.
struct FileDescriptor {
  let fd: Int32
  let path: String

  ///
  /// A file of the store is only ever a regular file: a symbolic link is not followed (a write
  /// could land outside the store), and a FIFO or a device is refused at once instead of blocking
  /// or streaming forever (`EventLogError.notAFile`). Directories (`O_DIRECTORY`) are opened as
  /// asked.
  static func openFile(_ path: String, flags: Int32, mode: mode_t = 0o600) throws(EventLogError)
    -> FileDescriptor?
  {
    let directory = flags & O_DIRECTORY != 0
    let extra = directory ? O_CLOEXEC : O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK
    while true {
      let fd = open(path, flags | extra, mode)
      if fd >= 0 {
        let f = FileDescriptor(fd: fd, path: path)
        guard !directory else { return f }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
          let e = errno
          f.close()
          throw .io(path: path, operation: "stat", errno: e)
        }
        guard st.st_mode & S_IFMT == S_IFREG else {
          f.close()
          throw .notAFile(path: path)
        }
        return f
      }
      if errno == EINTR { continue }
      if errno == ENOENT { return nil }
      if errno == ELOOP { throw .notAFile(path: path) }
      throw .io(path: path, operation: "open", errno: errno)
    }
  }

  func close() { _ = Glibc.close(fd) }

  func size() throws(EventLogError) -> Int {
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw .io(path: path, operation: "stat", errno: errno) }
    return Int(st.st_size)
  }

  /// Reads up to `count` bytes at `offset` into `buffer[at...]`; returns how many (0 at the end).
  func read(into buffer: inout [UInt8], at: Int, count: Int, offset: Int) throws(EventLogError) -> Int {
    while true {
      let n = buffer.withUnsafeMutableBytes {
        pread(fd, $0.baseAddress.map { $0 + at }, count, off_t(offset))
      }
      if n >= 0 { return n }
      if errno == EINTR { continue }
      throw .io(path: path, operation: "read", errno: errno)
    }
  }

  func write(_ bytes: [UInt8], at offset: Int) throws(EventLogError) {
    FailPoint.step(write: bytes.count) { n in
      _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, n, off_t(offset)) }
    }
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeBytes {
        pwrite(fd, $0.baseAddress.map { $0 + done }, bytes.count - done, off_t(offset + done))
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw .io(path: path, operation: "write", errno: errno)
      }
      done += n
    }
  }

  func truncate(to length: Int) throws(EventLogError) {
    FailPoint.step()
    guard ftruncate(fd, off_t(length)) == 0 else {
      throw .io(path: path, operation: "truncate", errno: errno)
    }
  }

  func sync() throws(EventLogError) {
    FailPoint.step()
    guard fsync(fd) == 0 else { throw .io(path: path, operation: "fsync", errno: errno) }
  }

  /// Makes a new directory entry durable.
  static func syncDirectory(_ path: String) throws(EventLogError) {
    guard let d = try openFile(path, flags: O_RDONLY | O_DIRECTORY) else {
      throw .io(path: path, operation: "open", errno: ENOENT)
    }
    defer { d.close() }
    try d.sync()
  }
}

/// An advisory `flock` on the store's `.lock` file, exclusive for writers and shared for readers.
final class StoreLock {
  private let file: FileDescriptor

  /// Takes the lock, polling until `timeout` seconds have passed.
  ///
  /// The lock is a `flock` on the store directory itself: nothing is created to take it, so a
  /// refused write leaves the store as it was byte for byte, and a read-only store can be read.
  /// (Stores made by earlier versions have an empty `.lock` file, which is no longer used.)
  init?(directory: String, exclusive: Bool, timeout: Double) throws(EventLogError) {
    let path = directory
    guard let f = try FileDescriptor.openFile(path, flags: O_RDONLY | O_DIRECTORY) else {
      throw .noSuchStore(path: directory)
    }
    let deadline = monotonicSeconds() + timeout
    var pause: UInt32 = 1_000
    while flock(f.fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0 {
      guard errno == EWOULDBLOCK || errno == EINTR else {
        let e = errno
        f.close()
        throw .io(path: path, operation: "flock", errno: e)
      }
      if monotonicSeconds() >= deadline {
        // Who holds it: when a shared lock can be had, only readers do.
        let readers = exclusive && flock(f.fd, LOCK_SH | LOCK_NB) == 0
        f.close()
        throw .lockTimeout(path: directory, seconds: timeout, byWriter: !readers)
      }
      usleep(pause)
      pause = min(pause * 2, 20_000)
    }
    file = f
  }

  deinit {
    _ = flock(file.fd, LOCK_UN)
    file.close()
  }
}

/// A mutual exclusion between the threads of this process.
final class ThreadLock: @unchecked Sendable {
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>

  init() {
    mutex = .allocate(capacity: 1)
    mutex.initialize(to: pthread_mutex_t())
    pthread_mutex_init(mutex, nil)
  }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  func locked<T>(_ body: () throws -> T) rethrows -> T {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return try body()
  }
}

func monotonicSeconds() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
