#!/usr/bin/env python3
"""docs/openapi.yaml is a valid OpenAPI 3.1 document (openapi-spec-validator, PyPI) and
describes every endpoint the workbench routes, and no other. Given the dibao executable, it also
starts `dibao serve` on a copy of scenarios/ and checks live answers (a listing, inputs, a run, a
view, a saved file, errors) against the document's schemas (jsonschema, JSON Schema 2020-12).

    python3 scripts/check_openapi.py [.build/debug/dibao]
"""

import os
import re
import sys

import json
import urllib.error
import urllib.request

import yaml
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

with open(os.path.join(REPOSITORY, "docs/openapi.yaml"), encoding="utf-8") as file:
    spec = yaml.safe_load(file)
validate(spec)

# The routes of Workbench.route: `if get, let name = match("api", "scenarios", "*", "inputs")…`.
with open(os.path.join(REPOSITORY, "Sources/Workbench/Workbench.swift"), encoding="utf-8") as file:
    source = file.read()
routed = set()
for method, capture, parts in re.findall(r"if (get|post), (?:let (\w+) = )?match\(([^)]*)\)", source):
    names = [part.strip().strip('"') for part in parts.split(",")]
    if names[0] != "api":
        continue
    routed.add(("/" + "/".join("{%s}" % capture if name == "*" else name for name in names), method))
if len(routed) < 8:
    sys.exit(f"found only {len(routed)} routes in Workbench.swift: has the routing changed?")
documented = {(path, method) for path, item in spec["paths"].items() for method in item}
missing, extra = routed - documented, documented - routed
if missing or extra:
    sys.exit(f"docs/openapi.yaml: undocumented routes {sorted(missing)}; documented but not routed {sorted(extra)}")
print(f"docs/openapi.yaml: valid OpenAPI {spec['openapi']}, {len(documented)} operations, all routed")


def answer(url, body=None):
    """The status and JSON of a GET (or a POST of `body`)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def conforms(value, schema, what):
    """Fails with the first difference between `value` and `schema` (refs into the document)."""
    validator = Draft202012Validator({**schema, "components": spec["components"]})
    problems = sorted(validator.iter_errors(value), key=lambda e: list(e.path))
    if problems:
        sys.exit(f"{what}: {problems[0].message} at {list(problems[0].path)}")


if len(sys.argv) > 1:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from serve_helper import Server, scenario_copy

    _, folder = scenario_copy()
    with Server(sys.argv[1], folder) as server:
        def response_schema(path, method, status):
            item = spec["paths"][path][method]["responses"][status]
            if "$ref" in item:
                item = spec["components"]["responses"][item["$ref"].rsplit("/", 1)[1]]
            return item["content"]["application/json"]["schema"]

        cases = [
            ("/api/scenarios", "get", None, "200", server.url + "/api/scenarios"),
            ("/api/scenarios/{name}/inputs", "get", None, "200", server.url + "/api/scenarios/budget-2021/inputs"),
            ("/api/scenarios/{name}/inputs", "get", None, "404", server.url + "/api/scenarios/no-such/inputs"),
            ("/api/run", "post", {"scenario": "shangrao-2017-plan", "set": {"series.poverty_line.growth": 0.08}}, "200", None),
            ("/api/run", "post", {"scenario": "shangrao-2017-plan", "set": {"series.caseload.values.2016": -5}}, "422", None),
            ("/api/run", "post", {"set": {}}, "400", None),
            ("/api/view", "post", {"scenario": "budget-2021"}, "200", None),
            ("/api/save", "post", {"scenario": "shangrao-2017-plan", "file": "openapi-check", "set": {}}, "201", None),
            ("/api/save", "post", {"scenario": "shangrao-2017-plan", "file": "openapi-check", "set": {}}, "409", None),
            ("/api/montecarlo", "post", {"scenario": "budget-2021", "draws": 50}, "202", None),
        ]
        for path, method, body, status, url in cases:
            code, value = answer(url or server.url + path, body)
            if str(code) != status:
                sys.exit(f"{method.upper()} {path}: status {code}, expected {status}: {value}")
            conforms(value, response_schema(path, method, status), f"{method.upper()} {path} {status}")
        # A request addressed to another name (DNS rebinding) is refused, as JSON.
        import http.client

        connection = http.client.HTTPConnection("127.0.0.1", int(server.url.rsplit(":", 1)[1]), timeout=30)
        connection.request("GET", "/api/scenarios", headers={"Host": "rebound.example:8017"})
        response = connection.getresponse()
        if response.status != 403:
            sys.exit(f"a request for rebound.example: status {response.status}, expected 403")
        conforms(json.loads(response.read()), {"$ref": "#/components/schemas/Error"}, "403")
    print(f"docs/openapi.yaml: {len(cases)} live answers of dibao serve match its schemas; another host name is refused")
