#!/usr/bin/env python3
"""Rebuild data/parties.csv: states, blocs, organisations and companies.

States
  * The 193 UN member states = every ISO 3166-1 country in pycountry minus NOT_UN_MEMBERS below
    (territories, Taiwan, Western Sahara, Antarctica, ...) minus the two observer states. The script
    checks the count is 193 + 2 observers (Holy See VAT, State of Palestine PSE).
  * Entities that are not UN members or observers but have a shape in the 110m map (Taiwan, Kosovo,
    Western Sahara, Greenland, ...) are added with un_status `non_member` so every shape has a party.
  * lat/lon: shapely representative_point() of the state's 50m shape (world-atlas@2.0.2, via
    build_geo.load_shapes), rounded to 3 dp; CAPITALS below for states with no shape at all.
  * region: UN M49 region (M49_REGIONS below). Exception: Antarctica has no M49 region and gets
    "Antarctica".

Organisations, blocs and companies are typed in below (companies: every company named in the summits'
company commitments, see COMPANIES, plus Tesla and SpaceX, whose head spoke at Bletchley Park).

Usage:  .venv/bin/python scripts/build_parties.py [--atlas-dir DIR]   (then run build_geo.py)
"""
from __future__ import annotations

import csv
import re
import sys
import tempfile
from pathlib import Path

import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_geo  # noqa: E402

OUT = build_geo.ROOT / "data" / "parties.csv"
COLUMNS = ["party_id", "name", "kind", "region", "lat", "lon", "un_status", "iso_numeric", "eu_member"]

OBSERVERS = {"VAT", "PSE"}

# ISO 3166-1 entries that are neither UN member states nor UN observer states (54 codes).
NOT_UN_MEMBERS = {
    "ABW", "AIA", "ALA", "ASM", "ATA", "ATF", "BES", "BLM", "BMU", "BVT", "CCK", "COK", "CUW", "CXR",
    "CYM", "ESH", "FLK", "FRO", "GGY", "GIB", "GLP", "GRL", "GUF", "GUM", "HKG", "HMD", "IMN", "IOT",
    "JEY", "MAC", "MAF", "MNP", "MSR", "MTQ", "MYT", "NCL", "NFK", "NIU", "PCN", "PRI", "PYF", "REU",
    "SGS", "SHN", "SJM", "SPM", "SXM", "TCA", "TKL", "TWN", "UMI", "VGB", "VIR", "WLF",
}

# Display names where pycountry's (common) name is not the short English form we want.
NAMES = {
    "BOL": "Bolivia", "BRN": "Brunei", "COD": "Democratic Republic of the Congo", "COG": "Congo",
    "CIV": "Côte d'Ivoire", "CPV": "Cabo Verde", "CZE": "Czechia", "FLK": "Falkland Islands",
    "FSM": "Micronesia", "IRN": "Iran", "KOR": "Republic of Korea",
    "PRK": "Democratic People's Republic of Korea", "LAO": "Laos", "MDA": "Moldova",
    "NLD": "Netherlands", "PSE": "State of Palestine", "RUS": "Russia", "STP": "São Tomé and Príncipe",
    "SWZ": "Eswatini", "SYR": "Syria", "TUR": "Türkiye", "TWN": "Taiwan", "TZA": "Tanzania",
    "GBR": "United Kingdom", "USA": "United States", "VAT": "Holy See", "VEN": "Venezuela",
    "VNM": "Vietnam", "XKX": "Kosovo", "ATF": "French Southern Territories",
}

# States without any polygon in world-atlas 50m: capital coordinates typed in by hand.
CAPITALS = {
    "TUV": (-8.521, 179.198),  # Funafuti, Tuvalu
}

