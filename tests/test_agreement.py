"""Agreement between encodings: kappa and alpha against textbook values."""

from __future__ import annotations

import pytest

from coopscore.core.agreement import cohen_kappa, krippendorff_alpha


def test_cohen_kappa_matches_a_worked_example() -> None:
    # 50 items: both yes 20, both no 15, first yes second no 5, first no second yes 10
    first = ["y"] * 20 + ["n"] * 15 + ["y"] * 5 + ["n"] * 10
    second = ["y"] * 20 + ["n"] * 15 + ["n"] * 5 + ["y"] * 10
    # p_o = 0.7; p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = 0.4
    assert cohen_kappa(first, second) == pytest.approx(0.4)


def test_kappa_is_one_for_perfect_agreement_and_undefined_without_variation() -> None:
    assert cohen_kappa(["a", "b", "a"], ["a", "b", "a"]) == pytest.approx(1.0)
    assert cohen_kappa(["a", "a"], ["a", "a"]) is None


def test_krippendorff_alpha_matches_the_published_nominal_example() -> None:
    """Krippendorff (2011), 'Computing Krippendorff's alpha-reliability', nominal data:
    four coders, twelve units, missing values left out; alpha = 0.743."""
    table = [
        [1, 1, None, 1],
        [2, 2, 3, 2],
        [3, 3, 3, 3],
        [3, 3, 3, 3],
        [2, 2, 2, 2],
        [1, 2, 3, 4],
        [4, 4, 4, 4],
        [1, 1, 2, 1],
        [2, 2, 2, 2],
        [None, 5, 5, 5],
        [None, None, 1, 1],
        [None, None, 3, None],
    ]
    units = [[str(v) for v in row if v is not None] for row in table]
    assert krippendorff_alpha(units) == pytest.approx(0.743, abs=0.001)


def test_alpha_and_kappa_agree_in_direction() -> None:
    same = [["met", "met"], ["unmet", "unmet"], ["met", "met"]]
    split = [["met", "unmet"], ["unmet", "met"], ["met", "met"]]
    assert krippendorff_alpha(same) == pytest.approx(1.0)
    low = krippendorff_alpha(split)
    assert low is not None and low < 0.5


def test_the_strongest_signal_both_files_state_decides() -> None:
    from coopscore.core.cluster import Cluster, Member, check, normal
    from coopscore.model.scenario import LocalizedText

    assert normal("Hubei Province") == normal("hubei-province") == "hubeiprovince"
    wuhan = Member("wuhan", LocalizedText(en="Wuhan", zh="武汉"))
    changsha = Member("changsha", "Changsha")
    a = Cluster("a.yaml", "mr", "Middle Reaches", (wuhan, changsha))
    b = Cluster(
        "b.yaml", "other-id", "Another name", (Member("wh", "武汉"), Member("changsha", None))
    )
    c = Cluster("c.yaml", "mr", "Middle Reaches", (wuhan,))
    d = Cluster("d.yaml", "mr", None, None)
    (same,) = check([a, b]).pairs
    assert (same.basis, same.same, same.common) == ("members", True, 2)  # id and name ignored
    (sub,) = check([a, c]).pairs  # a sub-cluster is not its parent
    assert (sub.basis, sub.same, sub.only_first, sub.only_other) == (
        "members",
        False,
        ("changsha",),
        (),
    )
    (by_id,) = check([a, d]).pairs
    assert (by_id.basis, by_id.same) == ("id", True)
    (unchecked,) = check([d, Cluster("e.yaml", None, None, None)]).pairs
    assert (unchecked.basis, unchecked.same) == (None, True)  # unknown is not a difference
