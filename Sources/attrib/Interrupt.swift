import Foundation

/// Ctrl-C (SIGINT) ends a run with exit status 130 and never leaves a half-written output file.
///
/// The signal handler only writes one byte to a pipe (async-signal-safe); a waiting thread wakes
/// up, removes the temporary file an atomic write may have in progress, and exits. The temporary
/// file is created, renamed and forgotten under the same lock, so either the output file is
/// complete or it is not there.
enum Interrupt {
    /// Write end of the wake-up pipe, set before the handler is installed and never changed after.
    nonisolated(unsafe) private static var wakeFD: Int32 = -1
    private static let state = State()

    /// Installs the handler once (call it on the main thread); later calls do nothing.
    static func install() {
        guard state.markInstalled() else { return }
        // A SIGINT ignored by the parent (a background job of a non-interactive shell) stays ignored.
        let previous = signal(SIGINT, SIG_IGN)
        if let previous, unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { return }
        // A parent may start attrib with SIGINT blocked (a thread of a test runner or a job
        // server, whose mask the child inherits): then Ctrl-C would stay pending for ever. The
        // waiter thread below inherits this thread's mask.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        let readFD = fds[0]
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        // A second Ctrl-C must not block in the handler when the pipe is full.
        _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
        wakeFD = fds[1]
        let waiter = Thread {
            var byte: UInt8 = 0
            while Foundation.read(readFD, &byte, 1) != 1 {
                if errno != EINTR { return }
            }
            state.exitInterrupted()
        }
        waiter.name = "attrib-sigint"
        waiter.start()
        signal(SIGINT) { _ in
            var byte: UInt8 = 1
            _ = Foundation.write(Interrupt.wakeFD, &byte, 1)
        }
    }

    /// Creates a temporary file with `create` (which returns its path, or nil) so that an interrupt
    /// cannot fall between its creation and its registration for removal.
    static func trackTemporaryFile(_ create: () -> String?) -> String? { state.track(create) }

    /// Runs `finish` (the rename, or the removal after a failure) and forgets the temporary file,
    /// together, so an interrupt sees either the temporary file or the finished one.
    static func untrackTemporaryFile(_ finish: () -> Void) { state.untrack(finish) }

    private final class State: @unchecked Sendable {
        private let lock = NSLock()
        private var installed = false
        private var pending: String?

        func markInstalled() -> Bool {
            lock.lock(); defer { lock.unlock() }
            if installed { return false }
            installed = true
            return true
        }

        func track(_ create: () -> String?) -> String? {
            lock.lock(); defer { lock.unlock() }
            pending = create()
            return pending
        }

        func untrack(_ finish: () -> Void) {
            lock.lock(); defer { lock.unlock() }
            finish()
            pending = nil
        }

        /// Never returns: the lock stays held so no rename can start after the file is removed.
        func exitInterrupted() {
            lock.lock()
            if let pending { unlink(pending) }
            _exit(130)
        }
    }
}
