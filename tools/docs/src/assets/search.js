// Pagefind's own UI over the index the build wrote to pagefind/ (guides, package pages, docs).
window.addEventListener("DOMContentLoaded", () => {
  new PagefindUI({ element: "#search", showSubResults: true, showImages: false });
});
