// The 404 page: fill its search box with the words of the missing address, so that
// /2011/07/sticky-wicket/ offers a search for "sticky wicket". Loaded only on 404.html.
const input = document.getElementById("not-found-q");
const words = decodeURIComponent(window.location.pathname)
  .split(/[^\p{L}\p{N}]+/u)
  .filter((word) => word && !/^\d+$/.test(word) && !/^(index|html?|php|page)$/i.test(word));
if (input && !input.value) input.value = words.join(" ");
