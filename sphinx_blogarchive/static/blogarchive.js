/* sphinx-blogarchive: reader tools for post listings, and the sidebar widgets.
 *
 * Progressive enhancement, no dependencies. Without JavaScript a listing is a
 * plain list and a widget a plain link. This script
 *
 * - adds to every .blogarchive-listing a filter box (title, subtitle, tags and
 *   author; case- and accent-insensitive), an order menu (newest, oldest,
 *   title) and clickable tag chips, and keeps their state in the page URL
 *   (?filter=...&sort=...; filter2, sort2 for a second listing on the page;
 *   not ?q=, which Sphinx's searchtools.js reads on every page that loads it), so a
 *   filtered view can be shared and is restored on load;
 * - on a paginated listing, searches and orders every page of it through the
 *   JSON index of the posts (data-blogarchive-index, written by the build):
 *   fetched over HTTP, or loaded as a script (posts.js beside posts.json) from
 *   a file:// page; where neither loads it works on the posts shown;
 * - fills each [data-blogarchive-widget] (recent, tags, years) from the index.
 *
 * Every word shown comes from the page (data-blogarchive-text-*, translated at
 * build time). Text from posts is always inserted as text, never as HTML.
 */
(function () {
  "use strict";

  var SORTS = ["newest", "oldest", "title"];
  var indexes = {};

  // -- helpers ---------------------------------------------------------------

  /** Case- and accent-insensitive form of a text, for matching. */
  function fold(text) {
    return String(text || "")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, "")
      .toLowerCase();
  }

  /** A new element with a class and text (set as text, never parsed as HTML). */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function canFetch() {
    return (location.protocol === "http:" || location.protocol === "https:") && !!window.fetch;
  }

  /**
   * The index of the posts as a script: posts.js beside posts.json (`absolute`),
   * which sets window.blogarchivePosts. A page opened from the disk (file://)
   * cannot fetch, but it can load a script. A promise of the list.
   */
  function loadScript(absolute) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = absolute.replace(/\.json([?#].*)?$/, ".js");
      script.async = true;
      script.onload = function () {
        var items = window.blogarchivePosts;
        if (Array.isArray(items)) resolve(items);
        else reject(new Error("no posts in " + script.src));
      };
      script.onerror = function () {
        reject(new Error("cannot load " + script.src));
      };
      document.head.appendChild(script);
    });
  }

  /**
   * The JSON index at `url` (relative to the page): a promise of {base, items}.
   * Fetched over HTTP; from the disk, or where the fetch fails, its script form.
   * Loaded once a page, and only when a widget or a filter needs it.
   */
  function loadIndex(url) {
    var absolute = new URL(url, document.baseURI).href;
    if (!indexes[absolute]) {
      var items = canFetch()
        ? fetch(absolute, { credentials: "same-origin" })
            .then(function (response) {
              if (!response.ok) throw new Error("HTTP " + response.status);
              return response.json();
            })
            .catch(function () {
              return loadScript(absolute);
            })
        : loadScript(absolute);
      indexes[absolute] = items.then(function (list) {
        if (!Array.isArray(list)) throw new Error("not a list");
        return { base: absolute, items: list };
      });
    }
    return indexes[absolute];
  }

  /** An index URL (relative to the JSON file) made absolute; "" stays "". */
  function resolve(url, base) {
    return url ? new URL(url, base).href : "";
  }

  function timeOf(iso) {
    var value = iso ? Date.parse(iso) : NaN;
    return isNaN(value) ? null : value;
  }

  /**
   * Comparator of {title, url, time} records for an order. Titles compare as
   * the build's `:sort: title` does (lower case, then the address); undated
   * posts go last.
   */
  function comparator(sort) {
    if (sort === "title") {
      return function (a, b) {
        var x = a.title.toLowerCase();
        var y = b.title.toLowerCase();
        if (x !== y) return x < y ? -1 : 1;
        return a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
      };
    }
    var sign = sort === "oldest" ? 1 : -1;
    return function (a, b) {
      if (a.time === null || b.time === null) {
        return (a.time === null) - (b.time === null);
      }
      return sign * (a.time - b.time);
    };
  }

  /**
   * `records` in the order `sort` (a stable sort). When they are newest first
   * already (`newestFirst`: the JSON index, or a listing shown so), "oldest"
   * is exactly their reverse, as in the build.
   */
  function sorted(records, sort, newestFirst) {
    if (newestFirst && sort === "newest") return records.slice();
    if (newestFirst && sort === "oldest") return records.slice().reverse();
    var compare = comparator(sort);
    return records
      .map(function (record, i) {
        return [record, i];
      })
      .sort(function (a, b) {
        return compare(a[0], b[0]) || a[1] - b[1];
      })
      .map(function (pair) {
        return pair[0];
      });
  }

  function matches(haystack, words) {
    for (var i = 0; i < words.length; i++) {
      if (haystack.indexOf(words[i]) < 0) return false;
    }
    return true;
  }

  function words(query) {
    return fold(query).split(/\s+/).filter(Boolean);
  }

  // -- a listing -------------------------------------------------------------

  /** The parts of one entry of the page, as the filter and the order need them. */
  function readEntry(node, listing) {
    function texts(selector) {
      return Array.prototype.map.call(node.querySelectorAll(selector), function (n) {
        return n.textContent;
      });
    }
    var title = node.querySelector(".blogarchive-entry-title");
    var time = node.querySelector("time.blogarchive-entry-date, .blogarchive-cell-date time");
    // The node that moves: the entry, or the grid column around a card.
    var parent = node.parentElement;
    var movable = parent && parent.classList.contains("sd-col") ? parent : node;
    var block = movable;
    while (block.parentElement && block.parentElement !== listing) block = block.parentElement;
    var link = node.querySelector("a.blogarchive-entry-title, a.sd-stretched-link");
    return {
      node: movable,
      container: movable.parentElement,
      block: block,
      title: title ? title.textContent.trim() : "",
      url: link ? link.href : "",
      time: time ? timeOf(time.getAttribute("datetime")) : null,
      haystack: fold(
        [
          title ? title.textContent : "",
          texts(".blogarchive-entry-subtitle, .blogarchive-cell-subtitle").join(" "),
          texts(".blogarchive-tag, .blogarchive-cell-tags").join(" "),
          texts(".blogarchive-entry-authors, .blogarchive-cell-author").join(" "),
        ].join(" \u0000 ")
      ),
    };
  }

  /** The order a listing shows its posts in: "newest", "oldest", "title" or "". */
  function detectOrder(entries) {
    function ordered(compare) {
      for (var i = 1; i < entries.length; i++) {
        if (compare(entries[i - 1], entries[i]) > 0) return false;
      }
      return true;
    }
    var dated = entries.every(function (e) {
      return e.time !== null;
    });
    if (dated && ordered(comparator("newest"))) return "newest";
    if (dated && ordered(comparator("oldest"))) return "oldest";
    if (ordered(comparator("title"))) return "title";
    return "";
  }

  function Listing(listing, number) {
    var self = this;
    var data = listing.dataset;
    this.listing = listing;
    this.text = {
      filter: data.blogarchiveTextFilter || "Filter",
      noMatch: data.blogarchiveTextNoMatch || "No matching items",
      sortBy: data.blogarchiveTextSortBy || "Sort by",
      newest: data.blogarchiveTextNewest || "Newest",
      oldest: data.blogarchiveTextOldest || "Oldest",
      title: data.blogarchiveTextTitle || "Title",
    };
    this.fields = (data.blogarchiveFields || "date subtitle").split(/\s+/);
    this.scope = data.blogarchiveScope || "";
    this.term = data.blogarchiveTerm || "";
    this.indexUrl = data.blogarchiveIndex || "";
    this.params = number === 0 ? ["filter", "sort"] : ["filter" + (number + 1), "sort" + (number + 1)];
    this.entries = Array.prototype.map.call(
      listing.querySelectorAll(".blogarchive-entry"),
      function (node) {
        return readEntry(node, listing);
      }
    );
    this.headings = Array.prototype.filter.call(listing.children, function (node) {
      return node.classList.contains("blogarchive-group");
    });
    // Each block (the list, table or grid of a group) and its heading, if any.
    this.blocks = [];
    this.headingOf = new Map();
    this.entries.forEach(function (entry) {
      if (self.blocks.indexOf(entry.block) >= 0) return;
      self.blocks.push(entry.block);
      var heading = entry.block.previousElementSibling;
      if (heading && heading.classList.contains("blogarchive-group")) {
        self.headingOf.set(entry.block, heading);
      }
    });
    this.defaultSort = detectOrder(this.entries);
    var parent = listing.parentElement;
    this.pagination = parent
      ? Array.prototype.filter.call(parent.children, function (node) {
          return node.classList.contains("blogarchive-pagination");
        })
      : [];
    this.remote = this.pagination.length > 0 && !!this.indexUrl;
    this.index = null;
    this.urlTimer = 0;
    this.build(number);
    this.restore();
  }

  Listing.prototype.build = function (number) {
    var self = this;
    var tools = el("div", "blogarchive-tools");
    tools.setAttribute("role", "search");

    var filter = el("div", "blogarchive-filter");
    var label = el("label", "blogarchive-sr", this.text.filter);
    var input = el("input", "blogarchive-filter-input");
    input.type = "search";
    input.id = "blogarchive-filter-" + (number + 1);
    input.placeholder = this.text.filter;
    input.autocomplete = "off";
    input.spellcheck = false;
    label.htmlFor = input.id;
    filter.append(label, input);

    var order = el("div", "blogarchive-sort");
    var sortLabel = el("label", "", this.text.sortBy);
    var select = el("select", "blogarchive-sort-select");
    select.id = "blogarchive-sort-" + (number + 1);
    sortLabel.htmlFor = select.id;
    if (!this.defaultSort) select.append(el("option", "", "")); // the listing's own order
    SORTS.forEach(function (value) {
      var option = el("option", "", self.text[value]);
      option.value = value;
      select.append(option);
    });
    select.value = this.defaultSort;
    order.append(sortLabel, select);
    tools.append(filter, order);

    var before = this.listing;
    var previous = before.previousElementSibling;
    if (previous && previous.classList.contains("blogarchive-pagination")) before = previous;
    before.parentElement.insertBefore(tools, before);

    this.noMatch = el("p", "blogarchive-no-match", this.text.noMatch);
    this.noMatch.hidden = true;
    this.status = el("div", "blogarchive-sr");
    this.status.setAttribute("role", "status");
    this.results = el("div", "blogarchive-results");
    this.results.hidden = true;
    this.listing.append(this.results, this.noMatch, this.status);
    this.listing.classList.add("blogarchive-enhanced");

    this.input = input;
    this.select = select;
    input.addEventListener("input", function () {
      self.update();
    });
    select.addEventListener("change", function () {
      self.update();
    });
    tools.addEventListener("focusin", function () {
      self.prefetch();
    });
    this.listing.addEventListener("click", function (event) {
      self.onClick(event);
    });
  };

  /** Read the state from the URL and show it. */
  Listing.prototype.restore = function () {
    var params = new URLSearchParams(location.search);
    var query = params.get(this.params[0]);
    var sort = params.get(this.params[1]);
    if (query) this.input.value = query;
    if (sort && SORTS.indexOf(sort) >= 0) this.select.value = sort;
    if (query || (sort && sort !== this.defaultSort)) this.render(false);
  };

  Listing.prototype.state = function () {
    return { query: this.input.value, sort: this.select.value || this.defaultSort };
  };

  Listing.prototype.active = function () {
    var state = this.state();
    return words(state.query).length > 0 || state.sort !== this.defaultSort;
  };

  Listing.prototype.prefetch = function () {
    if (this.remote) {
      loadIndex(this.indexUrl).catch(function () {});
    }
  };

  Listing.prototype.update = function () {
    this.render(true);
  };

  /** A click on a tag chip filters by that tag (a modified click follows the link). */
  Listing.prototype.onClick = function (event) {
    var chip = event.target.closest ? event.target.closest(".blogarchive-tag") : null;
    if (!chip || !this.listing.contains(chip)) return;
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    this.input.value = chip.textContent.trim();
    this.render(true);
    this.input.scrollIntoView({ block: "nearest" });
  };

  Listing.prototype.writeUrl = function () {
    var state = this.state();
    var url = new URL(location.href);
    var query = state.query.trim();
    if (query) url.searchParams.set(this.params[0], query);
    else url.searchParams.delete(this.params[0]);
    if (state.sort !== this.defaultSort) url.searchParams.set(this.params[1], state.sort);
    else url.searchParams.delete(this.params[1]);
    if (url.href !== location.href) {
      try {
        history.replaceState(history.state, "", url.href);
      } catch (error) {
        // Some browsers refuse to change a file:// URL: the view still works.
      }
    }
  };

  Listing.prototype.render = function (saveUrl) {
    var self = this;
    if (saveUrl) {
      clearTimeout(this.urlTimer);
      this.urlTimer = setTimeout(function () {
        self.writeUrl();
      }, 250);
    }
    if (!this.remote || !this.active()) {
      this.showResults(false);
      this.renderHere();
      return;
    }
    var state = this.state();
    loadIndex(this.indexUrl).then(
      function (index) {
        var now = self.state();
        if (now.query !== state.query || now.sort !== state.sort) return; // superseded
        if (!self.active()) return;
        self.renderIndex(index);
      },
      function () {
        self.remote = false; // cannot fetch: work on the posts shown
        self.render(false);
      }
    );
  };

  Listing.prototype.showResults = function (shown) {
    var self = this;
    this.results.hidden = !shown;
    this.headings.concat(this.blocks).forEach(function (node) {
      if (shown) node.hidden = true;
    });
    this.pagination.forEach(function (nav) {
      nav.hidden = shown;
    });
    if (!shown) {
      while (self.results.firstChild) self.results.removeChild(self.results.firstChild);
    }
  };

  Listing.prototype.announce = function (count) {
    this.noMatch.hidden = count > 0;
    this.status.textContent = count > 0 ? "" : this.text.noMatch;
  };

  /** Filter and order the entries on this page, in place. */
  Listing.prototype.renderHere = function () {
    var self = this;
    var state = this.state();
    var terms = words(state.query);
    var shown = 0;
    this.entries.forEach(function (entry) {
      entry.node.hidden = !matches(entry.haystack, terms);
      if (!entry.node.hidden) shown += 1;
    });
    var order =
      state.sort === this.defaultSort
        ? this.entries
        : sorted(this.entries, state.sort, this.defaultSort === "newest");
    var flat = state.sort === "title" && this.headings.length > 0;
    var blocks = [];
    order.forEach(function (entry) {
      var block = flat ? self.entries[0].block : entry.block;
      var container = flat ? self.entries[0].container : entry.container;
      if (blocks.indexOf(block) < 0) blocks.push(block);
      container.appendChild(entry.node);
    });
    // Groups follow their posts; a heading shows while one of its posts does.
    blocks.forEach(function (block) {
      var heading = self.headingOf.get(block);
      if (heading) self.listing.insertBefore(heading, self.results);
      self.listing.insertBefore(block, self.results);
    });
    this.blocks.forEach(function (block) {
      var visible =
        blocks.indexOf(block) >= 0 &&
        self.entries.some(function (entry) {
          return !entry.node.hidden && block.contains(entry.node);
        });
      block.hidden = !visible;
      var heading = self.headingOf.get(block);
      if (heading) heading.hidden = !visible || flat;
    });
    this.announce(shown);
  };

  function inScope(item, scope, term) {
    if (!scope) return true;
    var date = String(item.date || "");
    if (scope === "year") return date.slice(0, 4) === term;
    if (scope === "month") return date.slice(0, 7) === term;
    var key = { tag: "tags", category: "categories", author: "authors" }[scope];
    return (item[key] || []).some(function (name) {
      return name && name.name === term;
    });
  }

  function itemHaystack(item) {
    function names(list) {
      return (list || [])
        .map(function (name) {
          return name && name.name;
        })
        .join(" ");
    }
    return fold(
      [item.title, item.subtitle, names(item.tags), names(item.authors)].join(" \u0000 ")
    );
  }

  /** Show the matching posts of the whole listing, from the JSON index. */
  Listing.prototype.renderIndex = function (index) {
    var self = this;
    var state = this.state();
    var terms = words(state.query);
    var records = index.items
      .filter(function (item) {
        return item && inScope(item, self.scope, self.term);
      })
      .filter(function (item) {
        if (!item.haystack) {
          Object.defineProperty(item, "haystack", { value: itemHaystack(item) });
        }
        return matches(item.haystack, terms);
      })
      .map(function (item) {
        return {
          item: item,
          title: String(item.title || ""),
          url: String(item.url || ""),
          time: timeOf(item.date),
        };
      });
    var sort = state.sort || "newest";
    records = sorted(records, sort, true);
    // Under year headings, as the page shows them, when the order is by date.
    var heading = this.headings[0];
    var byYear = sort !== "title" && heading && /^\d{4}$/.test(heading.textContent.trim());
    var groups = {};
    var keys = [];
    records.forEach(function (record) {
      var key = byYear ? String(record.item.date || "").slice(0, 4) : "";
      if (!groups[key]) {
        groups[key] = [];
        keys.push(key);
      }
      groups[key].push(record);
    });
    if (byYear) {
      keys.sort();
      if (sort === "newest") keys.reverse();
    }
    var fragment = document.createDocumentFragment();
    keys.forEach(function (key) {
      if (byYear) fragment.append(el(heading.tagName.toLowerCase(), heading.className, key));
      var list = el("ul", "blogarchive-postlist");
      groups[key].forEach(function (record) {
        list.append(self.entryOf(record.item, index.base));
      });
      fragment.append(list);
    });
    while (this.results.firstChild) this.results.removeChild(this.results.firstChild);
    this.results.append(fragment);
    this.showResults(true);
    this.announce(records.length);
  };

  function nameList(className, names, base) {
    var span = el("span", className);
    (names || []).forEach(function (name, i) {
      if (i > 0) span.append(document.createTextNode(", "));
      if (name.url) {
        var link = el("a", "reference internal", name.name);
        link.href = resolve(name.url, base);
        span.append(link);
      } else {
        span.append(document.createTextNode(String(name.name)));
      }
    });
    return span;
  }

  /** One post of the JSON index as a list entry (the markup of postlist.html). */
  Listing.prototype.entryOf = function (item, base) {
    var shows = {};
    this.fields.forEach(function (name) {
      shows[name] = true;
    });
    var li = el("li", "blogarchive-entry");
    var title = el(item.url ? "a" : "span", "blogarchive-entry-title reference internal", item.title);
    if (item.url) title.href = resolve(item.url, base);
    li.append(title);
    if (shows.subtitle && item.subtitle) {
      li.append(el("span", "blogarchive-entry-subtitle", item.subtitle));
    }
    if (shows.excerpt && item.excerpt) {
      var excerpt = el("div", "blogarchive-entry-excerpt");
      excerpt.append(el("p", "", item.excerpt));
      li.append(excerpt);
    }
    var meta = el("span", "blogarchive-entry-meta");
    if (shows.date && item.date) {
      var time = el("time", "blogarchive-entry-date", item.date_text || item.date);
      time.setAttribute("datetime", item.date);
      meta.append(time);
    }
    if (shows.author && item.authors && item.authors.length) {
      meta.append(nameList("blogarchive-entry-authors", item.authors, base));
    }
    if (shows.category && item.categories && item.categories.length) {
      meta.append(nameList("blogarchive-entry-categories", item.categories, base));
    }
    if (meta.firstChild) li.append(meta);
    if (shows.tags && item.tags && item.tags.length) {
      var tags = el("ul", "blogarchive-tags");
      item.tags.forEach(function (tag) {
        var chip = el(tag.url ? "a" : "span", "reference internal blogarchive-tag", tag.name);
        if (tag.url) chip.href = resolve(tag.url, base);
        var entry = el("li");
        entry.append(chip);
        tags.append(entry);
      });
      li.append(tags);
    }
    return li;
  };

  // -- sidebar widgets ---------------------------------------------------------

  function countedList(rows) {
    var list = el("ul", "blogarchive-widget-list");
    rows.forEach(function (row) {
      var li = el("li");
      if (row.url) {
        var link = el("a", "reference internal", row.name);
        link.href = row.url;
        li.append(link);
      } else {
        li.append(el("span", "", row.name));
      }
      if (row.count !== undefined) {
        li.append(document.createTextNode(" "));
        li.append(el("span", "blogarchive-count", row.count));
      }
      list.append(li);
    });
    return list;
  }

  function fillWidget(node) {
    var url = node.getAttribute("data-blogarchive-index");
    if (!url) return;
    loadIndex(url).then(
      function (index) {
        var kind = node.getAttribute("data-blogarchive-widget");
        var items = index.items.filter(Boolean);
        var rows = [];
        if (kind === "recent") {
          var count = parseInt(node.getAttribute("data-blogarchive-count"), 10) || 5;
          var here = location.href.split("#")[0].split("?")[0];
          var list = el("ul", "blogarchive-widget-list");
          items.slice(0, count).forEach(function (item) {
            var li = el("li");
            var link = el("a", "reference internal", item.title);
            link.href = resolve(item.url, index.base);
            if (link.href === here) link.setAttribute("aria-current", "page");
            li.append(link);
            list.append(li);
          });
          node.insertBefore(list, node.firstChild);
          return;
        }
        if (kind === "tags") {
          var tags = {};
          items.forEach(function (item) {
            (item.tags || []).forEach(function (tag) {
              var row = tags[tag.name] || (tags[tag.name] = { name: tag.name, count: 0 });
              row.count += 1;
              row.url = row.url || resolve(tag.url, index.base);
            });
          });
          rows = Object.keys(tags)
            .map(function (name) {
              return tags[name];
            })
            .sort(function (a, b) {
              var x = a.name.toLowerCase(); // as the tags index orders them
              var y = b.name.toLowerCase();
              return x < y ? -1 : x > y ? 1 : 0;
            });
        } else if (kind === "years") {
          var template = node.getAttribute("data-blogarchive-year-url") || "";
          var years = {};
          items.forEach(function (item) {
            var year = String(item.date || "").slice(0, 4);
            if (!/^\d{4}$/.test(year)) return;
            var row = years[year] || (years[year] = { name: year, count: 0 });
            row.count += 1;
            if (template) row.url = new URL(template.replace("__YEAR__", year), document.baseURI).href;
          });
          rows = Object.keys(years)
            .sort()
            .reverse()
            .map(function (year) {
              return years[year];
            });
        } else {
          return;
        }
        node.insertBefore(countedList(rows), node.firstChild);
      },
      function () {
        // No index: the widget keeps its plain link.
      }
    );
  }

  // -- start -----------------------------------------------------------------

  function start() {
    var listings = document.querySelectorAll(".blogarchive-listing");
    var number = 0;
    Array.prototype.forEach.call(listings, function (listing) {
      if (listing.classList.contains("blogarchive-enhanced")) return;
      if (!listing.querySelector(".blogarchive-entry")) return;
      new Listing(listing, number);
      number += 1;
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-blogarchive-widget]"), fillWidget);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
