import ArgumentParser
import Foundation
import Workbench

/// `dibao serve [DIR]`: the local web workbench over the scenarios in DIR.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Open the local web workbench over the scenario files of a folder (http://127.0.0.1:8017).",
        discussion: "Stop it with Ctrl-C. It reads and writes only scenario files in the folder.\n\n" + ExitStatus.tableWithoutTargets)

    @Argument(help: "The folder of scenario files.")
    var directory: String = "scenarios"

    @Option(help: "The port to listen on (0: any free port, printed at start).")
    var port: Int = 8017

    @Option(help: "The address to listen on; anything but loopback lets other computers use the workbench.")
    var host: String = "127.0.0.1"

    @OptionGroup var threads: ThreadsOption

    @OptionGroup var language: LanguageOption

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
    }

    func run() throws {
        let folder: ScenarioDirectory
        do {
            folder = try ScenarioDirectory(directory)
        } catch {
            throw UsageError(error.messages.joined(separator: "; "))
        }
        let lang = language.lang
        if !["127.0.0.1", "localhost", "::1"].contains(host) {
            FileHandle.standardError.write(
                Data(
                    (lang == .zh
                        ? "warning: 工作台监听 \(host)：同一网络中的其他电脑也能打开它、运行和保存方案（没有登录）。只在本机使用时请去掉 --host。\n"
                        : "warning: the workbench listens on \(host): other computers on the network can open it, run and save scenarios (there is no login). Leave out --host to keep it on this computer.\n")
                        .utf8))
        }
        let workbench = Workbench(directory: folder, threads: threads.count)
        let host = host
        let app = workbench.application(host: host, port: port) { port in
            let address = host.contains(":") ? "[\(host)]" : host
            let line =
                lang == .zh ? "工作台已打开：http://\(address):\(port)/（按 Ctrl-C 停止）" : "workbench at http://\(address):\(port)/ (Ctrl-C stops it)"
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
        // The command line is synchronous: the server runs as a task until it stops.
        let stopped = DispatchSemaphore(value: 0)
        let failure = Failure()
        Task {
            do {
                try await app.runService()
            } catch {
                failure.error = error
            }
            stopped.signal()
        }
        stopped.wait()
        if let error = failure.error { throw UsageError("the workbench cannot listen on \(host):\(port): \(error)") }
    }

    /// The error the server stopped with, handed from its task to the command.
    private final class Failure: @unchecked Sendable {
        var error: (any Error)?
    }
}