# UN M49 regions (unstats.un.org/unsd/methodology/m49). TWN and XKX are not listed in M49 and are
# placed where their neighbours are; ATA has no M49 region.
M49_REGIONS = {
    "Africa": """DZA EGY LBY MAR SDN TUN ESH
        IOT BDI COM DJI ERI ETH ATF KEN MDG MWI MUS MYT MOZ REU RWA SYC SOM SSD UGA TZA ZMB ZWE
        AGO CMR CAF TCD COG COD GNQ GAB STP  BWA SWZ LSO NAM ZAF
        BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SHN SEN SLE TGO""",
    "Americas": """AIA ATG ABW BHS BRB BES VGB CYM CUB CUW DMA DOM GRD GLP HTI JAM MTQ MSR PRI BLM
        KNA LCA MAF VCT SXM TTO TCA VIR  BLZ CRI SLV GTM HND MEX NIC PAN
        ARG BOL BVT BRA CHL COL ECU FLK GUF GUY PRY PER SGS SUR URY VEN  BMU CAN GRL SPM USA""",
    "Asia": """KAZ KGZ TJK TKM UZB  CHN HKG MAC PRK JPN MNG KOR TWN
        BRN KHM IDN LAO MYS MMR PHL SGP THA TLS VNM  AFG BGD BTN IND IRN MDV NPL PAK LKA
        ARM AZE BHR CYP GEO IRQ ISR JOR KWT LBN OMN QAT SAU PSE SYR TUR ARE YEM""",
    "Europe": """BLR BGR CZE HUN POL MDA ROU RUS SVK UKR
        ALA DNK EST FRO FIN GGY ISL IRL IMN JEY LVA LTU NOR SJM SWE GBR
        ALB AND BIH HRV GIB GRC VAT ITA MLT MNE MKD PRT SMR SRB SVN ESP XKX
        AUT BEL FRA DEU LIE LUX MCO NLD CHE""",
    "Oceania": """AUS NZL NFK HMD CXR CCK  FJI NCL PNG SLB VUT  GUM KIR MHL FSM NRU MNP PLW UMI
        ASM COK PYF NIU PCN WSM TKL TON TUV WLF""",
    "Antarctica": "ATA",
}
REGION = {iso: region for region, codes in M49_REGIONS.items() for iso in codes.split()}

EU_MEMBERS = set("""AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD
    POL PRT ROU SVK SVN ESP SWE""".split())

# (party_id, kind, name, lat, lon): headquarters city; G7 has no seat.
ORGANISATIONS = [
    ("EU", "bloc", "European Union", 50.847, 4.357),            # Brussels
    ("AU", "bloc", "African Union Commission", 9.030, 38.740),  # Addis Ababa
    ("UN", "organisation", "United Nations", 40.749, -73.968),  # UN HQ, New York
    ("OECD", "organisation", "OECD", 48.862, 2.270),            # Paris (Château de la Muette)
    ("COE", "organisation", "Council of Europe", 48.594, 7.774),  # Strasbourg (Palais de l'Europe)
    ("G7", "organisation", "G7", None, None),
    ("GPAI", "organisation", "Global Partnership on AI", 48.862, 2.270),  # Paris (hosted by the OECD)
    ("ITU", "organisation", "International Telecommunication Union", 46.210, 6.143),  # Geneva
    ("UNESCO", "organisation", "UNESCO", 48.849, 2.306),        # Paris (Place de Fontenoy)
    # Used by endorsements.csv (New Delhi Declaration signatory).
    ("IFAD", "organisation", "International Fund for Agricultural Development", 41.829, 12.466),  # Rome
]

# Companies named in the summits' company commitments: 3a = the company safety policies published for
# Bletchley Park (Oct 2023), 3b = the Bletchley pre-deployment testing agreement (2 Nov 2023), 3c = the
# Frontier AI Safety Commitments (Seoul, 21 May 2024, with later joiners), 3d = the Seoul AI Business Pledge
# (22 May 2024), 3e = the New Delhi Frontier AI Impact Commitments (Feb 2026); 4 = Elon Musk's companies (he
# spoke at Bletchley Park). "Amazon Web Services" (3b) is filed under Amazon.
COMPANIES = [
    "Amazon", "Anthropic", "Google DeepMind", "Inflection AI", "Meta", "Microsoft", "OpenAI",  # 3a
    "Google", "Mistral AI",                                                                     # 3b
    "Cohere", "G42", "IBM", "Naver", "Samsung Electronics", "Technology Innovation Institute",  # 3c
    "xAI", "Zhipu AI", "Magic", "MiniMax", "01.AI", "NVIDIA",                                   # 3c
    "Kakao", "LG AI Research", "SK Telecom", "KT", "Salesforce", "Adobe",                       # 3d
    "Sarvam AI",                                                                                # 3e
    "Tesla", "SpaceX",                                                                          # 4
]


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def fmt(v) -> str:
    return "" if v is None else repr(float(v))


