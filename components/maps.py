"""build_* for the world map: pydeck decks with no basemap, and the coloured geometry they load."""

from __future__ import annotations

import json

import pandas as pd
import pydeck as pdk

from components.i18n import N_

# Okabe-Ito colours, distinguishable with the common colour-vision deficiencies (Datawrapper's advice);
# status is also given in words in tooltips and tables, never by colour alone.
STATUS_COLOURS = {
    "signed": [0, 114, 178],
    "joined_later": [86, 180, 233],
    "attended_not_signed": [230, 159, 0],
    "no_record": [221, 221, 221],
}
# a treaty's stages by group (components/stages.py), Okabe-Ito too: signed is the status's blue; bound (ratified,
# accepted, approved, acceded) bluish green; in force for the party reddish purple
STAGE_COLOURS = {
    "signed": STATUS_COLOURS["signed"],
    "bound": [0, 158, 115],
    "in_force": [204, 121, 167],
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


# shapes no party row names (Natural Earth's disputed areas): their tooltip name, marked for translation
UNLISTED_SHAPES = {"N. Cyprus": N_("N. Cyprus"), "Somaliland": N_("Somaliland")}


def colour_features(geo: dict, values: pd.DataFrame, highlight_eu: bool = False, no_record: str = "No record",
                    shape_names: dict[str, str] | None = None) -> dict:
    """A copy of the shapes whose features carry fill, outline and the tooltip text for each country.

    `values` is indexed by party_id with columns name, label, date, source, fill, eu_member, its words in the
    tooltip's language; `no_record` and `shape_names` (UNLISTED_SHAPES translated) say the rest in that language.
    """
    features = []
    for f in geo["features"]:
        iso3 = f["properties"].get("iso3") or ""
        row = values.loc[iso3] if iso3 in values.index else None
        props = {
            "iso3": iso3,
            "name": row["name"] if row is not None else (shape_names or {}).get(f["properties"].get("name", ""),
                                                                                   f["properties"].get("name", "")),
            "status": row["label"] if row is not None else no_record,
            "date": row["date"] if row is not None else "",
            "source": row["source"] if row is not None else "",
            "fill": row["fill"] if row is not None else STATUS_COLOURS["no_record"],
            "line": EU_OUTLINE if highlight_eu and row is not None and bool(row["eu_member"]) else OUTLINE,
            "width": 2 if highlight_eu and row is not None and bool(row["eu_member"]) else 0.5,
        }
        features.append({"type": "Feature", "properties": props, "geometry": f["geometry"]})
    return {"type": "FeatureCollection", "features": features}


POINT_LINE = [26, 26, 26]


def with_points(collection: dict, points: pd.DataFrame) -> dict:
    """The shapes plus a Point feature for each party drawn as a point (small states without a shape).

    Points ride in the served GeoJSON, so one pickable layer answers every click and the deck stays small. (Lost
    clicks were first blamed on a second, inline layer; the cause was slow picking, see FILL_ONLY_PICKING.)
    `points` has columns party_id, name, label, date, source, fill, lat, lon.
    """
    features = list(collection["features"])
    for r in points.itertuples():
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
                         "properties": {"iso3": r.party_id, "name": r.name, "status": r.label, "date": r.date,
                                        "source": r.source, "fill": r.fill, "line": POINT_LINE, "width": 1}})
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


# Initial zoom. deck.gl draws the world 512 * 2**zoom px wide. At 1280 px the map column beside the profile is
# about 406 px wide: -0.35 gives 401 px, the whole world. A phone's map is about 358 px wide (390 less the page's
# padding): -0.55 gives 350 px, so the Americas, Africa, Asia and Australia all fit (0.6 showed Europe to India).
WIDE_ZOOM = -0.35
PHONE_ZOOM = -0.55
CHOSEN_LINE = [26, 26, 26]  # near-black, 3 px: the chosen party stands out by its outline, not by colour alone


def initial_view(phone: bool) -> pdk.ViewState:
    """Where the map opens: the whole inhabited world at the width the server expects."""
    # min_zoom: deck.gl's MapView stops at zoom 0 by default (a 512 px world)
    return pdk.ViewState(latitude=20, longitude=10, zoom=PHONE_ZOOM if phone else WIDE_ZOOM, min_zoom=-2)


# The map's controller does not "normalize" the view: deck.gl's MapState otherwise raises the zoom until the
# world is as tall as the canvas (460 px), which undid both zooms (measured: a 460 px wide world at zoom -0.5,
# 362 px with normalize off). The view state's min_zoom still bounds zooming out.
MAP_VIEWS = [pdk.View(type="MapView", controller={"normalize": False})]
# Only the fills are pickable. deck.gl picks on pointer-down, and its tap recognizer drops a press longer than
# 250 ms; with the 0.5 px borders pickable, picking the 177 countries took 375 ms in software-rendered Chromium
# (and the click was lost: an empty selection), 26 ms without them.
FILL_ONLY_PICKING = {"polygons-stroke": {"pickable": False}}


