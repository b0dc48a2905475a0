// The search page of a risalah site. It reads the query from ?q= and
// searches the language's index, written by the build as small JSON files
// (see internal/search): index.json says which shard holds a word,
// words/P.json gives each word its stem, stems/P.json each stem its
// documents, docs.json what ranking and filters need of every document,
// and doc/K.json what results show, eight documents a file (document N
// is item N % 8 of file N / 8). Only the shards of the query's
// words are fetched. Without this script the page says that searching
// needs it and links to the lists.
(function () {
  "use strict";

  var app = document.getElementById("search-app");
  var form = document.querySelector(".search-main");
  if (!app || !form || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var input = form.querySelector("input[name=q]");
  var statusEl = document.getElementById("search-status");
  var filtersEl = document.getElementById("search-filters");
  var sortEl = document.getElementById("search-sort");
  var resultsEl = document.getElementById("search-results");
  var moreEl = document.getElementById("search-more");
  var base = app.getAttribute("data-index");
  var lang = app.getAttribute("data-lang");
  var pageSize = 10;
  var facetOrder = ["section", "year", "type", "status"];
  var title = document.title; // the page's, which the query is put before

  function t(key, vars) {
    var s = app.getAttribute("data-t-" + key) || "";
    Object.keys(vars || {}).forEach(function (k) {
      s = s.split("{" + k + "}").join(vars[k]);
    });
    return s;
  }

  // Fetching, each file once.
  var cache = {};
  function load(path) {
    if (!cache[path]) {
      cache[path] = fetch(base + path).then(function (r) {
        if (!r.ok) {
          throw new Error(path + ": " + r.status);
        }
        return r.json();
      });
    }
    return cache[path];
  }
  function hex(s) {
    var out = "";
    new TextEncoder().encode(s).forEach(function (b) {
      out += (b < 16 ? "0" : "") + b.toString(16);
    });
    return out;
  }

  // Words, as the index splits and folds them (search.Analyzer).
  var wordRe = /[\p{L}\p{Nd}][\p{L}\p{Nd}\p{Mn}]*/gu;
  function fold(w) {
    return w.normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase();
  }
  function words(text) {
    return (text.match(wordRe) || []).map(fold).filter(function (w) {
      return new TextEncoder().encode(w).length <= 64;
    });
  }

  // The shard of key among prefixes: the longest prefix key starts with.
  function shardOf(prefixes, key) {
    var best = null;
    prefixes.forEach(function (p) {
      if (key.indexOf(p) === 0 && (best === null || p.length > best.length)) {
        best = p;
      }
    });
    return best;
  }
  // The shards that may hold words starting with key: its own and those
  // of longer prefixes that start with it; null when there are too many.
  function shardsFrom(prefixes, key, most) {
    var out = [];
    var own = shardOf(prefixes, key);
    if (own !== null) {
      out.push(own);
    }
    prefixes.forEach(function (p) {
      if (p.length > key.length && p.indexOf(key) === 0) {
        out.push(p);
      }
    });
    return out.length > most ? out.slice(0, most) : out;
  }

  function distance(a, b, most) {
    // Damerau-Levenshtein (optimal string alignment), stopping past most.
    if (Math.abs(a.length - b.length) > most) {
      return most + 1;
    }
    var d = [];
    for (var i = 0; i <= a.length; i++) {
      d.push([i]);
    }
    for (var j = 1; j <= b.length; j++) {
      d[0][j] = j;
    }
    for (i = 1; i <= a.length; i++) {
      var low = most + 1;
      for (j = 1; j <= b.length; j++) {
        var c = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + c);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
        low = Math.min(low, d[i][j]);
      }
      if (low > most) {
        return most + 1;
      }
    }
    return d[a.length][b.length];
  }

  var manifest, docs;
  function start() {
    return Promise.all([load("index.json"), load("docs.json")]).then(function (r) {
      manifest = r[0];
      if (manifest.v !== 2) {
        throw new Error("index version " + manifest.v);
      }
      var d = r[1];
      var day = 0;
      var total = 0;
      docs = d.days.map(function (delta, n) {
        day += delta;
        var len = Math.pow(2, d.norms[n] / 8) - 1;
        total += len;
        var facets = {};
        Object.keys(d.facets).forEach(function (k) {
          var v = d.facets[k].of[n];
          if (v > 0) {
            facets[k] = d.facets[k].values[v - 1];
          }
        });
        return { day: day, len: len, facets: facets };
      });
      docs.avg = docs.length ? total / docs.length : 1;
    });
  }

  // lookup finds the stems a query word stands for: its own, and when it
  // is the word being typed (or the last word, not in the index) the stems
  // of the words it begins; when it is not in the index and long enough,
  // those of the words one or two letters away.
  function lookup(word, typing, last) {
    var own = shardOf(manifest.words, word);
    var exact = own === null ? Promise.resolve({}) : load("words/" + hex(own) + ".json");
    return exact.then(function (s) {
      var known = Object.prototype.hasOwnProperty.call(s, word);
      return expand(word, typing || (last && !known));
    });
  }
  function expand(word, typing) {
    var files = typing && word.length >= 2 ? shardsFrom(manifest.words, word, 4) : [];
    var own = shardOf(manifest.words, word);
    if (own !== null && files.indexOf(own) < 0) {
      files.push(own);
    }
    return Promise.all(files.map(function (p) { return load("words/" + hex(p) + ".json"); })).then(function (shards) {
      var found = { stems: {}, words: {}, also: [], prefix: typing ? word : "" };
      var add = function (w, stem) {
        found.stems[stem || w] = true;
        found.words[w] = true;
      };
      var prefixed = [];
      shards.forEach(function (s) {
        if (Object.prototype.hasOwnProperty.call(s, word)) {
          add(word, s[word]);
        }
        if (typing) {
          Object.keys(s).forEach(function (w) {
            if (w !== word && w.indexOf(word) === 0) {
              prefixed.push([w, s[w]]);
            }
          });
        }
      });
      prefixed.sort(function (a, b) { return a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1); });
      prefixed.slice(0, 8).forEach(function (e) { add(e[0], e[1]); });
      if (Object.keys(found.stems).length > 0 || word.length < 5) {
        return found;
      }
      return typos(word, found);
    });
  }
  function typos(word, found) {
    var most = word.length >= 8 ? 2 : 1;
    var files = shardsFrom(manifest.words, word.slice(0, 2), 6);
    var own = shardOf(manifest.words, word.slice(0, 1));
    if (own !== null && files.indexOf(own) < 0) {
      files.push(own);
    }
    return Promise.all(files.map(function (p) { return load("words/" + hex(p) + ".json"); })).then(function (shards) {
      var near = [];
      shards.forEach(function (s) {
        Object.keys(s).forEach(function (w) {
          var d = distance(word, w, most);
          if (d <= most) {
            near.push([d, w, s[w]]);
          }
        });
      });
      near.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : 1); });
      near.slice(0, 3).forEach(function (e) {
        found.stems[e[2] || e[1]] = true;
        found.words[e[1]] = true;
        found.also.push(e[1]);
      });
      return found;
    });
  }

  function postings(stem) {
    var p = shardOf(manifest.stems, stem);
    if (p === null) {
      return Promise.resolve([]);
    }
    return load("stems/" + hex(p) + ".json").then(function (s) {
      return Object.prototype.hasOwnProperty.call(s, stem) ? s[stem] : [];
    });
  }

  // search returns the documents holding every word of the query (each
  // word by any of its stems), ranked: those with more words in their
  // title or number first, then by BM25.
  function search(query, typing) {
    var qwords = words(query);
    if (qwords.length === 0) {
      return Promise.resolve(null);
    }
    return Promise.all(qwords.map(function (w, i) {
      var last = i === qwords.length - 1;
      return lookup(w, typing && last, last);
    })).then(function (found) {
      return Promise.all(found.map(function (f) {
        var stems = Object.keys(f.stems);
        return Promise.all(stems.map(postings));
      })).then(function (lists) {
        var n = docs.length;
        var hits = null;
        lists.forEach(function (perStem) {
          var here = {};
          perStem.forEach(function (pairs) {
            var df = pairs.length / 2;
            var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
            var doc = 0;
            for (var k = 0; k < pairs.length; k += 2) {
              doc += pairs[k];
              var tf = pairs[k + 1] >> 1;
              var top = pairs[k + 1] & 1;
              var s = idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * docs[doc].len / docs.avg));
              var h = here[doc] || (here[doc] = { top: 0, score: 0 });
              h.top = Math.max(h.top, top);
              h.score = Math.max(h.score, s);
            }
          });
          if (hits === null) {
            hits = here;
            return;
          }
          var next = {};
          Object.keys(here).forEach(function (d) {
            if (hits[d]) {
              next[d] = { top: hits[d].top + here[d].top, score: hits[d].score + here[d].score };
            }
          });
          hits = next;
        });
        var list = Object.keys(hits).map(function (d) {
          return { doc: +d, top: hits[d].top, score: hits[d].score };
        });
        var matched = {};
        var stems = [];
        var also = [];
        found.forEach(function (f) {
          Object.keys(f.words).forEach(function (w) { matched[w] = true; });
          Object.keys(f.stems).forEach(function (s) {
            if (s.length >= 4) {
              stems.push(s);
            }
          });
          also = also.concat(f.also);
        });
        return { hits: list, words: matched, stems: stems, prefix: found[found.length - 1].prefix, also: also };
      });
    });
  }

  // What the reader chose, kept in the address so results can be shared.
  var state = { q: "", sort: "relevance", filters: {}, shown: pageSize };
  function readURL() {
    var p = new URLSearchParams(location.search);
    state.q = p.get("q") || "";
    state.sort = p.get("sort") === "date" ? "date" : "relevance";
    state.filters = {};
    facetOrder.forEach(function (k) {
      var vs = p.getAll(k);
      if (vs.length) {
        state.filters[k] = vs;
      }
    });
  }
  function writeURL() {
    var p = new URLSearchParams();
    if (state.q) {
      p.set("q", state.q);
    }
    facetOrder.forEach(function (k) {
      (state.filters[k] || []).forEach(function (v) { p.append(k, v); });
    });
    if (state.sort === "date") {
      p.set("sort", "date");
    }
    var s = p.toString();
    history.replaceState(null, "", location.pathname + (s ? "?" + s : ""));
    document.title = (state.q.trim() ? state.q.trim() + " · " : "") + title;
  }

  function passes(h, except) {
    var f = docs[h.doc].facets;
    return facetOrder.every(function (k) {
      var want = state.filters[k];
      return k === except || !want || want.length === 0 || want.indexOf(f[k]) >= 0;
    });
  }

  var last = null; // the last result, drawn again when filters change
  var run = 0;
  function go(typing) {
    var mine = ++run;
    if (!state.q.trim()) {
      last = null;
      draw();
      return;
    }
    // Said only when a search takes a while, so that a screen reader is
    // not told "searching" at every key.
    var slow = setTimeout(function () {
      if (mine === run) {
        statusEl.textContent = t("loading");
      }
    }, 400);
    search(state.q, typing).then(function (r) {
      clearTimeout(slow);
      if (mine !== run) {
        return;
      }
      last = r;
      state.shown = pageSize;
      draw();
    }).catch(function () {
      clearTimeout(slow);
      if (mine === run) {
        statusEl.textContent = t("error");
      }
    });
  }

  function el(name, attrs, children) {
    var e = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return e;
  }

  function draw() {
    filtersEl.textContent = "";
    sortEl.textContent = "";
    resultsEl.textContent = "";
    moreEl.hidden = true;
    if (!last) {
      statusEl.textContent = "";
      return;
    }
    var hits = last.hits.filter(function (h) { return passes(h, null); });
    if (state.sort === "date") {
      hits.sort(function (a, b) { return docs[b.doc].day - docs[a.doc].day || b.score - a.score || a.doc - b.doc; });
    } else {
      hits.sort(function (a, b) { return b.top - a.top || b.score - a.score || b.doc - a.doc; });
    }
    var q = state.q.trim();
    var msg = hits.length === 0 ? t("none", { q: q }) : hits.length === 1 ? t("one", { q: q }) : t("results", { n: hits.length.toLocaleString(lang), q: q });
    if (last.also.length) {
      msg += " " + t("also", { words: last.also.join(", ") });
    }
    drawFilters();
    if (last.hits.length > 1) {
      drawSort();
    }
    // The results are added together once their texts have come, so that
    // the list grows once and not one entry at a time, and the status says
    // how many there are when they are there; a later draw wins.
    var shown = hits.slice(0, state.shown);
    var gen = ++drawn;
    Promise.all(shown.map(function (h) {
      return load("doc/" + Math.floor(h.doc / 8) + ".json").then(function (group) { return group[h.doc % 8]; }, function () { return null; });
    })).then(function (texts) {
      if (gen !== drawn) {
        return;
      }
      statusEl.textContent = msg;
      texts.forEach(function (d) {
        if (d) {
          var li = el("li", { "class": "search-result" });
          fill(li, d);
          resultsEl.appendChild(li);
        }
      });
      moreEl.hidden = hits.length <= state.shown;
    });
  }
  var drawn = 0; // the number of the last draw

  // The filters fold away on phones, where they would push the results
  // down; wide screens show them open beside the results.
  var filtersOpen = window.matchMedia("(min-width: 60em)").matches;
  function drawFilters() {
    var box = el("details", { "class": "facets" }, [el("summary", { "class": "facets-title" }, [t("filters")])]);
    box.open = filtersOpen;
    box.addEventListener("toggle", function () { filtersOpen = box.open; });
    var any = false;
    facetOrder.forEach(function (k) {
      var counts = {};
      last.hits.forEach(function (h) {
        var v = docs[h.doc].facets[k];
        if (v !== undefined && passes(h, k)) {
          counts[v] = (counts[v] || 0) + 1;
        }
      });
      var values = Object.keys(counts);
      (state.filters[k] || []).forEach(function (v) {
        if (values.indexOf(v) < 0) {
          values.push(v);
          counts[v] = 0;
        }
      });
      if (values.length < 2 && !(state.filters[k] || []).length) {
        return;
      }
      if (k === "year") {
        values.sort(function (a, b) { return b - a; });
      } else {
        values.sort(function (a, b) { return a.localeCompare(b, lang); });
      }
      any = true;
      var fs = el("fieldset", { "class": "facet" }, [el("legend", {}, [t(k)])]);
      values.forEach(function (v) {
        var id = "f-" + k + "-" + hex(v);
        var box = el("input", { type: "checkbox", id: id, name: k, value: v });
        box.checked = (state.filters[k] || []).indexOf(v) >= 0;
        box.addEventListener("change", function () {
          var cur = state.filters[k] || [];
          state.filters[k] = box.checked ? cur.concat([v]) : cur.filter(function (x) { return x !== v; });
          state.shown = pageSize;
          writeURL();
          draw();
          var again = document.getElementById(id);
          if (again) {
            again.focus();
          }
        });
        fs.appendChild(el("div", { "class": "facet-value" }, [box, el("label", { "for": id }, [v + " ", el("span", { "class": "count" }, ["(" + counts[v].toLocaleString(lang) + ")"])])]));
      });
      box.appendChild(fs);
    });
    if (any) {
      filtersEl.appendChild(box);
    }
  }

  function drawSort() {
    var sel = el("select", { id: "search-sort-by" }, [
      el("option", { value: "relevance" }, [t("relevance")]),
      el("option", { value: "date" }, [t("date")])
    ]);
    sel.value = state.sort;
    sel.addEventListener("change", function () {
      state.sort = sel.value;
      writeURL();
      draw();
      document.getElementById("search-sort-by").focus();
    });
    sortEl.appendChild(el("label", { "for": "search-sort-by" }, [t("sort") + " "]));
    sortEl.appendChild(sel);
  }

  var dateFormat = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" });
  function fill(li, d) {
    var h = el("h2", { "class": "result-title" }, [el("a", { href: d.url }, [d.title])]);
    li.appendChild(h);
    var meta = [];
    if (d.section) {
      meta.push(d.section);
    }
    if (d.date) {
      if (meta.length) {
        meta.push(" · ");
      }
      var shown = d.date.length === 4 ? d.date : dateFormat.format(new Date(d.date + "T00:00:00Z"));
      meta.push(el("time", { datetime: d.date }, [shown]));
    }
    if (meta.length) {
      li.appendChild(el("p", { "class": "result-meta" }, meta));
    }
    if (d.text) {
      li.appendChild(excerpt(d.text));
    }
  }

  // marked reports whether a word of an excerpt is one the query found: one
  // of its words, a word it begins while typing, or a word holding one of
  // its stems (pengawasan holds awas, the stem of diawasi).
  function marked(w) {
    if (last.words[w] || (last.prefix && w.indexOf(last.prefix) === 0)) {
      return true;
    }
    return last.stems.some(function (s) { return w.indexOf(s) >= 0; });
  }

  // excerpt cuts the text around its first matching word and marks every
  // match.
  function excerpt(text) {
    var spans = [];
    var m;
    wordRe.lastIndex = 0;
    while ((m = wordRe.exec(text)) !== null) {
      if (marked(fold(m[0]))) {
        spans.push([m.index, m.index + m[0].length]);
      }
    }
    var from = 0;
    var to = text.length;
    var size = 220;
    if (spans.length && spans[0][0] > size / 3) {
      from = text.lastIndexOf(" ", spans[0][0] - size / 3) + 1;
    }
    if (to - from > size) {
      to = text.indexOf(" ", from + size);
      if (to < 0) {
        to = text.length;
      }
    }
    var p = el("p", { "class": "result-excerpt" });
    if (from > 0) {
      p.appendChild(document.createTextNode("… "));
    }
    var at = from;
    spans.forEach(function (s) {
      if (s[0] < from || s[1] > to) {
        return;
      }
      p.appendChild(document.createTextNode(text.slice(at, s[0])));
      p.appendChild(el("mark", {}, [text.slice(s[0], s[1])]));
      at = s[1];
    });
    p.appendChild(document.createTextNode(text.slice(at, to)));
    if (to < text.length && text.slice(to - 1) !== "…") {
      p.appendChild(document.createTextNode(" …"));
    }
    return p;
  }

  moreEl.addEventListener("click", function () {
    var before = state.shown;
    state.shown += pageSize;
    draw();
    // Focus the first new result once it is there.
    var poll = function (tries) {
      var next = resultsEl.children[before];
      var a = next && next.querySelector("a");
      if (a) {
        a.focus();
      } else if (tries > 0) {
        setTimeout(function () { poll(tries - 1); }, 50);
      }
    };
    poll(40);
  });

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      state.q = input.value;
      state.filters = {};
      writeURL();
      go(true);
    }, 200);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    state.q = input.value;
    writeURL();
    go(false);
  });

  app.hidden = false;
  readURL();
  input.value = state.q;
  if (state.q.trim()) {
    document.title = state.q.trim() + " · " + title;
  }
  start().then(function () {
    if (state.q) {
      go(false);
    }
  }).catch(function () {
    statusEl.textContent = t("error");
  });
})();
