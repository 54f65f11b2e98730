#!/usr/bin/env python3
"""Writes a province's agency tree and its staff as import files (issue 15): `agencies.csv` (a province, its
cities, their counties, and departments and townships below each) and `accounts.csv` (an administrator, a clerk
and a reviewer for agencies in turn, until the count asked). Deterministic: the same arguments, the same files.

    python3 bench/province.py OUT_DIR [AGENCIES [ACCOUNTS]]     # defaults: 2000 agencies, 6000 accounts
"""
import csv, os, sys

out = sys.argv[1]
total = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
accounts_wanted = int(sys.argv[3]) if len(sys.argv) > 3 else 6000
os.makedirs(out, exist_ok=True)

DEPARTMENTS = ["发展和改革委员会", "教育局", "财政局", "人力资源和社会保障局", "自然资源和规划局", "生态环境局",
               "住房和城乡建设局", "交通运输局", "农业农村局", "卫生健康委员会", "市场监督管理局", "应急管理局"]
rows = [("豫中省人民政府", "government", "")]
city = 0
while len(rows) < total:
    city += 1
    city_name = f"第{city}市人民政府"
    rows.append((city_name, "government", "豫中省人民政府"))
    for d in DEPARTMENTS:
        if len(rows) >= total:
            break
        rows.append((f"第{city}市{d}", "department", city_name))
    for county in range(1, 9):
        if len(rows) >= total:
            break
        county_name = f"第{city}市第{county}县人民政府"
        rows.append((county_name, "government", city_name))
        for d in DEPARTMENTS[:6]:
            if len(rows) >= total:
                break
            rows.append((f"第{city}市第{county}县{d}", "department", county_name))
        for town in range(1, 5):
            if len(rows) >= total:
                break
            rows.append((f"第{city}市第{county}县第{town}镇人民政府", "township", county_name))
rows = rows[:total]
with open(os.path.join(out, "agencies.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["name", "kind", "parent", "phone"])
    for i, (name, kind, parent) in enumerate(rows):
        w.writerow([name, kind, parent, f"0371-6{i:07d}"[:13]])
roles = ["agency_admin", "clerk", "reviewer"]
with open(os.path.join(out, "accounts.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["username", "display_name", "role", "agency"])
    for n in range(accounts_wanted):
        agency = rows[(n // 3) % len(rows)][0]
        w.writerow([f"u{n:05d}", f"工作人员{n}", roles[n % 3], agency])
print(f"{len(rows)} agencies, {accounts_wanted} accounts in {out}")
