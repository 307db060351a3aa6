"""Build the home page's small previews of the world map (all summits), one per language of LANGUAGES:
static/map-preview.png (English) and static/map-preview-<lang>.png (title, legend and source line in that language).

Run after a data change that alters who signed what, or after adding a language:
`.venv/bin/python scripts/build_preview.py`. Built here, at build time, so the app never writes into its checkout at
run time.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from the checkout's root

from components import images, maps, story  # noqa: E402
from components.data import read_atlas, read_geojson  # noqa: E402
from components.dates import format_date  # noqa: E402
from components.i18n import LANGUAGES, localize, translator  # noqa: E402
from components.participation import counts_sentence, signed_counts, summit_state_documents  # noqa: E402


def build(atlas, lang: str) -> bytes:
    """The preview picture in one language."""
    tr = translator(lang)
    atlas = localize(atlas, lang)
    counts = signed_counts(atlas.parties, atlas.endorsements, atlas.documents)
    top = int(counts["signed_count"].max())
    fills = {p: tuple(maps.count_colour(int(n), top)) for p, n in zip(counts["party_id"], counts["signed_count"]) if n}
    docs = summit_state_documents(atlas.documents.sort_values(["date", "document_id"]))
    credit = images.Credit(tr.gettext("AI Summit Atlas"),
                           story.sources_text([(t, u) for t, u in zip(docs["title"], docs["source_url"])], tr=tr),
                           format_date(max(atlas.sources["accessed"]), tr=tr), tr=tr)
    picture = images.MapPicture(tr.gettext("Summit documents signed per country"),
                                counts_sentence(counts, len(docs), tr), fills, story.map_legend("all", top, tr),
                                credit, tr=tr)
    return images.build_map_image(read_geojson(), picture, "png", dpi=40)


def main() -> None:
    atlas = read_atlas()
    for lang in LANGUAGES:
        out = images.preview_path(lang)
        out.write_bytes(build(atlas, lang))
        print(f"wrote static/{out.name}")


if __name__ == "__main__":
    main()
