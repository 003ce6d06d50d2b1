"""Appendix 1, hepatitis B and C: hand-worked values."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from xl_addin.core import hepatitis

FIVE_YEARS = [1000, 1000, 1000, 1000, 1001]  # mean 5001 / 5 = 1000,2


@pytest.mark.parametrize(
    ("function", "args", "expected"),
    [
        # screening: mean × 1,16
        (hepatitis.hbv_screen_volume, (FIVE_YEARS,), 1161),  # 1000,2 × 1,16 = 1160,232 → 1161
        (hepatitis.hcv_screen_volume, (FIVE_YEARS,), 1161),
        (hepatitis.hbv_screen_volume, (1000,), 1160),  # one number = the mean: 1160 exactly
        (hepatitis.hcv_screen_volume, (1234.4,), 1432),  # a mean may be fractional: 1431,904 → 1432
        (hepatitis.hbv_screen_volume, ([25, 25],), 29),  # 25 × 1,16 = 29 (float: 28.999999999999996)
        # confirmation: mean × 0,05 (B) and × 0,025 (C)
        (hepatitis.hbv_confirm_volume, ([101] * 5,), 6),  # 5,05 → 6
        (hepatitis.hbv_confirm_volume, (FIVE_YEARS,), 51),  # 50,01 → 51
        (hepatitis.hcv_confirm_volume, (1000,), 25),  # 25 exactly
        (hepatitis.hcv_confirm_volume, ([1000, 1000, 1000, 1000, 1040],), 26),  # mean 1008 → 25,2 → 26
        # PCR
        (hepatitis.hbv_pcr_qual_volume, (42,), 42),
        (hepatitis.hbv_pcr_quant_volume, (40, 10), 60),  # 40 + 2 × 10
        (hepatitis.hcv_pcr_qual_volume, (10, 5), 17),  # 10 + 2 × 0,7 × 5 = 17
        (hepatitis.hcv_pcr_qual_volume, (0, 1), 2),  # 1,4 → 2
        (hepatitis.hcv_pcr_qual_volume, (0, 45), 63),  # 2 × 0,7 × 45 = 63 (float: 62.99999999999999)
        (hepatitis.hcv_pcr_quant_volume, (20, 30), 110),  # 20 + 3 × 30
        (hepatitis.hcv_genotyping_volume, (20,), 20),
        # markers: + 6 %
        (hepatitis.anti_hbc_igm_volume, ([100, 110, 120], 50), 170),  # (110 + 50) × 1,06 = 169,6 → 170
        (hepatitis.anti_hbc_igm_volume, ([1, 1, 2], 0), 2),  # 4/3 × 1,06 = 1,4133… → 2
        (hepatitis.hbv_marker_volume, (50,), 53),  # 53 exactly
        (hepatitis.hbv_marker_volume, (51,), 55),  # 54,06 → 55
        (hepatitis.anti_hav_igm_volume, ([100, 100, 100, 100, 100, 101],), 107),  # 100,1666… × 1,06 → 107
        (hepatitis.anti_hav_igm_volume, ([0] * 6,), 0),
    ],
)
def test_hepatitis_volumes(function: Callable[..., int], args: tuple[Any, ...], expected: int) -> None:
    assert function(*args) == expected


def test_a_two_dimensional_range_is_read_row_by_row() -> None:
    # Excel may pass a 5×1 column as [[a], [b], …]: the same numbers, the same mean
    assert hepatitis.hbv_screen_volume([[1000], [1000], [1000], [1000], [1001]]) == 1161
