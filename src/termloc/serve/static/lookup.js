// termloc serve: the lookup page answers as you type (the form works without this script).
// It asks /api/lookup and draws the same cards as the page; all text goes in as text, never as HTML.
"use strict";
(() => {
  const form = document.getElementById("lookup");
  const results = document.getElementById("results");
  if (!form || !results) return;
  const box = form.elements.namedItem("q");
  const lang = form.elements.namedItem("lang");
  let timer = 0;
  let asked = 0;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    for (const child of children) node.append(child);
    return node;
  }

  function form_of(result, tag, text) {
    let node = el("span", { lang: tag }, text);
    if ((result.deprecated[tag] || []).includes(text)) node = el("del", { title: "deprecated" }, node);
    const matched = result.via ? result.source : result.matched;
    if (tag === result.matched_tag && text === matched) node = el("mark", {}, node);
    const parts = [node];
    if ((result.derived[tag] || []).includes(text)) {
      parts.push(" ", el("small", { class: "derived", title: "derived by character conversion" }, "derived"));
    }
    return parts;
  }

  function card(result) {
    const forms = el("dl", { class: "forms" });
    for (const [tag, texts] of Object.entries(result.forms)) {
      const dd = el("dd");
      texts.forEach((text, i) => {
        if (i) dd.append(" · ");
        dd.append(...form_of(result, tag, text));
      });
      forms.append(el("dt", {}, tag), dd);
    }
    let matched = result.matched;
    if (result.via) matched += ` (${result.via} of ${result.source})`;
    const how = `matched ${matched} in ${result.matched_tag} (${result.match}, score ${result.score})`;
    const article = el("article", { class: "card", "data-id": result.id },
      el("h2", {}, el("a", { href: `/glossary/${encodeURIComponent(result.id)}` }, result.id), " ",
        el("span", { class: "kind" }, `${result.kind} · ${result.group}`)),
      el("p", { class: "how" }, how), forms);
    if (result.note) article.append(el("p", { class: "note" }, result.note));
    if (result.sources.length) article.append(el("ul", { class: "sources" }, ...result.sources.map((s) => el("li", {}, s))));
    return article;
  }

  async function ask() {
    const query = box.value.trim();
    const mine = ++asked;
    const params = new URLSearchParams({ q: query });
    if (lang.value) params.set("lang", lang.value);
    history.replaceState(null, "", query ? `/?${params}` : "/");
    if (!query) {
      results.replaceChildren();
      return;
    }
    let answer;
    let found;
    try {
      answer = await fetch(`/api/lookup?${params}`, { headers: { Accept: "application/json" } });
      found = await answer.json();
    } catch (err) {
      if (mine === asked) results.replaceChildren(el("p", { class: "error", role: "alert" }, `lookup failed: ${err}`));
      return;
    }
    if (mine !== asked) return;  // a later keystroke asked again
    if (!answer.ok) {
      results.replaceChildren(el("p", { class: "error", role: "alert" }, found.error));
    } else if (!found.length) {
      results.replaceChildren(el("p", { class: "none" }, `No entry matches ${query}.`));
    } else {
      results.replaceChildren(...found.map(card));
    }
  }

  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 120);
  });
  lang.addEventListener("change", ask);
})();