def fill_colours(table: pd.DataFrame, counts: bool) -> list[list[int]]:
    """Fill per row: by number of documents signed (the all-summits view), else by a treaty's stage where the row
    has one (`stage_group`), else by status."""
    if counts:
        top = int(table["signed_count"].max())
        return [count_colour(n, top) for n in table["signed_count"]]
    groups = table["stage_group"] if "stage_group" in table else [""] * len(table)
    return [STAGE_COLOURS.get(g) or STATUS_COLOURS[s] for s, g in zip(table["status"], groups)]


def outline_feature(geo: dict | None, iso3: str, point: tuple[float, float] | None) -> dict | None:
    """The chosen party's outline as a FeatureCollection: its shape, else its point; None when it has neither."""
    for f in (geo or {}).get("features", []):
        if f["properties"].get("iso3") == iso3:
            return {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"iso3": iso3},
                                                               "geometry": f["geometry"]}]}
    if point is None:
        return None
    return {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"iso3": iso3},
            "geometry": {"type": "Point", "coordinates": [point[1], point[0]]}}]}


POINT_COLUMNS = ["party_id", "name", "status", "date", "source", "fill", "lat", "lon"]  # party_id: what a click opens


def build_map(geometry_url: str | None, points: pd.DataFrame, outline_url: str | None = None,
              phone: bool = False) -> CompactDeck:
    """The world map: country shapes loaded by URL, points for parties without a shape, the chosen party outlined.

    `points` has columns party_id, name, status, date, source, fill, lat, lon. No map provider, so no tiles are
    fetched. Shapes and points are pickable (a click opens a profile); the outline layer is not.
    """
    layers = []
    if geometry_url:
        layers.append(pdk.Layer(
            "GeoJsonLayer", data=geometry_url, id="countries",  # a fixed id keeps reruns byte-identical
            get_fill_color="properties.fill", get_line_color="properties.line",
            get_line_width="properties.width", line_width_units="'pixels'", get_point_radius=5,
            point_radius_units="'pixels'", pickable=True, auto_highlight=True, _sub_layer_props=FILL_ONLY_PICKING,
        ))
    if len(points) and not geometry_url:  # without served shapes every state is an inline point
        layers.append(pdk.Layer(
            "ScatterplotLayer", data=points[[c for c in POINT_COLUMNS if c in points]].to_dict("records"), id="points", get_position=["lon", "lat"], get_fill_color="fill",
            get_line_color=[26, 26, 26], stroked=True, line_width_min_pixels=1, get_radius=60000,
            radius_min_pixels=5, pickable=True, auto_highlight=True,
        ))
    if outline_url:
        layers.append(outline_layer(outline_url))
    return CompactDeck(layers=layers, initial_view_state=initial_view(phone), views=MAP_VIEWS, map_provider=None,
                       tooltip=TOOLTIP)


def outline_layer(outline_url: str) -> pdk.Layer:
    """Outlined parties (the map's chosen one, a story step's named ones) loaded by URL: near-black, 3 px, a
    ring for a point; not pickable, so the tooltip and the click stay the map's.

    String props are quoted: pydeck sends a bare string as an expression ("pixels" would evaluate to nothing).
    """
    return pdk.Layer("GeoJsonLayer", data=outline_url, id="outline", filled=False, get_line_color=CHOSEN_LINE,
                     get_line_width=3, line_width_units="'pixels'", get_point_radius=11, point_radius_units="'pixels'")


# NOTE: the GeoJsonLayers leave deck.gl's defaults out (stroked and filled true, points drawn as circles, a layer
# not pickable unless it says so): every byte of a deck is sent again by the click that outlines a country.


def outline_features(geo: dict, iso3s: set[str]) -> dict:
    """The shapes of some countries, to draw as outlines over a map (a story step's named parties)."""
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {"iso3": f["properties"].get("iso3")},
                          "geometry": f["geometry"]} for f in geo["features"]
                         if f["properties"].get("iso3") in iso3s]}


def with_outline(base: CompactDeck, outline_url: str | None) -> CompactDeck:
    """A map's deck with outlined countries loaded by URL on top (`outline_layer`)."""
    if not outline_url:
        return base
    return CompactDeck(layers=[*base.layers, outline_layer(outline_url)], initial_view_state=base.initial_view_state,
                       views=MAP_VIEWS, map_provider=None, tooltip=maps_tooltip(base))


def maps_tooltip(deck: pdk.Deck):
    """The tooltip a deck was built with."""
    return getattr(deck, "_tooltip", None) or TOOLTIP
