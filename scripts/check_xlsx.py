#!/usr/bin/env python3
"""Reads workbooks written by dibao back with openpyxl, an independent reader, and checks what
a finance analyst relies on: the sheets, numbers stored as numbers with their formats, frozen
header rows, and figures derived here by hand from the scenarios' inputs. The workbooks: `dibao
run --format xlsx` of the 2017 plan, `dibao budget --format xlsx` of the 2021 budget, and the
`workbook.xlsx` of a report over every bundled scenario.

Usage: check_xlsx.py DIBAO   (writes the workbooks into .build/ and checks them)
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

# dibao budget --format xlsx on the 2021 budget, without draws: 2021's deterministic amounts.
# 18,600 × 0.98 recipients; benefit 324.37 × 6240 / 5640 元/月 from July, 324.37 from January to
# June for the 2020 caseload of 18,600; the centre sends 4,500 万元, the province 1,900 万元, the
# city pays 5% of benefit spending, the county the rest and ⌈caseload / 400⌉ × 36,000 元 of staff.
budget_path = ".build/check-budget.xlsx"
subprocess.run([dibao, "budget", "scenarios/budget-2021.yaml", "--year", "2021", "--format", "xlsx", "--out", budget_path],
               check=True, stdout=subprocess.DEVNULL)
budget_book = openpyxl.load_workbook(budget_path)
expect(budget_book.sheetnames == ["资金把握", "资金来源"], f"budget sheets {budget_book.sheetnames}")
caseload2021 = 18600 * 0.98
spending = 18600 * 324.37 * 6 + caseload2021 * 324.37 * 6240 / 5640 * 6
staff = math.ceil(caseload2021 / 400) * 36000
county2021 = spending * 0.95 - 45_000_000 - 19_000_000 + staff
rows = {row[2].value: row for row in budget_book["资金把握"].iter_rows(min_row=2)}
expect(abs(rows["县级"][3].value - county2021 / 10000) < 1e-6, f"2021 county {rows['县级'][3].value} 万元, expected {county2021 / 10000}")
expect(abs(rows["市级"][3].value - 0.05 * spending / 10000) < 1e-6, "2021 city share 5% of spending")
expect(rows["中央"][3].value == 4500 and rows["县级"][3].number_format == "#,##0.00", "central transfer 4,500 万元, money format")
expect(rows["县级上限"][7].value == 1100 and rows["县级上限"][8].value is None, "the cap, with no probability without draws")

# The report folder's workbook: every scenario, each row led by its scenario.
report = ".build/check-report"
subprocess.run([dibao, "report", "scenarios/", "--out", report, "--draws", "2000"], check=True, stdout=subprocess.DEVNULL)
report_book = openpyxl.load_workbook(report + "/workbook.xlsx")
expect(report_book.sheetnames == ["汇总", "逐年测算", "资金来源", "目标", "不确定性", "资金把握"], f"report sheets {report_book.sheetnames}")
for sheet in report_book.worksheets:
    expect(sheet.freeze_panes == "A2", f"report {sheet.title}: header row not frozen")
funding = report_book["资金来源"]
fund_header = [cell.value for cell in funding[1]]
expect(fund_header[:2] == ["方案", "年份"] and "市级资金(万元)" in fund_header, f"report funding header {fund_header}")
plan2018 = next(row for row in funding.iter_rows(min_row=2) if row[0].value == "shangrao-2017-plan" and row[1].value == 2018)
expect(abs(plan2018[fund_header.index("县级资金(万元)")].value - 0.15 * total / 10000) < 1e-6, "report: the plan's 2018 county share")
expect(plan2018[fund_header.index("市级资金(万元)")].value is None, "report: no city money in the plan (empty, not 0)")
b2021 = next(row for row in funding.iter_rows(min_row=2) if row[0].value == "budget-2021" and row[1].value == 2021)
expect(abs(b2021[fund_header.index("县级资金(万元)")].value - county2021 / 10000) < 1e-6, "report: the 2021 budget's county")
summary_names = [row[0].value for row in report_book["汇总"].iter_rows(min_row=2)]
expect("budget-2021" in summary_names and len(summary_names) == 9, f"report summary rows {summary_names}")

if problems:
    print("workbook check failed:\n  " + "\n  ".join(problems))
    sys.exit(1)
print(f"workbook check: {path}, {budget_path} and {report}/workbook.xlsx read back with openpyxl {openpyxl.__version__}: sheets, formats and figures as derived")
