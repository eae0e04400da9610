#!/usr/bin/env bash
# Opens the annual report's Word document with LibreOffice headless, as a reader would, and
# checks what a county office relies on: it converts to PDF, its page count is sensible, every
# chart is an image in the PDF, the title and 预计 (projected) are in the text, and no scenario's
# ASCII name or file name appears in the Chinese text. Pages are rendered to PNG for looking at.
# Usage: scripts/check_docx.sh DIBAO [OUT]   (needs libreoffice-writer and poppler-utils)
set -euo pipefail
dibao=$1
out=${2:-.build/check-docx}
rm -rf "$out" && mkdir -p "$out"
"$dibao" report scenarios/shangrao-2017-plan.yaml scenarios/ --actuals data/ledger/shangrao-actuals.csv --out "$out/report" > /dev/null || [ $? = 1 ]
profile=$(mktemp -d)
soffice -env:UserInstallation=file://"$profile" --headless --convert-to pdf --outdir "$out" "$out/report/report.docx" > /dev/null 2>&1
rm -rf "$profile"
pdf="$out/report.pdf"
[ -s "$pdf" ] || { echo "docx check: LibreOffice did not convert report.docx"; exit 1; }
fail=0
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
size=$(pdfinfo "$pdf" | awk -F': *' '/^Page size:/ {print $2}')
if [ "$pages" -lt 4 ] || [ "$pages" -gt 40 ]; then echo "docx check: $pages pages"; fail=1; fi
case "$size" in 595*x\ 841*) ;; *) echo "docx check: page size $size is not A4"; fail=1 ;; esac
charts=$(ls "$out/report"/*.svg | wc -l)
images=$(pdfimages -list "$pdf" | tail -n +3 | wc -l)
if [ "$images" -ne "$charts" ]; then echo "docx check: $images images in the PDF, $charts charts"; fail=1; fi
pdftotext -layout "$pdf" "$out/report.txt"
text=$(tr -d ' \n' < "$out/report.txt")
for expected in "2020年上饶县农村最低生活保障工作目标完成情况报告" "一、基本情况" "二、目标完成情况" "三、资金保障" "四、存在的问题" "五、下一步工作" "预计" "【待填写" "上饶县民政局" "表1" "图1"; do
    case "$text" in *"$expected"*) ;; *) echo "docx check: '$expected' is not in the text"; fail=1 ;; esac
done
for name in $(sed -n 's/^name: *//p' scenarios/*.yaml) ".yaml" ".csv" "assumption:"; do
    if grep -qF -- "$name" "$out/report.txt"; then echo "docx check: '$name' appears in the Chinese text"; fail=1; fi
done
pdftoppm -r 60 -png "$pdf" "$out/page"
[ "$fail" = 0 ] || exit 1
echo "docx check: report.docx opened by $(soffice --version | head -1 | cut -d' ' -f1-2): $pages A4 pages, $images chart images, title and wording as expected; pages in $out/page-*.png"
