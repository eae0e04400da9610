#!/usr/bin/env python3
"""Reads a workbook written by `dibao run --format xlsx` back with openpyxl, an independent
reader, and checks what a finance analyst relies on: the sheets, numbers stored as numbers with
their formats, frozen header rows, and figures derived here by hand from the plan's inputs.

Usage: check_xlsx.py DIBAO   (writes the bundled plan's workbook into .build/ and checks it)
"""
import math
import subprocess
import sys

import openpyxl

dibao = sys.argv[1]
path = ".build/check-workbook.xlsx"
subprocess.run([dibao, "run", "scenarios/shangrao-2017-plan.yaml", "--format", "xlsx", "--out", path], check=True, stdout=subprocess.DEVNULL)
book = openpyxl.load_workbook(path)
problems = []
def expect(condition, what):
    if not condition:
        problems.append(what)

expect(book.sheetnames == ["汇总", "逐年测算", "资金来源", "目标"], f"sheets {book.sheetnames}")
for sheet in book.worksheets:
    expect(sheet.freeze_panes == "A2", f"{sheet.title}: header row not frozen ({sheet.freeze_panes})")

years = book["逐年测算"]
header = [cell.value for cell in years[1]]
row2018 = next(row for row in years.iter_rows(min_row=2) if row[0].value == 2018)
standard = row2018[header.index("低保标准(元/年)")]
expect(standard.value == 4260 and isinstance(standard.value, (int, float)), f"2018 standard {standard.value!r}")
expect(standard.number_format == "#,##0.00", f"standard format {standard.number_format}")
margin = row2018[header.index("高于扶贫标准")]
expect(abs(margin.value - (4260 / (2800 * 1.06**4) - 1)) < 1e-12 and margin.number_format == "0.0%", f"2018 margin {margin.value}")

# 2018: 21000 × 0.97² recipients at 245 元/月 for 12 months; ⌈caseload / 400⌉ workers at 36,000 元;
# the county pays 15%; the funding sheet is in 万元.
caseload = 21000 * 0.97**2
total = caseload * 245 * 12 + math.ceil(caseload / 400) * 36000
funding = book["资金来源"]
fund_header = [cell.value for cell in funding[1]]
fund2018 = next(row for row in funding.iter_rows(min_row=2) if row[0].value == 2018)
county = fund2018[fund_header.index("县级资金(万元)")].value
expect(abs(county - 0.15 * total / 10000) < 1e-6, f"2018 county share {county} 万元, expected {0.15 * total / 10000}")
expect(abs(fund2018[fund_header.index("资金总需求(万元)")].value - total / 10000) < 1e-6, "2018 total in 万元")

targets = book["目标"]
outcomes = [row[1].value for row in targets.iter_rows(min_row=2)]
expect(outcomes.count("✗ 预期未达标") == 2 and len(outcomes) == 10, f"target outcomes {outcomes}")

if problems:
    print("workbook check failed:\n  " + "\n  ".join(problems))
    sys.exit(1)
print(f"workbook check: {path} read back with openpyxl {openpyxl.__version__}: sheets, formats and figures as derived")
