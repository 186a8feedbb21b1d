# A blog with a Jupyter notebook post (myst-nb) beside a MyST post; the
# notebook's post fields are in its top-level metadata. Not executed.
project = "Notebook blog"
extensions = ["myst_nb", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
nb_execution_mode = "off"
