#!/usr/bin/env bash
# The main job on the embedded default (SQLite ./embargo.db): load the lists in ../shared/data,
# show what they hold and what changed lately, screen and scan the 13 Dec 2023 story, and end with
# the Hamas–Türkiye exposure, timeline, chart and change report (written to ./out/).
set -euo pipefail
cd "$(dirname "$0")/.."
embargo=".venv/bin/embargo"
data="${EMBARGO_SHARED:-../shared}/data"
seed="${EMBARGO_SHARED:-../shared}/seed"
out="out"
mkdir -p "$out"
export COLUMNS="${COLUMNS:-150}"  # wide tables when not on a terminal
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Load the official lists (a file already stored is recognised by its checksum and skipped)"
$embargo load "$data"/ofac/sdn-history/sdn-*.csv.gz
$embargo load "$data"/ofac/consolidated-xml-2024-05-06/consolidated.xml.gz \
  "$data"/un/un-consolidated-*.xml.gz \
  "$data"/uk/UK_Sanctions_List-2025-08-11.ods \
  "$data"/us-bis-dpl/dpl-2023-11-30.txt \
  "$data"/opensanctions/yente-fixture-zala/entities.ftm.json

step "What the store holds"
$embargo lists

step "What changed on the SDN list on 13 December 2023"
$embargo changes --source us_ofac_sdn --from 2023-12-12 --to 2023-12-13

step "Screening: other spellings and scripts of SDN 46168 YAGHMOUR Jihad Muhammad Shaker"
for name in "Cihat Yağmur" "Jihad Yaghmour" "ДЖИХАД ЯГМУР" "جهاد يغمور" "Jіhad Yaghmоur"; do
  $embargo match "$name" --schema Person --limit 1
done
step "Screening: a common name with contradicting facts (KAYA Mehmet is born 1988, Turkish)"
$embargo match "Mehmet Kaya" --schema Person --birth-date 1975 --nationality DE --limit 3

step "Text: listed parties in the news story of 13 December 2023"
$embargo scan "$seed/news-2023-12-13.txt"

step "Insight: the Hamas–Türkiye exposure and timeline, the chart and the 13 Dec 2023 report"
$embargo exposure --country TR --linked-to 4695 --source us_ofac_sdn --as-of 2023-12-13
$embargo timeline --linked-to 4695 --source us_ofac_sdn --from 2021-08-18 --to 2024-05-03 \
  --chart "$out/hamas-timeline.png"
$embargo report --source us_ofac_sdn --from 2023-12-12 --to 2023-12-13 -o "$out/report-2023-12-13.html"
echo "chart:  $out/hamas-timeline.png"
echo "report: $out/report-2023-12-13.html"
