"""components/cached.py: `shared` builds each result once and shares it; what pages read from it stays read-only."""

import threading
import time

import pytest

from components.cached import shared


def test_shared_builds_once_per_key_and_leaves_underscore_arguments_out_of_it():
    calls = []

    @shared(max_entries=2)
    def build(a, b="x", _table=None):
        calls.append((a, b))
        return object()

    first = build(1, _table=[1])
    assert build(1, _table=[2]) is first  # `_table` is not part of the key
    assert build(a=1, b="x") is first  # keywords and defaults give the same key as positions
    assert build(1, "y") is not first
    assert calls == [(1, "x"), (1, "y")]


def test_shared_drops_the_oldest_result_past_max_entries():
    calls = []

    @shared(max_entries=2)
    def build(a):
        calls.append(a)
        return object()

    one = build(1)
    build(2)
    assert build(1) is one  # a hit makes 1 the newest
    build(3)  # drops 2, the oldest
    assert build(1) is one and calls == [1, 2, 3]
    build(2)
    assert calls == [1, 2, 3, 2]


def test_shared_builds_once_when_sessions_miss_together():
    calls = []

    @shared()
    def build(a):
        calls.append(a)
        time.sleep(0.05)  # a slow build: the other threads arrive while it runs
        return object()

    results = []
    threads = [threading.Thread(target=lambda: results.append(build("view"))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == ["view"] and len(results) == 8 and all(r is results[0] for r in results)


def test_shared_does_not_keep_a_failed_build():
    calls = []

    @shared()
    def build(a):
        calls.append(a)
        if len(calls) == 1:
            raise ValueError("first build fails")
        return a

    with pytest.raises(ValueError):
        build(1)
    assert build(1) == 1 and calls == [1, 1]


def test_the_map_sends_its_matrix_table_as_built():
    """st.html gets the table as built (BuiltHtml skips Streamlit's dedent of the 27 KB string), not its repr."""
    from components.cached import map_matrix
    from components.data import data_fingerprint, load_atlas
    from tests.test_pages import run

    at = run("map")
    atlas, _ = load_atlas()
    built = map_matrix(data_fingerprint(atlas.data_dir), atlas, "en")[2]
    assert [h.proto.body for h in at.get("html") if "atlas-table" in h.proto.body] == [built]


def test_map_choices_are_shared_read_only_and_match_the_data():
    """Every session reads the same MapChoices: its mappings and lists cannot be changed in place."""
    from dataclasses import fields

    from components.naming import short_party_names
    from components.cached import map_choices
    from components.data import data_fingerprint, load_atlas
    from tests.test_pages import run

    run("map", document="paris-statement")  # a page run first: pages must leave the shared object as built
    atlas, _ = load_atlas()
    choices = map_choices(data_fingerprint(atlas.data_dir), "en", atlas)
    assert choices is map_choices(data_fingerprint(atlas.data_dir), "en", atlas)
    for f in fields(choices):
        value = getattr(choices, f.name)
        with pytest.raises(TypeError):
            value["x"] = "y"  # MappingProxyType and tuple refuse item assignment
    assert choices.party_names == short_party_names(atlas.parties)
    assert set(choices.doc_names) == set(atlas.documents["document_id"])
    assert choices.views[0] == "all" and set(choices.views) == set(choices.labels)
    assert [v for v in choices.views if v.startswith("document:")] == [
        f"document:{d}" for d in atlas.documents.sort_values(["date", "document_id"])["document_id"]]
