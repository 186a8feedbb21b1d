"""Configuration: the ``blogarchive_*`` settings as one validated dataclass.

Owns: :class:`~sphinx_blogarchive.config._config.BlogConfig` (``_config``),
its defaults and allowed values (``_values``), the validation of values
(``_validation``), registering the settings with Sphinx and checking them
on ``config-inited`` (``_register``), and the reference documentation's
data of settings, roles and directives (``_reference``).

May import: ``model``.
"""
