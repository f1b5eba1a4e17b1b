"""The repository keeps its promises: README's commands are the ones CI runs."""

import re

from conftest import ROOT


def readme_commands():
    return re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"))


def test_ci_runs_the_readme_test_command_verbatim():
    commands = readme_commands()
    assert commands[0] == "pip install -e . && geomap build"
    test_command = commands[1]
    assert "pytest" in test_command
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


def test_derived_data_has_a_rebuild_script_and_a_source_note():
    for folder, script in (("boundaries", "build_boundaries.py"), ("gazetteer", "build_country_gazetteer.py")):
        assert (ROOT / "scripts" / script).exists()
        assert (ROOT / "data" / folder / "README.md").exists()
    assert (ROOT / "data" / "lexicon" / "README.md").exists()
