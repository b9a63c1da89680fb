"""budgetlint.nlp.readers.numfmt: a cell's value and number format code -> the text Excel
shows (General, placeholders, grouping and scaling, percent, scientific, sections for
negative and zero, literals, currency tags, text sections, dates and times), and the
fallback to General for formats beyond the model."""

from __future__ import annotations

import datetime as dt

import pytest

from budgetlint.nlp.readers.numfmt import format_value

ACCOUNTING = '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ '


@pytest.mark.parametrize(
    "value, fmt, shown",
    [
        (10.0, "General", "10"),  # an integral float without decimals
        (10.0, "G/通用格式", "10"),  # the Chinese name of General
        (7, None, "7"),  # no format is General
        (7, "", "7"),
        (0.1 + 0.2, "General", "0.3"),  # 15 significant digits
        (12345678901234567.0, "General", "1.23456789012346E+16"),
        (1e20, "General", "1E+20"),
        (1.5e-7, "General", "1.5E-07"),  # a two-digit exponent
        (float("nan"), "General", "#NUM!"),
        (True, "0.00", "TRUE"),  # booleans ignore the format
    ],
)
def test_general(value, fmt, shown):
    assert format_value(value, fmt) == shown


@pytest.mark.parametrize(
    "value, fmt, shown",
    [
        (0.6875, "0.00", "0.69"),
        (2.675, "0.00", "2.68"),  # half away from zero on 15 digits, not binary
        (-3, "0.0", "-3.0"),
        (-0.004, "0.00", "0.00"),  # a value rounded to zero loses its sign
        (0.25, "#.##", ".25"),  # '#' shows no leading zero
        (0.0, "#.##", "."),
        (5.0, "0.0#", "5.0"),  # optional decimals dropped when zero
        (5.1, "0.0#", "5.1"),
        (5.0, "00000", "00005"),  # zero padding
        (1234.5, "#,##0.00", "1,234.50"),  # thousands separator
        (-1234.5, "#,##0.00", "-1,234.50"),
        (1234567.891, "#,##0", "1,234,568"),
        (1234567, "#,##0,", "1,235"),  # a trailing comma divides by 1000
        (1234567, "0.0,,", "1.2"),
        (0.9925, "0.00%", "99.25%"),
        (0.5, "0%", "50%"),
        (0.5, "0.0%%", "5000.0%%"),  # each % multiplies by 100
    ],
)
def test_placeholders(value, fmt, shown):
    assert format_value(value, fmt) == shown


@pytest.mark.parametrize(
    "value, fmt, shown",
    [
        (12345.678, "0.00E+00", "1.23E+04"),
        (0.000123, "0.0E+00", "1.2E-04"),
        (12345.678, "##0.0E+0", "1.2E+04"),
    ],
)
def test_scientific(value, fmt, shown):
    assert format_value(value, fmt) == shown


@pytest.mark.parametrize(
    "value, fmt, shown",
    [
        (-5, "0.00;(0.00)", "(5.00)"),  # the negative section writes its own sign
        (-5, "0.00;[Red]-0.00", "-5.00"),
        (0, '0.00;-0.00;"零"', "零"),  # the zero section
        (0, '0;-0;"-"', "-"),
        (0, ACCOUNTING, "-"),  # accounting: a literal "-" for zero
        (1234.5, ACCOUNTING, "1,234.50"),  # padding (_x, *x) adds no text
        (-1234.5, ACCOUNTING, "-1,234.50"),
        (-5, '"a";"b"', "b"),
        (5, '"only"', "only"),  # literal text only
        (-5, '"only"', "-only"),  # one section: the sign is added
    ],
)
def test_sections(value, fmt, shown):
    assert format_value(value, fmt) == shown


@pytest.mark.parametrize(
    "value, fmt, shown",
    [
        (1234.5, "[$¥-804]#,##0.00", "¥1,234.50"),  # currency tag
        (1234.5, '"¥"#,##0.00', "¥1,234.50"),
        (1234.5, '#,##0.00"万元"', "1,234.50万元"),
        (1234.5, "0.00\\元", "1234.50元"),  # escaped character
        (12.5, "0.00*x", "12.50"),  # fill
        (5, "@", "5"),  # a text section shows the number as General
        (5, '@"元"', "5元"),
        (5, 'General"元"', "5元"),
        (-5, 'General;General"负"', "5负"),
    ],
)
def test_literals(value, fmt, shown):
    assert format_value(value, fmt) == shown


@pytest.mark.parametrize(
    "value, fmt, shown",
    [
        (0.5, "# ?/?", "0.5"),  # fractions
        (5, "[DBNum1]G/通用格式", "5"),  # Chinese numerals
        (5, "[>100]0.0;0.00", "5"),  # conditions
        (1e300, "0.00", "1E+300"),  # beyond decimal precision
        (float("inf"), "0.00", "#NUM!"),
    ],
)
def test_formats_beyond_the_model_fall_back_to_general(value, fmt, shown):
    assert format_value(value, fmt) == shown


D = dt.datetime(2023, 3, 5, 14, 7, 9)


@pytest.mark.parametrize(
    "value, fmt, shown",
    [
        (D, 'yyyy"年"m"月"d"日"', "2023年3月5日"),
        (D, "yyyy/m/d h:mm:ss", "2023/3/5 14:07:09"),  # m after h is minutes
        (D, "yy-mm-dd hh:mm AM/PM", "23-03-05 02:07 PM"),
        (dt.datetime(2023, 3, 5, 9, 7, 9), "h:mm A/P", "9:07 A"),
        (dt.datetime(2023, 3, 5), "mmmm d, yyyy", "March 5, 2023"),
        (dt.datetime(2023, 3, 5), "mmm dd ddd dddd", "Mar 05 Sun Sunday"),
        (dt.datetime(2023, 3, 5), "aaaa aaa", "星期日 日"),
        (dt.datetime(2023, 3, 5), "e年m月", "2023年3月"),
        (dt.datetime(2023, 3, 5, 1, 2, 3, 456000), "hh:mm:ss.00", "01:02:03.46"),
        (dt.datetime(2023, 3, 5), '[$-804]yyyy"年"m"月";@', "2023年3月"),
        (dt.time(13, 4, 5), "h:mm", "13:04"),
        (dt.time(13, 4, 5), "[h]:mm:ss", "13:04:05"),
        (dt.timedelta(hours=30, minutes=5, seconds=7), "[h]:mm:ss", "30:05:07"),
    ],
)
def test_dates(value, fmt, shown):
    assert format_value(value, fmt) == shown


@pytest.mark.parametrize(
    "value, fmt, shown",
    [
        (dt.datetime(2023, 3, 5), "General", "2023-03-05"),
        (dt.datetime(2023, 3, 5, 1, 2), "General", "2023-03-05 01:02:00"),
        (dt.date(2023, 3, 5), "0.00", "2023-03-05"),
        (dt.datetime(2023, 3, 5), None, "2023-03-05"),
        (dt.time(1, 2), None, "01:02:00"),
    ],
)
def test_a_date_without_date_codes_reads_iso(value, fmt, shown):
    assert format_value(value, fmt) == shown


def test_a_value_no_number_format_applies_to_is_none():
    assert format_value("12", "0.00") is None
    assert format_value(3 + 0j, None) is None
