"""Reading an article in: source bytes → checked, normalised text → segments → the en.po catalog, and an article's folder as one `Article`."""
