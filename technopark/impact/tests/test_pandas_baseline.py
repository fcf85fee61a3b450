"""The pandas baseline of bench/bilan_pandas.py computes the spec's figures: on the sample
network it gives expected.json, with integer ids and with text ids (so comparing the API
with it compares the same work)."""

from bench.bilan_pandas import check_sample


def test_pandas_baseline_gives_the_samples_expected_network_figures(capsys):
    assert check_sample() == 0
    assert capsys.readouterr().out.count(": same") == 4
