"""Starts `dibao serve` on a free loopback port for the browser, load and latency tests."""

import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request

REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def scenario_copy():
    """A temporary folder holding a copy of scenarios/ (and data/ beside it, as the household
    scenario reads ../data/): tests that save files never touch the repository's scenarios."""
    root = tempfile.mkdtemp(prefix="dibao-serve-test-")
    shutil.copytree(os.path.join(REPOSITORY, "scenarios"), os.path.join(root, "scenarios"))
    os.symlink(os.path.join(REPOSITORY, "data"), os.path.join(root, "data"))
    return root, os.path.join(root, "scenarios")


class Server:
    """`dibao serve FOLDER --port 0` until stopped; `url` is where it listens."""

    def __init__(self, dibao, folder, timeout=60):
        self.process = subprocess.Popen(
            [dibao, "serve", folder, "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPOSITORY)
        deadline = time.time() + timeout
        self.url = None
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if found:
                self.url = f"http://127.0.0.1:{found.group(1)}"
                break
        if self.url is None:
            self.stop()
            raise RuntimeError("dibao serve did not start: " + (self.process.stderr.read() or ""))
        with urllib.request.urlopen(self.url + "/api/scenarios", timeout=30) as response:
            assert response.status == 200

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.stop()