def state_name(c) -> str:
    return NAMES.get(c.alpha_3) or getattr(c, "common_name", None) or c.name


def build(atlas_dir: Path) -> None:
    pts50 = build_geo.representative_points(build_geo.load_shapes(atlas_dir, "50m"))
    iso110 = {f["iso3"] for f in build_geo.load_shapes(atlas_dir, "110m") if f["iso3"]}

    countries = {c.alpha_3: c for c in pycountry.countries}
    unknown = (NOT_UN_MEMBERS | OBSERVERS) - set(countries)
    assert not unknown, f"codes not in pycountry: {unknown}"
    members = sorted(set(countries) - NOT_UN_MEMBERS - OBSERVERS)
    assert len(members) == 193, f"{len(members)} UN members, expected 193"

    status = {iso: "member" for iso in members}
    status.update({iso: "observer" for iso in OBSERVERS})
    status.update({iso: "non_member" for iso in iso110 - set(status)})
    assert sum(s != "non_member" for s in status.values()) == 195

    rows, problems = [], []
    for iso in sorted(status):
        c = countries.get(iso)
        if iso in pts50:
            lat, lon = pts50[iso]
        elif iso in CAPITALS:
            lat, lon = CAPITALS[iso]
        else:
            problems.append(f"{iso}: no 50m shape and no capital typed in")
            continue
        if iso not in REGION:
            problems.append(f"{iso}: no M49 region")
        rows.append({
            "party_id": iso, "name": state_name(c) if c else NAMES[iso], "kind": "state",
            "region": REGION.get(iso, ""), "lat": fmt(lat), "lon": fmt(lon), "un_status": status[iso],
            "iso_numeric": c.numeric if c else "",  # XKX has no ISO numeric code
            "eu_member": "true" if iso in EU_MEMBERS else "false",
        })
    if problems:
        sys.exit("\n".join(problems))
    assert sum(r["eu_member"] == "true" for r in rows) == 27

    orgs = sorted(ORGANISATIONS, key=lambda o: (o[1] != "bloc", o[0]))
    for pid, kind, name, lat, lon in orgs:
        rows.append({"party_id": pid, "name": name, "kind": kind, "region": "International",
                     "lat": fmt(lat), "lon": fmt(lon), "un_status": "", "iso_numeric": "",
                     "eu_member": "false"})
    slugs = {}
    for name in COMPANIES:
        assert slug(name) not in slugs, f"duplicate company slug {slug(name)}"
        slugs[slug(name)] = name
    for s in sorted(slugs):
        rows.append({"party_id": s, "name": slugs[s], "kind": "company", "region": "International",
                     "lat": "", "lon": "", "un_status": "", "iso_numeric": "", "eu_member": "false"})

    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)

    counts: dict[str, int] = {}
    for r in rows:
        key = r["kind"] + (f"/{r['un_status']}" if r["un_status"] else "")
        counts[key] = counts.get(key, 0) + 1
    print(f"wrote {OUT.relative_to(build_geo.ROOT)}: {len(rows)} rows "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print("non_member states:", " ".join(r["party_id"] for r in rows if r["un_status"] == "non_member"))
    print("companies:", " ".join(sorted(slugs)))


def main(argv=None) -> None:
    atlas_dir, _ = build_geo.atlas_dir_from_args(argv)
    if atlas_dir:
        build(atlas_dir)
        return
    with tempfile.TemporaryDirectory() as tmp:
        build(build_geo.fetch_atlas(Path(tmp)))


if __name__ == "__main__":
    main()
