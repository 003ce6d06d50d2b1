"""Appendix 1, hepatitis B and C: numbers of tests.

``…_by_year`` arguments are yearly counts whose exact mean is used; a single
value is taken as an already-computed mean (docs/interpretation.md, H1).
Tests round **up**.
"""

from __future__ import annotations

from typing import Any

from xl_addin.core import coefficients as k
from xl_addin.core.numbers import count, mean_of_counts, round_up


def hbv_screen_volume(hiv_examined_by_year: Any) -> int:
    """Hepatitis B, 1: screening, mean of persons examined for HIV over 5 years (2001–2005) + 16 %.

    >>> hbv_screen_volume([1000, 1000, 1000, 1000, 1001])  # mean 1000,2 × 1,16 = 1160,232 → 1161
    1161
    """
    mean = mean_of_counts(hiv_examined_by_year, "hiv_examined_by_year")
    return round_up(mean + mean * k.HBV_SCREEN_EXTRA.value)


def hcv_screen_volume(hiv_examined_by_year: Any) -> int:
    """Hepatitis C, 1: screening, mean of persons examined for HIV over 5 years (2001–2005) + 16 %.

    >>> hcv_screen_volume(1000)  # 1000 × 1,16 = 1160
    1160
    """
    mean = mean_of_counts(hiv_examined_by_year, "hiv_examined_by_year")
    return round_up(mean + mean * k.HCV_SCREEN_EXTRA.value)


def hbv_confirm_volume(hiv_examined_by_year: Any) -> int:
    """Hepatitis B, 2: confirmatory tests, 5 % of the 5-year mean of persons examined for HIV.

    >>> hbv_confirm_volume([101, 101, 101, 101, 101])  # 101 × 0,05 = 5,05 → 6
    6
    """
    return round_up(mean_of_counts(hiv_examined_by_year, "hiv_examined_by_year") * k.HBV_CONFIRM_SHARE.value)


def hcv_confirm_volume(hiv_examined_by_year: Any) -> int:
    """Hepatitis C, 2: confirmatory tests, 2,5 % of the 5-year mean of persons examined for HIV.

    >>> hcv_confirm_volume(1000)  # 1000 × 0,025 = 25
    25
    """
    return round_up(mean_of_counts(hiv_examined_by_year, "hiv_examined_by_year") * k.HCV_CONFIRM_SHARE.value)


def hbv_pcr_qual_volume(newly_registered: Any) -> int:
    """Hepatitis B, 3: qualitative PCR, one per patient newly put on dispensary registration.

    >>> hbv_pcr_qual_volume(42)
    42
    """
    return count(newly_registered, "newly_registered")


def hbv_pcr_quant_volume(newly_registered: Any, treated: Any) -> int:
    """Hepatitis B, 4: quantitative PCR, one at registration + 2 a year for each treated patient.

    >>> hbv_pcr_quant_volume(40, 10)  # 40 + 2 × 10 = 60
    60
    """
    return count(newly_registered, "newly_registered") + round_up(
        count(treated, "treated") * k.HBV_PCR_QUANT_PER_TREATED.value
    )


def anti_hbc_igm_volume(acute_hepatitis_by_year: Any, chronic_hbv_registered: Any) -> int:
    """Hepatitis B, 5: IgM anti-HBc, (3-year mean of acute viral hepatitis + chronic HBV registered) + 6 %.

    >>> anti_hbc_igm_volume([100, 110, 120], 50)  # (110 + 50) × 1,06 = 169,6 → 170
    170
    """
    base = mean_of_counts(acute_hepatitis_by_year, "acute_hepatitis_by_year") + count(
        chronic_hbv_registered, "chronic_hbv_registered"
    )
    return round_up(base + base * k.ANTI_HBC_IGM_EXTRA.value)


def hbv_marker_volume(hbsag_positive: Any) -> int:
    """Hepatitis B, 5: each of HBeAg, anti-HBe, anti-delta, anti-HBdelta — HBsAg-positive patients + 6 %.

    >>> hbv_marker_volume(50)  # 50 × 1,06 = 53
    53
    """
    patients = count(hbsag_positive, "hbsag_positive")
    return round_up(patients + patients * k.HBV_MARKER_EXTRA.value)


def anti_hav_igm_volume(acute_hepatitis_by_year: Any) -> int:
    """Hepatitis B section, 5: IgM anti-HAV — 6-year mean (2000–2005) of acute viral hepatitis + 6 %.

    >>> anti_hav_igm_volume([100, 100, 100, 100, 100, 101])  # 100,1666… × 1,06 = 106,17… → 107
    107
    """
    mean = mean_of_counts(acute_hepatitis_by_year, "acute_hepatitis_by_year")
    return round_up(mean + mean * k.ANTI_HAV_IGM_EXTRA.value)


def hcv_pcr_qual_volume(newly_registered: Any, treated: Any) -> int:
    """Hepatitis C, 3: qualitative PCR, one at registration + twice for 70 % of treated patients.

    >>> hcv_pcr_qual_volume(10, 5)  # 10 + 2 × 0,7 × 5 = 17
    17
    >>> hcv_pcr_qual_volume(0, 1)  # 1,4 → 2
    2
    """
    return round_up(
        count(newly_registered, "newly_registered")
        + k.HCV_PCR_QUAL_TIMES.value * k.HCV_PCR_QUAL_TREATED_SHARE.value * count(treated, "treated")
    )


def hcv_pcr_quant_volume(starting_treatment: Any, treated: Any) -> int:
    """Hepatitis C, 4: quantitative PCR, one before treatment + 3 a year for each treated patient.

    >>> hcv_pcr_quant_volume(20, 30)  # 20 + 3 × 30 = 110
    110
    """
    return count(starting_treatment, "starting_treatment") + round_up(
        count(treated, "treated") * k.HCV_PCR_QUANT_PER_TREATED.value
    )


def hcv_genotyping_volume(starting_treatment: Any) -> int:
    """Hepatitis C, 5: PCR genotyping, one for every patient before treatment.

    >>> hcv_genotyping_volume(20)
    20
    """
    return count(starting_treatment, "starting_treatment")
