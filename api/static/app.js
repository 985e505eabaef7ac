// Niceties on top of pages that already work without JavaScript.
"use strict";

// Collaboration picture: hovering or focusing a co-worker names them below the picture and
// highlights their ties; the dots themselves are links, so a click opens the profile.
function wireEgoNetwork(svg) {
  const tooltip = document.getElementById("ego-tooltip");
  const lines = Array.from(svg.querySelectorAll("line"));
  const show = (node) => {
    const id = node.dataset.id;
    tooltip.textContent = node.getAttribute("aria-label") || node.dataset.name || "";
    for (const line of lines) {
      line.classList.toggle("lit", line.dataset.a === id || line.dataset.b === id);
    }
  };
  const clear = () => {
    tooltip.textContent = "";
    for (const line of lines) line.classList.remove("lit");
  };
  for (const node of svg.querySelectorAll("a.node")) {
    node.addEventListener("mouseenter", () => show(node));
    node.addEventListener("focus", () => show(node));
    node.addEventListener("mouseleave", clear);
    node.addEventListener("blur", clear);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const svg = document.getElementById("ego-network");
  if (svg) wireEgoNetwork(svg);
});
