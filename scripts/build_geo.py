#!/usr/bin/env python3
"""Rebuild the country shapes in data/geo/ from Natural Earth (via the npm package world-atlas).

Source: world-atlas@2.0.2 (ISC licence; the Natural Earth data in it is public domain). The script
runs `npm pack world-atlas@2.0.2` in a temporary directory, reads `countries-110m.json` and
`countries-50m.json` (TopoJSON) from the tarball, and decodes them with the small stdlib decoder below.

Writes:
  data/geo/countries-110m.geojson  FeatureCollection; properties {"iso3", "name"} only; compact JSON.
  data/geo/small-states.json       [{"iso3", "lat", "lon"}, ...] for every UN member or observer in
                                   data/parties.csv that has no 110m shape but has a 50m shape
                                   (shapely representative_point() of the largest polygon of
                                   the 50m shape; see representative_points()).

Decisions:
  * `id` (ISO 3166-1 numeric) -> ISO alpha-3 with pycountry. Kosovo has no id and gets `XKX`.
    N. Cyprus and Somaliland have no id and no ISO code: they are KEPT with iso3 "" so that the map
    has no holes; the app should draw them as "no party".
  * Features whose rings jump more than 180 degrees of longitude (Fiji, Russia, ...) are split at the
    antimeridian with antimeridian.fix_geojson(geom, fix_winding=True). Antarctica's -180..180 edge
    is a real planar edge and is left alone.
  * Every polygon is written with RFC 7946 winding (exterior rings counter-clockwise, holes clockwise,
    in planar lon/lat), since world-atlas uses d3's clockwise exteriors and the antimeridian fix
    returns RFC 7946 rings; mixing both would be a trap for later users.
  * Coordinates are rounded to 3 decimals (about 100 m); repeated consecutive points are dropped.

Usage:
  .venv/bin/python scripts/build_geo.py                 # downloads with npm
  .venv/bin/python scripts/build_geo.py --atlas-dir DIR # DIR holds countries-110m.json, countries-50m.json

scripts/build_parties.py imports load_shapes() from this file (for 50m representative points), and
this script reads data/parties.csv, so run build_parties.py first, then build_geo.py.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import antimeridian
import pycountry
import shapely.geometry
from shapely.geometry.polygon import orient

PACKAGE = "world-atlas@2.0.2"
ROOT = Path(__file__).resolve().parent.parent
GEO_DIR = ROOT / "data" / "geo"
PARTIES_CSV = ROOT / "data" / "parties.csv"
OUT_110M = GEO_DIR / "countries-110m.geojson"
OUT_SMALL = GEO_DIR / "small-states.json"

# Features that world-atlas ships without an `id`, by their `properties.name`.
NAME_TO_ISO3 = {"Kosovo": "XKX"}


# --------------------------------------------------------------------------- download
def fetch_atlas(dest: Path) -> Path:
    """`npm pack` world-atlas into dest and extract the two country files; return their folder."""
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=dest, check=True,
                   stdout=subprocess.DEVNULL)
    tgz = next(dest.glob("world-atlas-*.tgz"))
    sha = hashlib.sha256(tgz.read_bytes()).hexdigest()
    print(f"fetched {PACKAGE} ({tgz.stat().st_size} bytes, sha256 {sha[:16]}...)", file=sys.stderr)
    out = dest / "atlas"
    out.mkdir()
    with tarfile.open(tgz) as tar:
        for scale in ("110m", "50m"):
            member = tar.getmember(f"package/countries-{scale}.json")
            (out / f"countries-{scale}.json").write_bytes(tar.extractfile(member).read())
    return out


# --------------------------------------------------------------------------- TopoJSON decoder
def decode_arcs(topo: dict) -> list[list[list[float]]]:
    """Absolute coordinates of every arc (undo delta encoding and quantization)."""
    transform = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if transform:
            (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for px, py in arc:
                x += px
                y += py
                points.append([x * kx + dx, y * ky + dy])
        else:
            points = [[p[0], p[1]] for p in arc]
        arcs.append(points)
    return arcs


def stitch_ring(indexes: list[int], arcs: list) -> list[list[float]]:
    """Join arcs into one ring, as topojson-client does (negative index = reversed arc ~i)."""
    ring: list[list[float]] = []
    for i in indexes:
        points = arcs[~i][::-1] if i < 0 else arcs[i]
        if ring:
            ring.pop()  # the first point of this arc repeats the last point of the previous one
        ring.extend(list(p) for p in points)
    if len(ring) < 4:  # degenerate ring: close it, like topojson-client
        ring.append(list(ring[0]))
    return ring


def decode_geometry(g: dict, arcs: list) -> dict | None:
    kind = g.get("type")
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": [stitch_ring(r, arcs) for r in g["arcs"]]}
    if kind == "MultiPolygon":
        return {"type": "MultiPolygon",
                "coordinates": [[stitch_ring(r, arcs) for r in poly] for poly in g["arcs"]]}
    if kind is None:
        return None
    raise ValueError(f"unsupported TopoJSON geometry type {kind!r}")


def topo_features(topo: dict, name: str) -> list[dict]:
    arcs = decode_arcs(topo)
    feats = []
    for g in topo["objects"][name]["geometries"]:
        feats.append({"id": g.get("id"), "name": (g.get("properties") or {}).get("name", ""),
                      "geometry": decode_geometry(g, arcs)})
    return feats


# --------------------------------------------------------------------------- geometry clean-up
def rings_of(geom: dict):
    if geom["type"] == "Polygon":
        yield from geom["coordinates"]
    else:
        for poly in geom["coordinates"]:
            yield from poly


def crosses_antimeridian(geom: dict) -> bool:
    return any(abs(b[0] - a[0]) > 180 for ring in rings_of(geom) for a, b in zip(ring, ring[1:]))


def rfc7946(geom: dict) -> dict:
    """Exterior rings counter-clockwise, holes clockwise (planar)."""
    shp = shapely.geometry.shape(geom)
    if shp.geom_type == "Polygon":
        shp = orient(shp, 1.0)
    else:
        shp = shapely.geometry.MultiPolygon([orient(p, 1.0) for p in shp.geoms])
    return shapely.geometry.mapping(shp)


def fix_geometry(geom: dict, iso3: str) -> dict:
    """Split at the antimeridian where needed (never Antarctica), then enforce RFC 7946 winding."""
    if iso3 != "ATA" and crosses_antimeridian(geom):
        geom = antimeridian.fix_geojson(geom, fix_winding=True)
    return rfc7946(geom)


def r3(v: float) -> float:
    v = round(float(v), 3)
    return 0.0 if v == 0 else v  # no "-0.0"


def round_ring(ring) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y, *_ in ring:
        p = [r3(x), r3(y)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def round_geometry(geom: dict) -> dict | None:
    """Round to 3 dp; drop rings that collapse (< 4 points) and polygons whose exterior collapses."""
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    out_polys = []
    for poly in polys:
        rings = [round_ring(r) for r in poly]
        if len(rings[0]) < 4:
            continue
        out_polys.append([rings[0]] + [r for r in rings[1:] if len(r) >= 4])
    if not out_polys:
        return None
    if len(out_polys) == 1:
        return {"type": "Polygon", "coordinates": out_polys[0]}
    return {"type": "MultiPolygon", "coordinates": out_polys}


def iso3_for(feature: dict) -> str:
    if feature["id"]:
        c = pycountry.countries.get(numeric=feature["id"])
        if c:
            return c.alpha_3
    return NAME_TO_ISO3.get(feature["name"], "")


# --------------------------------------------------------------------------- public helpers
def load_shapes(atlas_dir: Path, scale: str) -> list[dict]:
    """Features of one scale as [{"iso3", "name", "geometry"}] with fixed (unrounded) geometry."""
    topo = json.loads((atlas_dir / f"countries-{scale}.json").read_text(encoding="utf-8"))
    out = []
    for f in topo_features(topo, "countries"):
        if f["geometry"] is None:
            continue
        iso3 = iso3_for(f)
        out.append({"iso3": iso3, "name": f["name"], "geometry": fix_geometry(f["geometry"], iso3)})
    return out


# Where the largest polygon is a poor place for the state's dot: (lat, lon) typed in by hand.
POINT_OVERRIDES = {
    "KIR": (1.329, 172.979),  # South Tarawa (the largest island, Kiritimati, lies 2,000 km east)
}


def representative_points(features: list[dict]) -> dict[str, tuple[float, float]]:
    """iso3 -> (lat, lon): shapely representative_point() of the state's largest polygon.

    Features sharing an iso3 are merged. The largest polygon (planar lon/lat area) is used because
    representative_point() of a whole MultiPolygon can land on an outlying island (Norway's point
    fell on Svalbard, Japan's on Hokkaido). POINT_OVERRIDES wins over both.
    """
    by_iso: dict[str, list] = {}
    for f in features:
        if f["iso3"]:
            by_iso.setdefault(f["iso3"], []).append(shapely.geometry.shape(f["geometry"]))
    points = {}
    for iso3, shapes in sorted(by_iso.items()):
        shp = shapes[0] if len(shapes) == 1 else shapely.unary_union(shapes)
        if shp.geom_type == "MultiPolygon":
            shp = max(shp.geoms, key=lambda g: g.area)
        p = shp.representative_point()
        points[iso3] = POINT_OVERRIDES.get(iso3, (r3(p.y), r3(p.x)))
    return points


def atlas_dir_from_args(argv=None) -> tuple[Path | None, argparse.Namespace]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--atlas-dir", type=Path,
                    help="folder with countries-110m.json and countries-50m.json (skips npm)")
    args = ap.parse_args(argv)
    return args.atlas_dir, args


def read_un_states(path: Path = PARTIES_CSV) -> list[str]:
    if not path.exists():
        sys.exit(f"{path} not found: run scripts/build_parties.py first")
    with path.open(encoding="utf-8", newline="") as fh:
        return sorted(r["party_id"] for r in csv.DictReader(fh)
                      if r["kind"] == "state" and r["un_status"] in ("member", "observer"))


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------- main
def build(atlas_dir: Path) -> None:
    GEO_DIR.mkdir(parents=True, exist_ok=True)

    f110 = load_shapes(atlas_dir, "110m")
    features = []
    for f in f110:
        geom = round_geometry(f["geometry"])
        if geom is None:
            print(f"warning: {f['name']} collapsed when rounded; dropped", file=sys.stderr)
            continue
        features.append({"type": "Feature", "properties": {"iso3": f["iso3"], "name": f["name"]},
                         "geometry": geom})
    text = dumps({"type": "FeatureCollection", "features": features}) + "\n"
    OUT_110M.write_text(text, encoding="utf-8")
    no_iso = sorted(f["properties"]["name"] for f in features if not f["properties"]["iso3"])
    print(f"wrote {OUT_110M.relative_to(ROOT)}: {len(features)} features, {len(text.encode())} bytes"
          f" (no iso3: {', '.join(no_iso)})")

    in_110 = {f["properties"]["iso3"] for f in features}
    un_states = read_un_states()
    missing = [iso for iso in un_states if iso not in in_110]
    pts50 = representative_points(load_shapes(atlas_dir, "50m"))
    small = [{"iso3": iso, "lat": pts50[iso][0], "lon": pts50[iso][1]} for iso in missing if iso in pts50]
    no_shape = [iso for iso in missing if iso not in pts50]
    text = dumps(small) + "\n"
    OUT_SMALL.write_text(text, encoding="utf-8")
    print(f"wrote {OUT_SMALL.relative_to(ROOT)}: {len(small)} points for UN members/observers "
          f"missing at 110m: {' '.join(s['iso3'] for s in small)}")
    if no_shape:
        print(f"not in 110m nor 50m (no point written): {' '.join(no_shape)}")


def main(argv=None) -> None:
    atlas_dir, _ = atlas_dir_from_args(argv)
    if atlas_dir:
        build(atlas_dir)
        return
    with tempfile.TemporaryDirectory() as tmp:
        build(fetch_atlas(Path(tmp)))


if __name__ == "__main__":
    main()
