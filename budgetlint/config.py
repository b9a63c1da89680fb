"""Configuration: ``[tool.budgetlint]`` in pyproject.toml, or a budgetlint.toml.

The nearest file found from the current directory upwards wins (budgetlint.toml before
pyproject.toml in the same directory; a pyproject.toml without ``[tool.budgetlint]`` is
skipped); only that file is read, and command-line options override it.

    [tool.budgetlint]
    select = ["DEV", "SEC001"]      # codes or prefixes; empty = every rule
    ignore = ["BPL001"]
    min-severity = "warning"        # info | warning | error

    [tool.budgetlint.rules.BPL001]
    report-optional = true

Every ``rules.CODE`` table must name a registered rule, and its keys must be that rule's
options, each of the type of its default (an integer is accepted for a float); anything
else is a :class:`ConfigError`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from budgetlint.rules.base import Severity


class ConfigError(Exception):
    pass


@dataclass
class Config:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    min_severity: Severity = Severity.info
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    source: str | None = None


def find_config(start: Path) -> Path | None:
    for d in [start, *start.parents]:
        bl = d / "budgetlint.toml"
        if bl.is_file():
            return bl
        pp = d / "pyproject.toml"
        if pp.is_file():
            try:
                data = tomllib.loads(pp.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
                continue
            if "budgetlint" in data.get("tool", {}):
                return pp
    return None


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """Read the configuration file (given, or found from ``start``); defaults if none."""
    if path is None:
        path = find_config(start or Path.cwd())
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: 配置文件不存在") from None
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取配置文件：{exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: 配置文件格式错误：{' '.join(str(exc).split())}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("budgetlint", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.budgetlint] 应为表")
        return _from_table(data, str(path), "tool.budgetlint.")
    return _from_table(data, str(path), "")


def _str_list(value: Any, key: str, source: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(f"{source}: {key} 应为字符串列表")


_TYPE_NAMES = {bool: "布尔值（true/false）", int: "整数", float: "数字", str: "字符串"}


def _type_ok(value: Any, default: Any) -> bool:
    """Whether ``value`` has the type of ``default`` (bool, int, float or str; an int is
    accepted where a float is expected, a bool never stands for a number)."""
    want = type(default)
    if want is bool:
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if want is float:
        return isinstance(value, (int, float))
    if want in (int, str):
        return type(value) is want
    return isinstance(value, want)


def _rule_options(rules: Any, source: str, prefix: str) -> dict[str, dict[str, Any]]:
    from budgetlint.rules import get_rule

    if not isinstance(rules, dict):
        raise ConfigError(f"{source}: {prefix}rules 应为表")
    out: dict[str, dict[str, Any]] = {}
    for code, opts in rules.items():
        where = f"[{prefix}rules.{code}]"
        rule = get_rule(code)
        if rule is None:
            raise ConfigError(f"{source}: {where}：没有规则 {code}（用 budgetlint rules 查看全部）")
        if not isinstance(opts, dict):
            raise ConfigError(f"{source}: {prefix}rules.{code} 应为表（{where}）")
        for key, value in opts.items():
            if key not in rule.options:
                known = "、".join(rule.options) or "无"
                raise ConfigError(f"{source}: {where}：未知选项 {key}（{rule.code} 的选项：{known}）")
            default = rule.options[key]
            if not _type_ok(value, default):
                want = _TYPE_NAMES.get(type(default), type(default).__name__)
                raise ConfigError(f"{source}: {where} {key} 应为{want}，而不是 {value!r}")
        out.setdefault(rule.code, {}).update(opts)
    return out


def _from_table(data: dict[str, Any], source: str, prefix: str = "") -> Config:
    cfg = Config(source=source)
    known = {"select", "ignore", "min-severity", "rules"}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"{source}: 未知配置项 {', '.join(sorted(unknown))}")
    if "select" in data:
        cfg.select = _str_list(data["select"], "select", source)
    if "ignore" in data:
        cfg.ignore = _str_list(data["ignore"], "ignore", source)
    if "min-severity" in data:
        value = data["min-severity"]
        try:
            if not isinstance(value, str):
                raise ValueError
            cfg.min_severity = Severity.parse(value)
        except ValueError:
            raise ConfigError(f"{source}: min-severity 应为 info、warning 或 error，而不是 {value!r}") from None
    cfg.rule_options = _rule_options(data.get("rules", {}), source, prefix)
    return cfg
