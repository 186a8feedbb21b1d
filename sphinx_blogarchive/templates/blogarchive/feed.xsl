<?xml version="1.0" encoding="UTF-8"?>
{#- The XSLT 1.0 stylesheet of the Atom and RSS feeds: a browser that opens a
    feed shows this page instead of raw XML. Feed readers ignore it. `labels`:
    the translated words. Written to _static/blogarchive-feed.xsl. -#}
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">
<xsl:output method="html" encoding="UTF-8" indent="yes"
  doctype-system="about:legacy-compat"/>
<xsl:variable name="title" select="/atom:feed/atom:title | /rss/channel/title"/>
<xsl:variable name="subtitle" select="/atom:feed/atom:subtitle | /rss/channel/description"/>
<xsl:variable name="home" select="/atom:feed/atom:link[not(@rel) or @rel='alternate'][1]/@href | /rss/channel/link"/>
<xsl:variable name="language" select="/atom:feed/@xml:lang | /rss/channel/language"/>
<xsl:template match="/">
<html>
<xsl:if test="$language"><xsl:attribute name="lang"><xsl:value-of select="$language"/></xsl:attribute></xsl:if>
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="robots" content="noindex"/>
<title><xsl:value-of select="$title"/> ({{ labels.feed|e }})</title>
<style>
body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #222; background: #fff; }
.blogarchive-feed-hint { border: 1px solid #c8d3e0; background: #eef4fb; border-radius: .4rem; padding: .75rem 1rem; }
.blogarchive-feed-hint code { word-break: break-all; }
ol { padding-left: 0; list-style: none; }
li { margin: 1.25rem 0; }
li a { font-weight: 600; }
time { display: block; color: #555; font-size: .9rem; }
@media (prefers-color-scheme: dark) { body { color: #ddd; background: #121212; } .blogarchive-feed-hint { background: #1b2530; border-color: #34495e; } a { color: #8ab4f8; } time { color: #aaa; } }
</style>
</head>
<body>
<header>
<p class="blogarchive-feed-hint"><strong>{{ labels.feed_hint_title|e }}</strong>{{ " " }}{{ labels.feed_hint|e }}<br/><code class="blogarchive-feed-url"><xsl:value-of select="/atom:feed/atom:link[@rel='self']/@href | /rss/channel/atom:link[@rel='self']/@href"/></code></p>
<h1><xsl:value-of select="$title"/></h1>
<xsl:if test="$subtitle and string($subtitle) != string($title)"><p class="blogarchive-feed-subtitle"><xsl:value-of select="$subtitle"/></p></xsl:if>
<xsl:if test="$home"><p><a class="blogarchive-feed-home" href="{$home}">{{ labels.feed_home|e }}</a></p></xsl:if>
</header>
<main>
<ol class="blogarchive-feed-entries">
<xsl:for-each select="/atom:feed/atom:entry">
<li class="blogarchive-feed-entry"><a href="{atom:link[not(@rel) or @rel='alternate'][1]/@href}"><xsl:value-of select="atom:title"/></a>
<time datetime="{atom:published}"><xsl:value-of select="substring(atom:published, 1, 10)"/></time></li>
</xsl:for-each>
<xsl:for-each select="/rss/channel/item">
<li class="blogarchive-feed-entry"><a href="{link}"><xsl:value-of select="title"/></a>
<time><xsl:value-of select="pubDate"/></time></li>
</xsl:for-each>
</ol>
</main>
</body>
</html>
</xsl:template>
</xsl:stylesheet>
