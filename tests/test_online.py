"""The online fallback: asked only for unknown names, once each, and marked as online.

The network is replaced by a recording stand-in with geopy's ``geocode`` signature;
tests never reach the internet.
"""

from dataclasses import replace
from types import SimpleNamespace

from geomap.pipeline import parse_article
from geomap.model import Article
from geomap.places.online import OnlineGeocoder


class RecordingGeocoder:
    def __init__(self):
        self.queries = []

    def geocode(self, query, **kwargs):
        self.queries.append((query, kwargs))
        if query == "Khumdon":
            raw = {"name": "Khumdon", "display_name": "Khumdon, Darvoz, Tajikistan", "boundingbox": ["38.40", "38.42", "70.80", "70.83"],
                   "type": "village", "address": {"country_code": "tj"}, "osm_type": "node", "osm_id": 42}
            return SimpleNamespace(latitude=38.41, longitude=70.815, address=raw["display_name"], raw=raw)
        return None


def test_unknown_names_are_geocoded_once_and_marked(tmp_path, resources):
    stand_in = RecordingGeocoder()
    geocoder = OnlineGeocoder(tmp_path / "cache.json", geocoder=stand_in, min_delay_seconds=0, country_codes=("af", "tj"))
    online_resources = replace(resources, online=geocoder)
    text = "Clashes were reported in Khumdon and near Dushanbe in March. Later, shots were fired in Khumdon again and in Zzyzxq."
    result = parse_article(Article("t", "<t>", text), online_resources)
    online = [t for t in result.toponyms if t.place.source == "online"]
    assert [t.mention.text for t in online] == ["Khumdon", "Khumdon"]
    assert online[0].place.country == "TJ" and 1 < online[0].place.uncertainty_km < 3
    assert "online geocoder" in online[0].reasons[0]
    asked = [q for q, _ in stand_in.queries]
    assert asked == ["Khumdon", "Zzyzxq"]  # known places, months and repeats are never sent
    assert stand_in.queries[0][1]["country_codes"] == ["af", "tj"]
    # a second geocoder on the same cache asks nothing
    again = OnlineGeocoder(tmp_path / "cache.json", geocoder=RecordingGeocoder(), min_delay_seconds=0, country_codes=("af", "tj"))
    assert again.lookup("Khumdon").lat == 38.41 and again.lookup("Zzyzxq") is None and again.requests == 0


def test_online_is_off_by_default(resources):
    assert resources.online is None
    result = parse_article(Article("t", "<t>", "Clashes were reported in Khumdon."), resources)
    assert result.toponyms == []
