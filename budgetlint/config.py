"""Configuration: ``[tool.budgetlint]`` in pyproject.toml, or a budgetlint.toml.

The nearest file found from the current directory upwards wins (budgetlint.toml before
pyproject.toml in the same directory); command-line options override it.

    [tool.budgetlint]
    select = ["DEV", "SEC001"]      # codes or prefixes; empty = every rule
    ignore = ["BPL001"]
    min-severity = "warning"        # info | warning | error

    [tool.budgetlint.rules.BPL001]
    report-optional = true
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rules.base import Severity


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
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: 配置文件格式错误：{exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("budgetlint", {})
    return _from_table(data, str(path))


def _str_list(value: Any, key: str, source: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(f"{source}: {key} 应为字符串列表")


def _from_table(data: dict[str, Any], source: str) -> Config:
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
        try:
            cfg.min_severity = Severity.parse(str(data["min-severity"]))
        except ValueError as exc:
            raise ConfigError(f"{source}: {exc}") from None
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise ConfigError(f"{source}: rules 应为表")
    cfg.rule_options = {code.upper(): dict(opts) for code, opts in rules.items()}
    return cfg
