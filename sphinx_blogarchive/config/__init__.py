"""Configuration: the ``blogarchive_*`` settings as one validated dataclass.

Owns: :class:`~sphinx_blogarchive.config._config.BlogConfig`, its defaults and
validation, and the reference documentation's data of settings, roles and
directives.

May import: ``model``.
"""
