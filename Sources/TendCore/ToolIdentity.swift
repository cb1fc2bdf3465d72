import Foundation

/// Which build of Tend is running: caches written by any other build are not trusted, so a
/// changed program never reuses what an older one computed.
public enum ToolIdentity {
    public static let version = "0.1.0"

    /// The version plus the size and modification time of the running executable.
    public static let fingerprint: String = {
        var info = stat()
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"), stat(executable, &info) == 0 else {
            return "tend \(version)"
        }
        return "tend \(version) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()
}
