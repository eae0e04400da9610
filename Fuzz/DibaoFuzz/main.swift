/// `dibao-fuzz`: libFuzzer's driver over `FuzzTarget` (build with `-sanitize=fuzzer`; see
/// `scripts/fuzz.sh`). Options and the corpus folder are libFuzzer's own (`-runs=N`,
/// `-max_total_time=S`, `-seed=S`).
import Foundation

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
