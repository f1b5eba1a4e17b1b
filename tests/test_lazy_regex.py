"""Vocabulary patterns survive the disk cache uncompiled and answer as re.Pattern does."""

import pickle
import re

from geomap.events.lazy_regex import LazyPattern


def test_a_pickled_pattern_is_compiled_on_first_use_and_matches_as_re_does():
    lazy = LazyPattern(r"\bfired? (?:on|at)\b", re.IGNORECASE, re.compile(r"\bfired? (?:on|at)\b", re.IGNORECASE))
    loaded = pickle.loads(pickle.dumps(lazy))
    assert loaded._compiled is None and loaded == lazy
    text = "Gunmen FIRED ON the post, then fire at will."
    plain = re.compile(lazy.pattern, re.IGNORECASE)
    assert loaded.search(text).span() == plain.search(text).span()
    assert [m.span() for m in loaded.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert loaded.match(text) is None and loaded.match(text, 7).group() == "FIRED ON"
    assert loaded._compiled is not None


def test_the_loaded_vocabulary_keeps_its_patterns_uncompiled_until_used(resources):
    trigger = next(t for t in resources.lexicon.triggers if isinstance(t.pattern, LazyPattern))
    assert pickle.loads(pickle.dumps(trigger.pattern))._compiled is None
