"""Numeric claims are extracted, converted and checked against the geometry."""

from geomap.pipeline import parse_text


def claims(text, resources):
    return parse_text(text, None, resources).claims


def test_border_length_claims(resources):
    [claim] = claims("Tajikistan's border with Afghanistan stretches for 1,344 km along mountains.", resources)
    assert (claim.kind, claim.stated_km, claim.subject, claim.verdict) == ("border_length", 1344.0, "TJK-AFG", "consistent")
    assert abs(claim.computed_km - 1362.3) < 5
    [miles] = claims("Tajikistan shares an 843 miles long border with Afghanistan.", resources)
    assert abs(miles.stated_km - 1356.7) < 0.1 and miles.verdict == "consistent"
    [wrong] = claims("Uzbekistan has a 500 km border with Afghanistan.", resources)
    assert wrong.subject == "UZB-AFG" and wrong.verdict == "inconsistent" and wrong.computed_km < 200


def test_distance_to_border_claims(resources):
    [near] = claims("Kulob, some 30 km from the Afghan border, hosts a garrison.", resources)
    assert near.kind == "distance_to_border" and near.subject.startswith("Kul") and near.verdict == "consistent"
    [far] = claims("Dushanbe lies 20 km from the Afghan border.", resources)
    assert far.verdict == "inconsistent" and far.computed_km > 100 and far.tolerance_km < 30


def test_uncertain_sites_cannot_be_checked(resources):
    [claim] = claims("Troops reached the Harb-Maidon training ground, 20 km from the Tajik-Afghan border.", resources)
    assert claim.verdict == "cannot check" and "uncertain" in claim.reason


def test_distance_between_places(resources):
    [claim] = claims("Kulob lies 400 km from Dushanbe.", resources)
    assert claim.kind == "distance_between" and claim.verdict == "inconsistent"
    assert 90 < claim.computed_km < 140


def test_claims_reach_the_outputs(seed_build):
    summary, out = seed_build
    assert summary.claims.get("consistent", 0) >= 2
    rows = (out / "claims.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("article_id,kind,text,stated_value")
    assert len(rows) - 1 == sum(summary.claims.values())


def test_the_border_pair_can_come_from_the_article(resources):
    text = "Tajik and Afghan officials met. The border between the two countries runs for 1,400 km."
    [claim] = claims(text, resources)
    assert claim.subject == "TJK-AFG" and claim.verdict == "consistent" and "elsewhere in the article" in claim.reason


def test_vague_places_cannot_confirm_a_precise_distance(resources):
    [claim] = claims("Rockets landed near the Amu Darya river, about 3 km from the Hairatan crossing.", resources)
    assert claim.verdict == "cannot check"


def test_a_distance_to_the_border_is_not_read_as_a_border_length(resources):
    from geomap.pipeline import parse_text

    text = " date 2021-10-20 Russian troops train at Harb-Maidon, 20 km from the border with Afghanistan."
    kinds = [c.kind for c in parse_text(text, resources=resources).claims]
    assert kinds == ["distance_to_border"]
    text = " date 2021-10-20 Tajikistan shares a winding 1,350-kilometre border with Afghanistan."
    assert [(c.kind, c.verdict) for c in parse_text(text, resources=resources).claims] == [("border_length", "consistent")]
