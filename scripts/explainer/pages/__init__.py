"""The pages: articles, glossary, timeline, who's who and home, in each edition, as Markdown of escaped element trees."""
