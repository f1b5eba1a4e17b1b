"""Functions stay small: no function in ``geomap/`` above cyclomatic complexity 20 as radon
measures it (boolean operators and comprehension conditions count, so it is stricter than
ruff's McCabe limit in ``pyproject.toml``)."""

from radon.complexity import cc_visit
from radon.visitors import Function

from conftest import ROOT

MAX_COMPLEXITY = 20


def _functions(blocks):
    """Every function, method and nested function of radon's blocks (radon counts a nested
    function apart from the one around it)."""
    for block in blocks:
        if isinstance(block, Function):
            yield block
            yield from _functions(block.closures)
        else:
            yield from _functions(block.methods)


def test_no_function_above_complexity_20():
    package = ROOT / "geomap"
    too_complex = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package)
        for function in _functions(cc_visit(path.read_text(encoding="utf-8"))):
            if function.complexity > MAX_COMPLEXITY:
                too_complex.append(f"geomap/{relative.as_posix()}:{function.lineno} {function.fullname} ({function.complexity})")
    assert not too_complex, f"above complexity {MAX_COMPLEXITY}: split them into named helpers\n" + "\n".join(too_complex)
