import Testing

@testable import LazyLibraries

@Suite("Libraries opened on first use")
struct SharedLibraryTests {
    @Test("A library that is not installed names itself and the Debian package to install")
    func missingLibrary() throws {
        let error = try #require(throws: SharedLibrary.Unavailable.self) {
            try SharedLibrary(["libdibao-absent.so.9"], package: "libdibao-absent9", purpose: "testing the loader")
        }
        #expect(error.library == "libdibao-absent.so.9")
        #expect(error.package == "libdibao-absent9")
        #expect(error.reason.contains("libdibao-absent.so.9"))
        #expect(
            error.description
                == "testing the loader needs libdibao-absent.so.9, which cannot be loaded (\(error.reason)); "
                + "install the Debian package libdibao-absent9 (apt-get install libdibao-absent9)")
    }

    @Test("The first soname that loads is the one used")
    func firstThatLoads() throws {
        let libm = try SharedLibrary(["libdibao-absent.so.9", "libm.so.6"], package: "libc6", purpose: "testing the loader")
        #expect(libm.soname == "libm.so.6")
    }

    @Test("A function found is called with its C signature: cos(0) = 1, cos(π) = −1")
    func callsFunction() throws {
        let libm = try SharedLibrary(["libm.so.6"], package: "libc6", purpose: "testing the loader")
        let cos: @convention(c) (Double) -> Double = try libm.function("cos")
        #expect(cos(0) == 1)
        #expect(cos(Double.pi) == -1)
    }

    @Test("A function the library lacks names the library and the package")
    func missingFunction() throws {
        let libm = try SharedLibrary(["libm.so.6"], package: "libc6", purpose: "testing the loader")
        let error = try #require(throws: SharedLibrary.Unavailable.self) {
            _ = try libm.function("dibao_absent_function", as: (@convention(c) () -> Void).self)
        }
        #expect(error.library == "libm.so.6" && error.package == "libc6")
        #expect(error.reason.contains("dibao_absent_function"))
    }
}
