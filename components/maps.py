"""build_* for the world map: pydeck decks with no basemap, and the coloured geometry they load."""

from __future__ import annotations

import json

import pandas as pd
import pydeck as pdk

# Okabe-Ito colours, distinguishable with the common colour-vision deficiencies (Datawrapper's advice);
# status is also given in words in tooltips and tables, never by colour alone.
STATUS_COLOURS = {
    "signed": [0, 114, 178],
    "joined_later": [86, 180, 233],
    "attended_not_signed": [230, 159, 0],
    "no_record": [221, 221, 221],
}
# ColorBrewer "Blues" (colour-blind safe, sequential) for 1..n documents signed; 0 is "no record" grey
COUNT_COLOURS = [[198, 219, 239], [158, 202, 225], [107, 174, 214], [66, 146, 198], [33, 113, 181],
                 [8, 81, 156], [8, 48, 107]]
OUTLINE = [255, 255, 255]
EU_OUTLINE = [0, 0, 0]


def count_colour(count: int, maximum: int) -> list[int]:
    """Sequential colour for a number of documents signed (grey for none)."""
    if count <= 0:
        return STATUS_COLOURS["no_record"]
    steps = len(COUNT_COLOURS)
    index = round((count - 1) * (steps - 1) / max(maximum - 1, 1)) if maximum > 1 else steps - 1
    return COUNT_COLOURS[min(index, steps - 1)]


def colour_features(geo: dict, values: pd.DataFrame, highlight_eu: bool = False) -> dict:
    """A copy of the shapes whose features carry fill, outline and the tooltip text for each country.

    `values` is indexed by party_id with columns name, label, date, source, fill, eu_member.
    """
    features = []
    for f in geo["features"]:
        iso3 = f["properties"].get("iso3") or ""
        row = values.loc[iso3] if iso3 in values.index else None
        props = {
            "iso3": iso3,
            "name": row["name"] if row is not None else f["properties"].get("name", ""),
            "status": row["label"] if row is not None else "No record",
            "date": row["date"] if row is not None else "",
            "source": row["source"] if row is not None else "",
            "fill": row["fill"] if row is not None else STATUS_COLOURS["no_record"],
            "line": EU_OUTLINE if highlight_eu and row is not None and bool(row["eu_member"]) else OUTLINE,
            "width": 2 if highlight_eu and row is not None and bool(row["eu_member"]) else 0.5,
        }
        features.append({"type": "Feature", "properties": props, "geometry": f["geometry"]})
    return {"type": "FeatureCollection", "features": features}


def geojson_bytes(collection: dict) -> bytes:
    """A FeatureCollection as compact, key-sorted UTF-8 JSON: identical maps give identical bytes (and URLs)."""
    return json.dumps(collection, separators=(",", ":"), sort_keys=True).encode("utf-8")


class CompactDeck(pdk.Deck):
    """A Deck whose JSON is compact and key-sorted, so identical maps give identical bytes."""

    def to_json(self) -> str:
        # memoised: a built deck is never changed, and pages share one deck per view
        if getattr(self, "_compact_json", None) is None:
            self._compact_json = json.dumps(json.loads(super().to_json()), separators=(",", ":"), sort_keys=True)
        return self._compact_json


TOOLTIP = {"text": "{name}\n{status}\n{date}\n{source}",
           "style": {"backgroundColor": "#1a1a1a", "color": "#ffffff", "fontSize": "14px"}}


def build_map(geometry_url: str | None, points: pd.DataFrame) -> CompactDeck:
    """The world map: country shapes loaded by URL plus points for parties without a shape.

    `points` has columns name, status, date, source, fill, lat, lon. No map provider, so no tiles are fetched.
    """
    layers = []
    if geometry_url:
        layers.append(pdk.Layer(
            "GeoJsonLayer", data=geometry_url, id="countries",  # a fixed id keeps reruns byte-identical
            get_fill_color="properties.fill", get_line_color="properties.line",
            get_line_width="properties.width", line_width_units="pixels", stroked=True, filled=True,
            pickable=True, auto_highlight=True,
        ))
    if len(points):
        layers.append(pdk.Layer(
            "ScatterplotLayer", data=points[["name", "status", "date", "source", "fill", "lat", "lon"]]
            .to_dict("records"), id="points", get_position=["lon", "lat"], get_fill_color="fill",
            get_line_color=[26, 26, 26], stroked=True, line_width_min_pixels=1, get_radius=60000,
            radius_min_pixels=5, pickable=True, auto_highlight=True,
        ))
    return CompactDeck(layers=layers, initial_view_state=pdk.ViewState(latitude=20, longitude=10, zoom=0.6),
                       map_provider=None, tooltip=TOOLTIP)


def outline_features(geo: dict, iso3s: set[str]) -> dict:
    """The shapes of some countries, to draw as outlines over a map (a story step's named parties)."""
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {"iso3": f["properties"].get("iso3")},
                          "geometry": f["geometry"]} for f in geo["features"]
                         if f["properties"].get("iso3") in iso3s]}


def with_outline(base: CompactDeck, outline_url: str | None) -> CompactDeck:
    """A map's deck with outlined countries loaded by URL on top (black, 3 px; not pickable: the tooltip
    stays the map's)."""
    if not outline_url:
        return base
    layer = pdk.Layer("GeoJsonLayer", data=outline_url, id="outline", stroked=True, filled=False,
                      get_line_color=[0, 0, 0], get_line_width=3, line_width_units="pixels", pickable=False)
    return CompactDeck(layers=[*base.layers, layer], initial_view_state=base.initial_view_state,
                       map_provider=None, tooltip=maps_tooltip(base))


def maps_tooltip(deck: pdk.Deck):
    """The tooltip a deck was built with."""
    return getattr(deck, "_tooltip", None) or TOOLTIP
