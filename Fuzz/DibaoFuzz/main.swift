import Foundation

#if DIBAO_FUZZ
    /// `dibao-fuzz` built by `scripts/fuzz.sh` (`-sanitize=fuzzer -D DIBAO_FUZZ`): libFuzzer's
    /// driver over `FuzzTarget`; options and corpus folders are libFuzzer's own (`-runs=N`,
    /// `-max_total_time=S`, `-seed=S`).
    @_silgen_name("LLVMFuzzerRunDriver")
    func runDriver(
        _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    let status = runDriver(&argc, &argv) { data, count in
        guard let data else { return 0 }
        FuzzTarget.run(UnsafeBufferPointer(start: data, count: count))
        return 0
    }
    exit(status)
#else
    /// `dibao-fuzz FILE ...` in an ordinary build: replays saved inputs (a finding in
    /// `.build-fuzz/findings/`) through the same target, to debug them without the sanitizer.
    for path in CommandLine.arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
            exit(2)
        }
        [UInt8](data).withUnsafeBufferPointer { FuzzTarget.run($0) }
        print("\(path): done")
    }
#endif
