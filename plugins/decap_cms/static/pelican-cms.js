/* Decap CMS, taught this site's posts: Pelican's "Key: value" Markdown header (plugins/decap_cms).
 *
 * The "pelican" format reads a post's header as Python-Markdown's meta extension does and writes
 * it back line by line: a line whose value the author did not change is kept as it was, byte for
 * byte, and so are lines no field shows (Redirect_from, Modified...) and the text below the
 * header; only changed fields are rewritten and new ones added. Opening a post and saving it
 * unchanged leaves the file as it was. Dates are written "YYYY-MM-DD HH:MM" in the site's
 * TIMEZONE, whatever the author's computer's time zone. A post whose images lack a description
 * is refused, as `invoke check` refuses it.
 *
 * Loaded by admin/index.html before Decap; under node (tests) it only exports the format.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.CMS_MANUAL_INIT = true;
    root.addEventListener("DOMContentLoaded", function () { api.install(root); });
  }
})(this, function () {
  "use strict";

  // Python-Markdown's meta extension (and plugins/content_checks/source.py).
  var META = /^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)$/;
  var META_MORE = /^[ ]{4,}(.*)$/;
  // plugins/content_checks: an image with no alt text.
  var EMPTY_MARKDOWN_IMAGE = /!\[\s*\]\(/;
  var HTML_IMAGE_WITHOUT_ALT = /<img\b(?![^>]*\balt\s*=)[^>]*>/i;
  var NO_ALT = "an image has no alt text; describe it for readers who cannot see it: " +
    "![what the image shows]({static}/images/file.jpg)";

  // Each field the CMS shows, the header key it is written as, and how its value reads.
  var FIELDS = [
    { name: "title", key: "Title", kind: "line" },
    { name: "date", key: "Date", kind: "date" },
    { name: "author", key: "Author", kind: "line" },
    { name: "categories", key: "Category", kind: "categories" },
    { name: "tags", key: "Tags", kind: "list" },
    { name: "slug", key: "Slug", kind: "line" },
    { name: "summary", key: "Summary", kind: "line" },
    { name: "image", key: "Image", kind: "line" },
    { name: "image_alt", key: "Image_alt", kind: "line" },
    { name: "pinned", key: "Pinned", kind: "yesno" },
    { name: "status", key: "Status", kind: "status" },
  ];
  var SOURCE = "pelican_source";

  // -- the header, as Python-Markdown reads it ---------------------------------------------

  function splitLines(text) {
    return text.match(/[^\n]*\n|[^\n]+$/g) || [];
  }

  function stripEol(line) {
    return line.replace(/\r?\n$/, "");
  }

  /* {entries: [{key, lower, value, lines}], separator, body, eol} of a post's text. */
  function parse(text) {
    var lines = splitLines(text);
    var entries = [];
    var index = 0;
    var separator = "";
    for (; index < lines.length; index++) {
      var line = stripEol(lines[index]);
      if (line.trim() === "") {
        separator = lines[index];
        index++;
        break;
      }
      var meta = META.exec(line);
      if (meta) {
        entries.push({ key: meta[1], lower: meta[1].toLowerCase(), value: meta[2].trim(),
                       lines: [lines[index]] });
        continue;
      }
      var more = META_MORE.exec(line);
      if (more && entries.length) {
        var last = entries[entries.length - 1];
        last.value += "\n" + more[1].trim();
        last.lines.push(lines[index]);
        continue;
      }
      break;
    }
    return {
      entries: entries,
      separator: separator,
      body: lines.slice(index).join(""),
      eol: /\r\n/.test(text) ? "\r\n" : "\n",
    };
  }

  // -- dates in the site's time zone ---------------------------------------------------------

  var formatters = {};

  function wallClock(time, timeZone) {
    var format = formatters[timeZone] || (formatters[timeZone] = new Intl.DateTimeFormat(
      "en-US", { timeZone: timeZone, hourCycle: "h23", year: "numeric", month: "2-digit",
                 day: "2-digit", hour: "2-digit", minute: "2-digit" }));
    var parts = {};
    format.formatToParts(new Date(time)).forEach(function (part) {
      parts[part.type] = part.value;
    });
    return { year: +parts.year, month: +parts.month, day: +parts.day,
             hour: +parts.hour % 24, minute: +parts.minute };
  }

  function offsetMinutes(time, timeZone) {
    var wall = wallClock(time, timeZone);
    var asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
    return Math.round((asUtc - Math.floor(time / 60000) * 60000) / 60000);
  }

  /* The instant a wall-clock time in `timeZone` names, as Python's zoneinfo (and so Pelican)
   * reads it: the first of two when clocks go back, the offset before the change in the hour
   * skipped when they go forward. */
  function instantOf(year, month, day, hour, minute, timeZone) {
    var asUtc = Date.UTC(year, month - 1, day, hour, minute);
    var wanted = wallText({ year: year, month: month, day: day, hour: hour, minute: minute });
    var before = asUtc - offsetMinutes(asUtc - 86400000, timeZone) * 60000;
    var after = asUtc - offsetMinutes(asUtc + 86400000, timeZone) * 60000;
    if (wallText(wallClock(before, timeZone)) === wanted) {
      return before;
    }
    return wallText(wallClock(after, timeZone)) === wanted ? after : before;
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function wallText(wall) {
    return wall.year + "-" + pad(wall.month) + "-" + pad(wall.day) + " " + pad(wall.hour) +
      ":" + pad(wall.minute);
  }

  var HEADER_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/;

  /* "2026-11-25 09:30" in the header -> "2026-11-25T09:30-05:00" for Decap's date picker. */
  function headerDateToWidget(value, timeZone) {
    var match = HEADER_DATE.exec(value);
    if (!match) {
      return value;
    }
    var time = instantOf(+match[1], +match[2], +match[3], +(match[4] || 0), +(match[5] || 0),
                         timeZone);
    var offset = offsetMinutes(time, timeZone);
    var wall = wallClock(time, timeZone);
    var sign = offset < 0 ? "-" : "+";
    offset = Math.abs(offset);
    return wallText(wall).replace(" ", "T") + sign + pad(Math.floor(offset / 60)) + ":" +
      pad(offset % 60);
  }

  /* What Decap's picker holds (any ISO form) -> "YYYY-MM-DD HH:MM" in `timeZone`. */
  function widgetDateToHeader(value, timeZone) {
    if (!value) {
      return "";
    }
    var header = HEADER_DATE.exec(value);
    var time = header && !/[zZ]|[+-]\d{2}:?\d{2}$/.test(value.slice(10))
      ? instantOf(+header[1], +header[2], +header[3], +(header[4] || 0), +(header[5] || 0),
                  timeZone)
      : Date.parse(value);
    return isNaN(time) ? String(value) : wallText(wallClock(time, timeZone));
  }

  // -- values, as the header holds them -------------------------------------------------------

  function oneLine(value) {
    return String(value === undefined || value === null ? "" : value).replace(/\s+/g, " ").trim();
  }

  function asList(value) {
    if (value === undefined || value === null || value === "") {
      return [];
    }
    if (typeof value.toJS === "function") {
      value = value.toJS();
    }
    if (!Array.isArray(value)) {
      value = String(value).split(",");
    }
    return value.map(oneLine).filter(function (item) { return item; });
  }

  function splitTags(value) {
    // Pelican splits on semicolons when there are any, else on commas.
    return value.split(value.indexOf(";") >= 0 ? ";" : ",").map(oneLine)
      .filter(function (item) { return item; });
  }

  function uniqueByCase(items) {
    var seen = {};
    return items.filter(function (item) {
      var key = item.toLowerCase();
      return seen[key] ? false : (seen[key] = true);
    });
  }

  /* The text a field is written as in the header; "" for no line. */
  function headerValue(field, data, settings) {
    var value = data[field.name];
    switch (field.kind) {
      case "date":
        return widgetDateToHeader(value, settings.timezone);
      case "categories":
        return uniqueByCase(asList(data.categories).concat(asList(data.new_categories)))
          .join(settings.categorySeparator + " ");
      case "list":
        return asList(value).join(", ");
      case "yesno":
        return value === true ? "yes" : "";
      case "status":
        value = oneLine(value).toLowerCase();
        return value === "published" ? "" : value;
      default:
        return oneLine(value);
    }
  }

  /* The same, for comparing: spacing between the items of a list does not count. */
  function comparable(field, text) {
    if (field.kind === "categories" || field.kind === "list") {
      return text.split(/\s*[,;]\s*/).filter(function (item) { return item; }).join(",");
    }
    return text;
  }

  // -- the format -----------------------------------------------------------------------------

  function fromFile(text, settings) {
    var source = parse(text);
    var known = {};
    (settings.categories || []).forEach(function (name) { known[name.toLowerCase()] = name; });
    var data = { body: source.body };
    data[SOURCE] = text;
    FIELDS.forEach(function (field) {
      var entry = find(source, field);
      var value = entry ? entry.value : "";
      switch (field.kind) {
        case "date":
          data.date = entry ? headerDateToWidget(value, settings.timezone) : "";
          break;
        case "categories":
          var names = uniqueByCase(value.split(settings.categorySeparator).map(oneLine)
            .filter(function (item) { return item; }));
          data.categories = names.filter(function (n) { return known[n.toLowerCase()]; })
            .map(function (n) { return known[n.toLowerCase()]; });
          data.new_categories = names.filter(function (n) { return !known[n.toLowerCase()]; });
          break;
        case "list":
          data[field.name] = splitTags(value);
          break;
        case "yesno":
          data[field.name] = /^(yes|true)$/i.test(value);
          break;
        case "status":
          data.status = value ? value.toLowerCase() : "published";
          break;
        default:
          if (entry) {
            data[field.name] = oneLine(value);
          }
      }
    });
    return data;
  }

  function find(source, field) {
    var lower = field.key.toLowerCase();
    for (var i = 0; i < source.entries.length; i++) {
      if (source.entries[i].lower === lower) {
        return source.entries[i];
      }
    }
    return null;
  }

  function checkImages(data) {
    if (oneLine(data.image) && !oneLine(data.image_alt)) {
      throw new Error("The featured image has no description: write what a reader who " +
                      "cannot see it should know in \u201cDescription of the featured image\u201d.");
    }
    var body = String(data.body || "");
    if (EMPTY_MARKDOWN_IMAGE.test(body) || HTML_IMAGE_WITHOUT_ALT.test(body)) {
      throw new Error("The text: " + NO_ALT);
    }
  }

  function toFile(data, settings) {
    checkImages(data);
    var original = data[SOURCE];
    var source = parse(original || "");
    var eol = original ? source.eol : "\n";
    var replaced = new Map();
    var added = [];
    FIELDS.forEach(function (field) {
      var written = headerValue(field, data, settings);
      var entry = find(source, field);
      if (!entry) {
        if (written) {
          added.push(field.key + ": " + written + eol);
        }
        return;
      }
      var before = headerValue(field, fromFile(original, settings), settings);
      if (comparable(field, written) !== comparable(field, before)) {
        replaced.set(entry, written || field.kind === "list" ? entry.key + ": " + written + eol
                                                            : "");
      }
    });
    var header = source.entries.map(function (entry) {
      return replaced.has(entry) ? replaced.get(entry) : entry.lines.join("");
    }).join("") + added.join("");
    var body = data.body === undefined || data.body === null ? "" : String(data.body);
    if (original && body === source.body) {
      return header + source.separator + body;
    }
    body = body.replace(/\r?\n/g, eol);
    if (body && !/\n$/.test(body)) {
      body += eol;
    }
    return header + eol + body;
  }

  // -- new posts: their address and their year folder -----------------------------------------

  /* A post's address from its title, as Pelican's slugify and `invoke new-post` make it. */
  function makeSlug(title, length) {
    var slug = String(title || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\w\s-]/g, "").trim().replace(/[-\s]+/g, "-").toLowerCase()
      .replace(/^-+|-+$/g, "");
    if (slug.length > length) {
      var cut = slug.slice(0, length + 1);
      cut = cut.slice(0, cut.lastIndexOf("-"));
      slug = cut && cut.length <= length ? cut : slug.slice(0, length);
    }
    return slug.replace(/^-+|-+$/g, "");
  }

  function uniqueSlug(slug, taken) {
    var used = {};
    (taken || []).forEach(function (item) { used[item] = true; });
    var candidate = slug;
    for (var number = 2; used[candidate]; number++) {
      candidate = slug + "-" + number;
    }
    return candidate;
  }

  function nowInZone(timeZone) {
    return headerDateToWidget(wallText(wallClock(Date.now(), timeZone)), timeZone);
  }

  /* Decap's preSave: fill in what a new post needs before its path is worked out. */
  function prepare(data, collection, isNew, settings) {
    var result = {};
    if (!data.date && collection === "posts") {
      result.date = nowInZone(settings.timezone);
    }
    var date = widgetDateToHeader(result.date || data.date, settings.timezone);
    result.year_folder = date.slice(0, 4);
    if (isNew && !data.slug) {
      var slug = makeSlug(data.title, settings.slugLength) ||
        "post-" + date.replace(/\D/g, "").slice(0, 12);
      result.slug = uniqueSlug(slug, (settings.slugs || {})[collection]);
    }
    return result;
  }

  // -- the preview pane -----------------------------------------------------------------------

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];
  var DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

  /* DEFAULT_DATE_FORMAT's strftime codes, for a "YYYY-MM-DD HH:MM" date. */
  function siteDate(header, format) {
    var match = HEADER_DATE.exec(header);
    if (!match) {
      return header;
    }
    var day = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])).getUTCDay();
    var codes = {
      Y: match[1], m: match[2], d: match[3], "-d": String(+match[3]), "-m": String(+match[2]),
      B: MONTHS[+match[2] - 1], b: MONTHS[+match[2] - 1].slice(0, 3), A: DAYS[day],
      a: DAYS[day].slice(0, 3), H: match[4] || "00", M: match[5] || "00", "%": "%",
    };
    return format.replace(/%(-?[A-Za-z%])/g, function (all, code) {
      return codes[code] !== undefined ? codes[code] : all;
    });
  }

  function previewTemplate(h, settings) {
    return function (props) {
      var data = props.entry.get("data").toJS();
      var image = oneLine(data.image);
      var categories = uniqueByCase(asList(data.categories).concat(asList(data.new_categories)));
      var tags = asList(data.tags);
      var date = widgetDateToHeader(data.date, settings.timezone);
      return h("main", { id: "main", className: "wrap" },
        h("article", { className: "post" },
          h("header", { className: "post-header" },
            h("h1", null, data.title || ""),
            h("p", { className: "post-meta" },
              date ? h("span", { className: "post-date" }, "Posted ",
                       h("time", null, siteDate(date, settings.dateFormat))) : null,
              data.author ? h("span", { className: "post-authors" }, " by " + data.author)
                          : null)),
          image ? h("figure", { className: "featured-image" },
                    h("img", { src: String(props.getAsset(image)), alt: data.image_alt || "" }))
                : null,
          h("div", { className: "post-content" }, props.widgetFor("body")),
          h("footer", { className: "post-footer" },
            categories.length ? h("p", { className: "posted-in" },
                                  "Posted in: " + categories.join(" | ")) : null,
            tags.length ? h("p", { className: "post-tags" }, "Tags: " + tags.join(", "))
                        : null)));
    };
  }

  /* The text's image button, with the description in plain words (and kept titles). */
  var IMAGE_BLOCK = /^!\[(.*)\]\((\S*?)(?:\s+"(.*)")?\)$/;

  function imageComponent(h) {
    return {
      id: "image",
      label: "Image",
      fields: [
        { label: "Image", name: "image", widget: "image" },
        { label: "Description of the image", name: "alt", widget: "string",
          hint: "What a reader who cannot see the image should know." },
        { label: "Title", name: "title", widget: "hidden" },
      ],
      pattern: IMAGE_BLOCK,
      fromBlock: function (match) {
        return { alt: match[1], image: match[2], title: match[3] };
      },
      toBlock: function (data) {
        var title = data.title ? " \"" + String(data.title).replace(/"/g, "\\\"") + "\"" : "";
        return "![" + oneLine(data.alt) + "](" + (data.image || "") + title + ")";
      },
      toPreview: function (data, getAsset, fields) {
        var field = fields && fields.find(function (f) { return f.get("widget") === "image"; });
        return h("img", { src: String(getAsset(data.image, field) || ""), alt: data.alt || "" });
      },
    };
  }

  function install(window) {
    var element = window.document.getElementById("pelican-cms-settings");
    var settings = JSON.parse(element.textContent);
    var CMS = window.CMS;
    CMS.registerCustomFormat("pelican", "md", {
      fromFile: function (text) { return fromFile(text, settings); },
      toFile: function (data) { return toFile(data, settings); },
    });
    CMS.registerEventListener({
      name: "preSave",
      handler: function (event) {
        var entry = event.entry;
        var data = entry.get("data");
        var changes = prepare(data.toJS(), entry.get("collection"), entry.get("newRecord"),
                              settings);
        Object.keys(changes).forEach(function (name) { data = data.set(name, changes[name]); });
        return data;
      },
    });
    CMS.registerPreviewStyle(new window.URL(settings.stylesheet, window.document.baseURI).href);
    CMS.registerEditorComponent(imageComponent(window.h));
    var preview = previewTemplate(window.h, settings);
    CMS.registerPreviewTemplate("posts", preview);
    CMS.registerPreviewTemplate("pages", preview);
    CMS.init();
  }

  return {
    parse: parse, fromFile: fromFile, toFile: toFile, makeSlug: makeSlug,
    uniqueSlug: uniqueSlug, prepare: prepare, imageComponent: imageComponent, headerDateToWidget: headerDateToWidget,
    widgetDateToHeader: widgetDateToHeader, siteDate: siteDate, install: install,
  };
});
