"""Turns Arabic news articles in content/ into bilingual Markdown pages in docs/."""
