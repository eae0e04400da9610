#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A C library opened at run time (`dlopen`), not linked: a command that never draws a picture,
/// writes a workbook or factors a matrix does not pay for loading librsvg, libxlsxwriter or
/// OpenBLAS (and everything they load) at start-up. Each module that wraps a library keeps one
/// `static let` of its functions, which Swift initialises once, on first use, thread-safely; the
/// handle is never closed. When the library or one of its functions is missing, the error names
/// the library and the Debian package that provides it.
public struct SharedLibrary: @unchecked Sendable {
    /// A library, or a function of it, that cannot be used, and what to install.
    public struct Unavailable: Error, Equatable, Sendable, CustomStringConvertible {
        /// What needs the library, as the start of a sentence: "drawing the charts as PNG".
        public var purpose: String
        /// The shared object asked for: "librsvg-2.so.2".
        public var library: String
        /// The Debian package that installs it: "librsvg2-2".
        public var package: String
        /// What the dynamic loader said (`dlerror`).
        public var reason: String

        public init(purpose: String, library: String, package: String, reason: String) {
            self.purpose = purpose
            self.library = library
            self.package = package
            self.reason = reason
        }

        public var description: String {
            "\(purpose) needs \(library), which cannot be loaded (\(reason)); install the Debian package \(package) (apt-get install \(package))"
        }
    }

    /// The soname that was opened.
    public let soname: String
    let package: String
    let purpose: String
    /// The `dlopen` handle (never null, never closed).
    let handle: UnsafeMutableRawPointer

    /// Opens the first of `sonames` (versioned names, as `ldconfig -p` lists them) that loads.
    /// Symbols are bound lazily and kept local to the library, as when linked.
    public init(_ sonames: [String], package: String, purpose: String) throws(Unavailable) {
        precondition(!sonames.isEmpty, "a library needs at least one soname")
        var reasons: [String] = []
        for soname in sonames {
            if let handle = dlopen(soname, RTLD_LAZY | RTLD_LOCAL) {
                self.soname = soname
                self.package = package
                self.purpose = purpose
                self.handle = handle
                return
            }
            reasons.append(dlerror().map { String(cString: $0) } ?? "\(soname) not found")
        }
        throw Unavailable(
            purpose: purpose, library: sonames.joined(separator: " or "), package: package, reason: reasons.joined(separator: "; "))
    }

    /// The C function `name` of the library as `F`, a `@convention(c)` function type with the
    /// function's C signature (the shim's `<name>_fn` typedef); the caller vouches for the type.
    public func function<F>(_ name: String, as type: F.Type = F.self) throws(Unavailable) -> F {
        precondition(
            MemoryLayout<F>.size == MemoryLayout<UnsafeRawPointer>.size, "\(F.self) is not a C function pointer type")
        _ = dlerror()
        guard let address = dlsym(handle, name) else {
            let reason = dlerror().map { String(cString: $0) } ?? "no function \(name)"
            throw Unavailable(purpose: purpose, library: soname, package: package, reason: reason)
        }
        return unsafeBitCast(address, to: F.self)
    }
}
