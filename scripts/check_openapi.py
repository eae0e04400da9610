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

# The routes of Workbench.route: `case (...get..., ...post..., ["api", "x", let y]): …`.
with open(os.path.join(REPOSITORY, "Sources/Workbench/Workbench.swift"), encoding="utf-8") as file:
    source = file.read()
routed = set()
for get, post, parts in re.findall(r"case \((true|_), (true|_), \[(\"api\"[^\]]*)\]\)", source):
    if get == post:  # the catch-all 404 cases
        continue
    path = "/" + "/".join("{%s}" % p.split()[1] if p.startswith("let ") else p.strip('"') for p in (x.strip() for x in parts.split(",")))
    routed.add((path, "get" if get == "true" else "post"))
documented = {(path, method) for path, item in spec["paths"].items() for method in item}
missing, extra = routed - documented, documented - routed
if missing or extra:
    sys.exit(f"docs/openapi.yaml: undocumented routes {sorted(missing)}; documented but not routed {sorted(extra)}")
print(f"docs/openapi.yaml: valid OpenAPI {spec['openapi']}, {len(documented)} operations, all routed")
