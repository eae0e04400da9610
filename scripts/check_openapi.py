#!/usr/bin/env python3
"""docs/openapi.yaml is a valid OpenAPI 3.1 document (openapi-spec-validator, PyPI) and
describes every endpoint the workbench routes, and no other."""

import os
import re
import sys

import yaml
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
