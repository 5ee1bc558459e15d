// The search box: the index is a script (search-index.js), not a file fetched, so it works from the file
// system as well as from a web server. Every word typed must appear in a section's title or text.
(function () {
  var box = document.getElementById("search"), list = document.getElementById("results");
  if (!box || !window.SEARCH) { return; }
  function fold(s) { return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }
  var entries = window.SEARCH.map(function (e) { return { e: e, text: fold(e.t + " " + e.x) }; });
  function run() {
    var words = fold(box.value).split(/\s+/).filter(function (w) { return w.length > 1; });
    list.innerHTML = "";
    if (!words.length) { return; }
    entries.filter(function (x) { return words.every(function (w) { return x.text.indexOf(w) >= 0; }); })
      .slice(0, 20).forEach(function (x) {
        var i = fold(x.e.x).indexOf(words[0]), li = document.createElement("li"), a = document.createElement("a");
        a.href = x.e.u; a.textContent = x.e.t; li.appendChild(a);
        var small = document.createElement("small");
        small.textContent = x.e.x.substring(Math.max(0, i - 40), i + 80);
        li.appendChild(small); list.appendChild(li);
      });
  }
  box.addEventListener("input", run);
  var asked = new URLSearchParams(location.search).get("q"); // ?q=words: a search that can be linked to
  if (asked) { box.value = asked; run(); }
})();

// Mermaid diagrams: pandoc writes a ```mermaid block as <pre class="mermaid"><code>; Mermaid wants its text.
function drawDiagrams() {
  if (!window.mermaid) { return; }
  document.querySelectorAll("pre.mermaid").forEach(function (pre) {
    var div = document.createElement("div");
    div.className = "mermaid";
    div.textContent = pre.textContent;
    pre.replaceWith(div);
  });
  window.mermaid.initialize({ startOnLoad: false });
  window.mermaid.run({ querySelector: "div.mermaid" }).then(selfTest, selfTest);
}

// ?selftest=1 (the browser test): what this page looks like once drawn, as JSON in a <pre id="selftest">.
function selfTest() {
  if (new URLSearchParams(location.search).get("selftest") !== "1") { return; }
  var images = Array.prototype.slice.call(document.images);
  var report = {
    diagrams: document.querySelectorAll("div.mermaid").length,
    drawn: document.querySelectorAll("div.mermaid svg").length,
    brokenImages: images.filter(function (i) { return !i.complete || i.naturalWidth === 0; })
      .map(function (i) { return i.getAttribute("src"); }),
    languages: document.querySelectorAll("nav .languages a").length,
    results: document.querySelectorAll("#results li").length
  };
  var pre = document.createElement("pre");
  pre.id = "selftest";
  pre.textContent = JSON.stringify(report);
  document.body.appendChild(pre);
}
