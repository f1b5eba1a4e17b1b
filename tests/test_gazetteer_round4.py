"""Curated rows of the fourth real-news review (Kyrgyz–Tajik border, TAPI, Surxondaryo)."""

import math

from geomap.places import recognise, resolve


def parse(text, resources):
    found = recognise(text, resources.gazetteer)
    return resolve(text, found.mentions, resources.gazetteer, resources.settings)


def resolved(text, surface, resources):
    """The place of the first mention that starts with ``surface``."""
    matches = [t for t in parse(text, resources) if t.mention.text.startswith(surface)]
    assert matches, f"{surface!r} not resolved in {text!r}"
    return matches[0].place


def km(place, lat, lon):
    p1, p2 = math.radians(place.lat), math.radians(lat)
    dlat, dlon = p2 - p1, math.radians(lon - place.lon)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def test_zhany_dostuk_resettlement_site_is_in_batken(resources):
    text = "Residents of Dostuk were resettled to Zhany Dostuk in the Chet-Bulak area of Batken district."
    place = resolved(text, "Zhany Dostuk", resources)
    assert place.id == "geomap:zhany-dostuk"
    assert (place.country, place.admin1) == ("KG", "Batken")
    assert resolved(text, "Chet-Bulak", resources).id == place.id


def test_tojvaron_shelling_is_in_lakhsh_district(resources):
    text = (
        "Kyrgyz forces opened fire from the Jonoloy district of the Kyrgyz Osh region at Tojvaron village "
        "in the Sayliobod rural community of the Lakhsh district of Tajikistan."
    )
    place = resolved(text, "Tojvaron", resources)
    assert place.country == "TJ"
    assert km(place, 39.2, 71.2) <= 10
    assert resolved(text, "Lakhsh", resources).id == "geomap:lakhsh-district"
    assert resolved(text, "Jonoloy", resources).id == "geomap:chon-alai-district"


def test_sherabad_in_uzbekistan_is_not_shurobod(resources):
    place = resolved("The convoy passed through Sherabad in Uzbekistan's Surxondaryo region.", "Sherabad", resources)
    assert (place.country, place.admin1) == ("UZ", "Surxondaryo")
    assert resolved("Shurobod district of Khatlon.", "Shurobod", resources).country == "TJ"


def test_serkhetabad_spelling_is_the_turkmen_border_town(resources):
    place = resolved("The TAPI section runs from Serkhetabad to Herat.", "Serkhetabad", resources)
    assert place.country == "TM"
    assert km(place, 35.28, 62.344) <= 5


def test_somoniyon_no_longer_sits_on_chorkuh(resources):
    somoniyon = resolved("Somoniyon village in Isfara district.", "Somoniyon", resources)
    chorkuh = resolved("Chorkuh village in Isfara district.", "Chorkuh", resources)
    assert somoniyon.id == "geomap:somoniyon-isfara"
    assert (somoniyon.lat, somoniyon.lon) != (chorkuh.lat, chorkuh.lon)


def test_gurgan_district_of_faryab(resources):
    text = "The governors of the Andkhoy, Khancharbag and Gurgan districts of Faryab province met."
    assert resolved(text, "Gurgan", resources).country == "AF"
