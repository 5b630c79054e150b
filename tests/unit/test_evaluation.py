from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsmon.cli import main
from newsmon.extract.evaluation import entity_key, evaluate, figure_key, format_report, match_figures


def _fig(action: str, value: float, **extra: object) -> dict[str, object]:
    return {"action": action, "measure": extra.pop("measure", "count"), "unit": extra.pop("unit", "person"),
            "value": value, **extra}


def test_figure_key_uses_the_currency_for_amounts() -> None:
    assert figure_key(_fig("seize", 5, measure="amount", unit="money", currency="usd")) == ("seize", "amount", "USD")
    assert figure_key(_fig("Arrest", 5, unit="Person")) == ("arrest", "count", "person")


def test_match_figures_pairs_exact_values_before_near_ones() -> None:
    gold = [_fig("arrest", 1000), _fig("arrest", 1004)]
    predicted = [_fig("arrest", 1004), _fig("arrest", 1000)]
    assert sorted(match_figures(gold, predicted)) == [(0, 1), (1, 0)]


def test_match_figures_needs_the_same_key_and_half_a_percent() -> None:
    gold = [_fig("arrest", 1000), _fig("charge", 50)]
    assert match_figures(gold, [_fig("arrest", 1005)]) == [(0, 0)]
    assert match_figures(gold, [_fig("arrest", 1006)]) == []
    assert match_figures(gold, [_fig("arrest", 50)]) == []
    assert match_figures([_fig("arrest", 7)], [_fig("arrest", 7), _fig("arrest", 7)]) == [(0, 0)]


@pytest.mark.parametrize(("entity", "key"), [
    ({"type": "loc", "name": "Shandong Province"}, ("LOC", "shandong")),
    ({"type": "ORG", "name": "the  Supreme People's Court"}, ("ORG", "supreme people's court")),
    ({"type": "ORG", "name": "Europol's"}, ("ORG", "europol")),
    ({"type": "ORG", "name": "New York State"}, ("ORG", "new york state")),
])
def test_entity_key_normalises_names_like_the_contract(entity: dict[str, str], key: tuple[str, str]) -> None:
    assert entity_key(entity) == key


def test_evaluate_counts_figures_entities_and_attributes() -> None:
    gold = {
        "a": {"figures": [_fig("arrest", 70, bound="more_than", period_start="2024-01-01", period_end="2024-12-31"),
                          _fig("charge", 12, crime_category="fraud")],
              "entities": [{"type": "PERSON", "name": "Ada Obi"}, {"type": "LOC", "name": "Lagos State"}]},
        "b": {"figures": [_fig("seize", 3, measure="weight", unit="kg")], "entities": []},
    }
    predicted = {
        "a": {"figures": [_fig("arrest", 70, period_start="2024-01-01", period_end="2024-12-31"),
                          _fig("charge", 12, crime_category="drugs"), _fig("fine", 9)],
              "entities": [{"type": "PERSON", "name": "ada obi"}, {"type": "LOC", "name": "Lagos"},
                           {"type": "ORG", "name": "Police"}]},
    }
    report = evaluate(gold, predicted)
    assert (report.figures.tp, report.figures.fp, report.figures.fn) == (2, 1, 1)
    assert (report.entities.tp, report.entities.fp, report.entities.fn) == (2, 1, 0)
    assert report.attributes["bound"] == (1, 2)          # "more_than" predicted as exact
    assert report.attributes["period"] == (1, 1)
    assert report.attributes["crime_category"] == (0, 1)
    assert report.by_action["seize"].fn == 1 and report.by_action["fine"].fp == 1
    assert [doc for doc, _ in report.missed] == ["b"]
    text = format_report(report, docs_per_second=123.4)
    assert "figures:  P 0.667  R 0.667  F1 0.667  (tp 2, fp 1, fn 1)" in text
    assert "speed: 123.4 documents/second" in text
    assert text.splitlines()[-1] == "summary: figure_f1=0.667 entity_f1=0.800"


def test_evaluate_command_prints_scores_and_speed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs, gold = tmp_path / "d.docs.jsonl", tmp_path / "d.gold.jsonl"
    docs.write_text('{"id": "x", "url": null, "title": "t", "published": "2024-05-02", '
                    '"text": "Police in Accra arrested 42 people on Tuesday."}\n', encoding="utf-8")
    gold.write_text('{"id": "x", "figures": [{"action": "arrest", "measure": "count", "unit": "person", '
                    '"value": 42, "bound": "exact"}], "entities": [{"type": "LOC", "name": "Accra"}]}\n',
                    encoding="utf-8")
    assert main(["evaluate", "--docs", str(docs), "--gold", str(gold)]) == 0
    out = capsys.readouterr().out
    assert "figures:  P 1.000  R 1.000  F1 1.000" in out and "documents/second" in out


def test_evaluate_command_scores_several_sets_each_on_its_own(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    for name, number in (("one", 42), ("two", 7)):
        (tmp_path / f"{name}.docs.jsonl").write_text(
            f'{{"id": "{name}", "published": null, "text": "Police arrested {number} people."}}\n', encoding="utf-8")
        (tmp_path / f"{name}.gold.jsonl").write_text(
            f'{{"id": "{name}", "figures": [{{"action": "arrest", "measure": "count", "unit": "person", '
            f'"value": {number + 1}, "bound": "exact"}}], "entities": []}}\n', encoding="utf-8")
    docs = [str(tmp_path / "one.docs.jsonl"), str(tmp_path / "two.docs.jsonl")]
    assert main(["evaluate", "--docs", docs[0], "--docs", docs[1]]) == 0    # gold files found beside them
    out = capsys.readouterr().out
    assert out.count("figures:  P 0.000  R 0.000  F1 0.000") == 2 and f"== {docs[1]}" in out
    assert main(["evaluate", "--docs", docs[0], "--docs", docs[1], "--gold", docs[0]]) == 2
    assert "2 --docs but 1 --gold" in capsys.readouterr().err


@pytest.mark.shared
def test_evaluate_agrees_with_the_reference_scorer_on_dev(shared_dir: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    evaluation = shared_dir / "eval"
    predictions = tmp_path / "dev.pred.jsonl"
    assert main(["evaluate", "--docs", str(evaluation / "dev.docs.jsonl"), "--gold",
                 str(evaluation / "dev.gold.jsonl"), "--predictions", str(predictions)]) == 0
    ours = capsys.readouterr().out.splitlines()
    reference = subprocess.run([sys.executable, str(evaluation / "score.py"), str(evaluation / "dev.gold.jsonl"),
                                str(predictions)], capture_output=True, text=True, check=True).stdout.splitlines()
    for prefix in ("figures:", "entities:", "summary:"):
        assert [line for line in ours if line.startswith(prefix)] == [
            line for line in reference if line.startswith(prefix)]
    for name in ("bound", "crime_category", "period"):
        (theirs,) = [line for line in reference if line.strip().startswith(f"{name} accuracy")]
        (mine,) = [line for line in ours if line.strip().startswith(name + " ")]
        assert theirs.split()[-1] == mine.split()[1]
