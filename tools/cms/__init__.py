"""Writing in the browser: Decap CMS at /admin/ (`invoke cms`, the vendored app)."""
