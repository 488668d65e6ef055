from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from extractor.errors import ConfigurationError
from extractor.templates import default_prompt_dir, load_prompts


@pytest.fixture
def prompt_dir(tmp_path: Path) -> Path:
    target = tmp_path / "prompts"
    shutil.copytree(default_prompt_dir(), target)
    return target


def test_render_puts_the_article_and_date_in_the_user_message() -> None:
    prompts = load_prompts()
    messages = prompts.render("Shelling hit Idlib.", published="2017-09-28", title="T")
    assert [m["role"] for m in messages] == ["system", "user"]
    assert "Shelling hit Idlib." in messages[1]["content"]
    assert "Publication date: 2017-09-28" in messages[1]["content"]
    assert '"deny": rejects an allegation' in messages[0]["content"].replace("- ", "")


def test_version_is_stable_and_changes_with_any_template(prompt_dir: Path) -> None:
    before = load_prompts(prompt_dir).version
    assert load_prompts(prompt_dir).version == before
    system = prompt_dir / "system.j2"
    system.write_text(system.read_text(encoding="utf-8") + "\nBe brief.\n", encoding="utf-8")
    assert load_prompts(prompt_dir).version != before


def test_example_whose_evidence_is_not_in_its_text_is_rejected(prompt_dir: Path) -> None:
    path = prompt_dir / "examples.json"
    examples = json.loads(path.read_text(encoding="utf-8"))
    examples[0]["output"]["statements"][0]["evidence"] = "A sentence the example never says."
    path.write_text(json.dumps(examples), encoding="utf-8")
    with pytest.raises(ConfigurationError, match="evidence not found"):
        load_prompts(prompt_dir)


def test_invalid_example_is_rejected(prompt_dir: Path) -> None:
    path = prompt_dir / "examples.json"
    examples = json.loads(path.read_text(encoding="utf-8"))
    examples[0]["output"]["incidents"][0]["event_type"] = "picnic"
    path.write_text(json.dumps(examples), encoding="utf-8")
    with pytest.raises(ConfigurationError, match="not a valid draft"):
        load_prompts(prompt_dir)


def test_templates_render_in_a_sandbox(prompt_dir: Path) -> None:
    (prompt_dir / "user.j2").write_text(
        "{{ text.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8"
    )
    with pytest.raises(ConfigurationError, match="template"):
        load_prompts(prompt_dir)


def test_undefined_variables_fail_at_load_time(prompt_dir: Path) -> None:
    (prompt_dir / "user.j2").write_text("{{ article_body }}", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="article_body"):
        load_prompts(prompt_dir)
