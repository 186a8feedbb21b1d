"""The Sphinx side of the configuration: registering the settings, and checking them.

:func:`setup_config` registers each :class:`~._config.BlogConfig` field as
``blogarchive_<field>``; :func:`validate`, on ``config-inited``, warns about
each invalid value (found by :mod:`._validation`) and replaces it by its
default.
"""

from __future__ import annotations

import dataclasses
import inspect
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation
from sphinx.util import logging

from sphinx_blogarchive.config._config import BlogConfig
from sphinx_blogarchive.config._validation import (
    _problems,
    shown_value,
    tag_alias_problems,
    term_slug_problems,
)
from sphinx_blogarchive.model._warnings import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

#: The package's templates (``blogarchive/*.html``), searched after the user's.
TEMPLATES_DIR = Path(__file__).parent.parent / "templates"
__ = get_translation("sphinx_blogarchive", "console")


def validate(app: Sphinx, config: Config) -> None:
    """``config-inited`` handler: warn about and reset each invalid value.

    A bad entry of ``blogarchive_tag_aliases`` or ``blogarchive_term_slugs``
    is left out (with a warning naming it), the others kept. Also appends
    the package's template folder to ``templates_path`` after the user's
    folders, so a project overrides a template by its file name.
    """
    defaults = {f.name: f for f in dataclasses.fields(BlogConfig)}
    for name, problem in sorted(_problems(config).items()):
        f = defaults[name]
        default = f.default_factory() if callable(f.default_factory) else f.default
        logger.warning(
            __("blogarchive_%s = %s %s; using the default (%s)"),
            name,
            shown_value(getattr(config, f"blogarchive_{name}")),
            problem,
            repr(default),
            type=WARNING_TYPE,
            subtype=Subtype.CONFIG,
        )
        setattr(config, f"blogarchive_{name}", default)
    for name, check in (("tag_aliases", tag_alias_problems), ("term_slugs", term_slug_problems)):
        kept, problems = check(getattr(config, f"blogarchive_{name}"))
        for problem in problems:
            logger.warning(
                __("blogarchive_%s entry %s; the entry is ignored"),
                name,
                problem,
                type=WARNING_TYPE,
                subtype=Subtype.CONFIG,
            )
        if problems:
            setattr(config, f"blogarchive_{name}", kept)
    templates = str(TEMPLATES_DIR)
    if templates not in config.templates_path:
        config.templates_path = [*config.templates_path, templates]


def setup_config(app: Sphinx) -> None:
    """Register every :class:`BlogConfig` field as ``blogarchive_<name>``."""
    takes_description = "description" in inspect.signature(app.add_config_value).parameters
    for f in dataclasses.fields(BlogConfig):
        default = f.default_factory() if callable(f.default_factory) else f.default
        kwargs: dict[str, Any] = {"types": f.metadata["types"]}
        if takes_description:
            kwargs["description"] = f.metadata["help"]
        app.add_config_value(f"blogarchive_{f.name}", default, "env", **kwargs)
    app.connect("config-inited", validate, priority=400)
