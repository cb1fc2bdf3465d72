import Foundation

/// This process and others, by id: work folders carry the id of the build that made them, so
/// the folders of builds that were killed can be told from those of builds still running.
public enum ProcessIdentity {
    public static let current = getpid()

    /// Whether a process with this id is running.
    public static func isRunning(_ pid: Int32) -> Bool { pid == current || kill(pid, 0) == 0 }
}
