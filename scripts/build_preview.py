"""Build static/map-preview.png, the home page's small preview of the world map (all summits).

Run after a data change that alters who signed what: `.venv/bin/python scripts/build_preview.py`.
Built here, at build time, so the app never writes into its checkout at run time.
"""

from pathlib import Path

from components import images, maps, shaping, story
from components.data import read_atlas, read_geojson

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "static" / "map-preview.png"


def main() -> None:
    atlas = read_atlas()
    counts = shaping.signed_counts(atlas.parties, atlas.endorsements, atlas.documents)
    top = int(counts["signed_count"].max())
    fills = {p: tuple(maps.count_colour(int(n), top)) for p, n in zip(counts["party_id"], counts["signed_count"]) if n}
    docs = shaping.summit_state_documents(atlas.documents.sort_values(["date", "document_id"]))
    credit = images.Credit("AI Summit Atlas", story.sources_text([(t, u) for t, u in zip(docs["title"], docs["source_url"])]),
                           shaping.format_date(max(atlas.sources["accessed"])))
    picture = images.MapPicture("Summit documents signed per country",
                                shaping.counts_sentence(counts, len(docs)), fills, story.map_legend("all", top), credit)
    OUT.write_bytes(images.build_map_image(read_geojson(), picture, "png", dpi=40))
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
