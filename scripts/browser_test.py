#!/usr/bin/env python3
"""The workbench in a real browser: Playwright (PyPI) driving Debian's chromium, no browser
download. Starts `dibao serve` on a copy of scenarios/ on a free loopback port, then: loads the
page; lowers the standard's growth until a margin target turns from ✓ to ✗ and the budget
changes; saves the scenario and finds the file; refuses to overwrite it; downloads the docx;
compares two scenarios; runs Monte Carlo; switches to English; shows a bad input's message and
writes nothing. Fails on any console error. Screenshots go to .build/workbench-*.png.

    python3 scripts/browser_test.py [.build/debug/dibao]
"""

import os
import sys

from playwright.sync_api import sync_playwright

from serve_helper import REPOSITORY, Server, scenario_copy

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHOTS = os.path.join(REPOSITORY, ".build")


def margin_marks(page):
    """The ✓/✗ of the margin targets, in order."""
    return page.eval_on_selector_all(
        "#targets-area > div:first-child li[data-kind=margin_above_poverty_line]", "items => items.map(i => i.dataset.passed)")


def recomputed(page, action):
    """Runs `action` and waits for the page's recompute to finish."""
    page.evaluate("document.getElementById('status').textContent = ''")
    action()
    page.wait_for_function("/已重算|recomputed/.test(document.getElementById('status').textContent)", timeout=30000)


def main():
    dibao = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPOSITORY, ".build/debug/dibao")
    root, folder = scenario_copy()
    console_errors = []
    expected_refusals = []
    os.makedirs(SHOTS, exist_ok=True)
    with Server(dibao, folder) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="zh-CN")

        def on_console(message):
            if message.type != "error":
                return
            # The page's own 409 and 422 answers (the overwrite and bad-input steps below) are
            # logged by Chromium as failed loads; anything else is an error of the page.
            if "status of 409" in message.text or "status of 422" in message.text:
                expected_refusals.append(message.text)
            else:
                console_errors.append(message.text)

        page.on("console", on_console)
        page.on("pageerror", lambda error: console_errors.append(str(error)))
        requests_outside = []
        page.on("request", lambda r: None if r.url.startswith(server.url) else requests_outside.append(r.url))

        # 1. Load the page: the plan's targets, table and charts.
        page.goto(server.url + "/?scenario=shangrao-2017-plan")
        page.wait_for_selector("#targets-area li[data-kind]")
        page.wait_for_selector("#chart-levels svg polyline")
        assert page.inner_text("h1") == "农村低保测算工作台"
        assert margin_marks(page) == ["true", "true"], margin_marks(page)
        unlabelled = page.evaluate(
            """[...document.querySelectorAll('input, select, button')]
               .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
               .map(e => e.id || e.outerHTML.slice(0, 60))""")
        assert not unlabelled, f"controls without a label: {unlabelled}"
        page.screenshot(path=os.path.join(SHOTS, "workbench-start.png"), full_page=True)

        # 2. Lower the standard's growth until a margin target turns ✗; the budget changes.
        budget_before = page.inner_text("#funding-table")
        growth = 14.86
        while "false" not in margin_marks(page):
            growth = round(growth - 0.2, 2)
            assert growth > 5, "no margin target failed"
            recomputed(page, lambda: page.fill("#path-standard", str(growth)))
        assert page.inner_text("#funding-table") != budget_before, "the budget did not change"
        print(f"margin target failed at a standard growth of {growth}%")
        page.screenshot(path=os.path.join(SHOTS, "workbench-edited.png"), full_page=True)
        page.screenshot(path=os.path.join(SHOTS, "workbench-screenshot.png"))  # the README's picture

        # 3. Save the edited scenario as a new file beside the original, and find it.
        page.fill("#save-name", "浏览器测试")
        page.click("#save")
        page.wait_for_function("document.getElementById('save-result').textContent.includes('已保存')")
        saved = os.path.join(folder, "浏览器测试.yaml")
        assert os.path.exists(saved), "the saved file is missing"
        text = open(saved, encoding="utf-8").read()
        assert "name: 浏览器测试" in text and "# 低保标准" in text, "the saved file lost its name or comments"
        assert "2020: 5640" not in text, "the edited standard was not written"
        # Saving again under the same name asks first; declining changes nothing.
        page.once("dialog", lambda dialog: dialog.dismiss())
        page.click("#save")
        page.wait_for_function("document.getElementById('save-result').textContent.includes('未保存')")
        assert open(saved, encoding="utf-8").read() == text

        # 4. Download the Word report.
        with page.expect_download() as download:
            page.click("#dl-docx")
        path = os.path.join(SHOTS, "workbench-report.docx")
        download.value.save_as(path)
        with open(path, "rb") as document:
            assert document.read(2) == b"PK", "the download is not a docx"
        assert os.path.getsize(path) > 10000

        # 5. Compare with another scenario side by side.
        page.select_option("#compare", "slower-standard")
        page.wait_for_selector("#compare-panel:not([hidden]) table")
        assert page.locator("#targets-area > div").count() == 2
        page.screenshot(path=os.path.join(SHOTS, "workbench-compare.png"), full_page=True)

        # 6. Monte Carlo with its progress, then the probabilities and the confidence budget.
        page.select_option("#compare", "")
        recomputed(page, lambda: page.select_option("#scenario", "budget-2021"))
        page.wait_for_selector("#mc-form:not([hidden])")
        assert page.locator("#targets-area li[data-kind=county_budget_at_most]").count() == 1, "the old scenario's targets"
        page.fill("#mc-draws", "500")
        page.click("#mc-run")
        page.wait_for_function("/完成|done/.test(document.getElementById('mc-status').textContent)", timeout=120000)
        assert page.locator("#mc-results table").count() >= 2
        page.screenshot(path=os.path.join(SHOTS, "workbench-montecarlo.png"), full_page=True)

        # 7. English, by the keyboard: focus the switch and press Enter.
        page.focus("#lang")
        page.keyboard.press("Enter")
        page.wait_for_function("document.querySelector('h1').textContent === 'dibao workbench'")
        assert "Targets" in page.inner_text("#targets-heading")
        assert "probability met" in page.inner_text("#mc-results"), "the Monte Carlo tables stayed in Chinese"
        page.screenshot(path=os.path.join(SHOTS, "workbench-english.png"), full_page=True)
        page.keyboard.press("Enter")

        # 8. A bad input shows its message and writes nothing.
        page.select_option("#scenario", "shangrao-2017-plan")
        page.wait_for_selector("#in-series_caseload_values_2016")
        files_before = sorted(os.listdir(folder))
        page.fill("#in-series_caseload_values_2016", "-5")
        page.wait_for_selector("#errors:not([hidden])")
        message = page.inner_text("#errors")
        assert "series.caseload" in message, message
        page.screenshot(path=os.path.join(SHOTS, "workbench-error.png"), full_page=True)
        assert sorted(os.listdir(folder)) == files_before

        browser.close()
    assert not requests_outside, f"requests outside the workbench: {requests_outside}"
    assert not console_errors, f"console errors: {console_errors}"
    print(f"browser test passed ({len(expected_refusals)} expected refusals logged); screenshots in .build/workbench-*.png")


if __name__ == "__main__":
    main()
