# Hostile text in every field a post shows: it must come out escaped exactly
# once everywhere (pages, sidebars, posts.json, feeds), and hostile slugs and
# names must not lead outside the output folder.
project = "Inject & <Co>"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
html_baseurl = "https://example.org/"
blogarchive_listing_fields = [
    "date",
    "updated",
    "subtitle",
    "tags",
    "category",
    "author",
    "excerpt",
    "reading-time",
]
html_sidebars = {
    "**": [
        "blogarchive/sidebar-recent.html",
        "blogarchive/sidebar-tags.html",
        "blogarchive/sidebar-years.html",
    ],
}
